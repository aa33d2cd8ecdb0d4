// The page's shell (index.html): painted before any wasm runs, replaced in
// place by the UI, with the same titles and labels; the modules arrive
// compressed and the page still loads and trains.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, openApp, waitStatus, waitUntil, steps } from "./helpers.mjs";

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

test("the shell is on screen while no wasm has arrived", async () => {
  const page = await browser.newPage({ viewport: { width: 1320, height: 1000 } });
  await page.route("**/*.wasm", () => {}); // never answered
  await page.goto(server.url);
  const shell = await page.evaluate(() => ({
    title: document.querySelector("header h1")?.innerText,
    status: document.querySelector("#status")?.textContent,
    panels: [...document.querySelectorAll("#shell .panel > h2")].map((h) => h.textContent),
    labels: document.querySelectorAll("#shell .controls label").length,
    loading: document.querySelector("#loading")?.checkVisibility(),
  }));
  assert.match(shell.title, /FLSEST/);
  assert.equal(shell.status, "starting the engine");
  assert.deepEqual(shell.panels, ["Train", "Result", "Learning curves", "SEST per field", "SEST per coordinate", "FwBI: r[i][j] per stream", "Sample inspector",
    "Compare models", "Which features matter", "Quality per slice", "Embedding projector", "One prediction, end to end"]);
  assert.ok(shell.labels >= 10, `${shell.labels} control labels in the shell`);
  assert.equal(shell.loading, true);
  await page.close();
});

test("a UI module that cannot load is reported in the shell", async () => {
  const page = await browser.newPage();
  await page.route("**/build/ui.wasm", (r) => r.fulfill({ status: 404, body: "gone" }));
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelector("#loading p")?.textContent.includes("could not start"), null, { timeout: 10000 });
  await page.close();
});

test("the UI replaces the shell in place, with its titles and labels", async () => {
  const page = await browser.newPage({ viewport: { width: 1320, height: 1000 } });
  const encodings = {};
  page.on("response", (r) => {
    const p = new URL(r.url()).pathname;
    if (p.endsWith(".wasm")) encodings[p] = [r.headers()["content-encoding"], r.headers()["content-type"]];
  });
  // The shell's outline as first laid out, before the UI runs.
  await page.addInitScript(() => document.addEventListener("DOMContentLoaded", () => {
    const box = (s) => { const r = document.querySelector(s).getBoundingClientRect(); return { x: r.x, y: r.y }; };
    window.shellBoxes = { controls: box("#shell .controls"), results: box("#shell .results") };
  }));
  await page.goto(server.url);
  await waitStatus(page, "ready");
  // The ready page reveals its panels one task each (ui/reveal.go): wait for as many as the shell outlines.
  const shellPanels = (await (await fetch(server.url)).text()).match(/<section class="panel /g).length;
  await page.waitForFunction((n) => document.querySelectorAll("main > .panel > h2").length >= n, shellPanels, { timeout: 10000 });
  const live = await page.evaluate(() => ({
    shellGone: !document.querySelector("#shell") && !document.body.classList.contains("booting"),
    boxes: Object.fromEntries(["#controls", "#results"].map((s) => { const r = document.querySelector(s).getBoundingClientRect(); return [s, { x: r.x, y: r.y }]; })),
    titles: [...document.querySelectorAll("main > .panel > h2")].map((h) => h.firstChild.textContent.trim()),
    labels: [...document.querySelectorAll("#controls label")].map((l) => l.textContent),
  }));
  assert.ok(live.shellGone, "the shell is still there");
  const shell = await page.evaluate(() => window.shellBoxes);
  for (const [s, k] of [["#controls", "controls"], ["#results", "results"]]) {
    assert.ok(Math.abs(live.boxes[s].x - shell[k].x) < 2 && Math.abs(live.boxes[s].y - shell[k].y) < 2,
      `${s} at ${JSON.stringify(live.boxes[s])}, its outline was at ${JSON.stringify(shell[k])}`);
  }
  // The shell's words are the page's: read them from index.html as served.
  const html = await (await fetch(server.url)).text();
  const fromShell = await page.evaluate((h) => {
    const doc = new DOMParser().parseFromString(h, "text/html");
    return {
      titles: [...doc.querySelectorAll("#shell .panel > h2")].map((e) => e.textContent),
      labels: [...doc.querySelectorAll("#shell .controls label")].map((e) => e.textContent),
    };
  }, html);
  assert.deepEqual(fromShell.titles, live.titles);
  assert.deepEqual(fromShell.labels, live.labels.slice(0, fromShell.labels.length));
  for (const [p, [enc, type]] of Object.entries(encodings)) {
    assert.ok(enc === "br" || enc === "gzip", `${p}: Content-Encoding ${enc}`);
    assert.equal(type, "application/wasm", p);
  }
  assert.ok(encodings["/build/ui.wasm"], "ui.wasm was not fetched");
  // And it trains.
  await page.click("#step");
  await waitStatus(page, "paused", 20000);
  assert.ok((await steps(page)) >= 1);
  await page.close();
});

test("the service worker keeps the modules compressed", async () => {
  const page = await openApp(browser, server.url, { name: "sw-packed" });
  const kept = await waitUntil(page, async () => {
    if (!navigator.serviceWorker.controller) return false;
    const c = await caches.open("flsest-app");
    const out = {};
    for (const p of ["/build/ui.wasm", "/build/engine.wasm"]) {
      const r = await c.match(p);
      if (!r) return false;
      out[p] = { packed: r.headers.get("X-Flsest-Packed"), bytes: (await r.arrayBuffer()).byteLength };
    }
    return out;
  }, null, { timeout: 30000, polling: 250 });
  for (const [p, k] of Object.entries(kept)) {
    const raw = Number((await fetch(server.url + p.slice(1), { method: "HEAD", headers: { "Accept-Encoding": "identity" } })).headers.get("content-length"));
    const gz = Number((await fetch(server.url + p.slice(1) + ".gz", { method: "HEAD" })).headers.get("content-length"));
    assert.equal(k.packed, "gzip", p);
    assert.equal(k.bytes, gz, `${p}: kept ${k.bytes} bytes, its gzip copy has ${gz} (the module ${raw})`);
    assert.ok(gz < raw / 2);
  }
  await page.close();
});
