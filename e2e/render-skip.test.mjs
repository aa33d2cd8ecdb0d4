// Renders send only the subtrees that changed (ui/skip_subtrees.go): after
// loading, opening every panel, training and pausing, a what-if edit and a
// settings change, the page's DOM is exactly what a render that sends
// every node makes (window.flsestRenderAll), and a render while training
// sends a fraction of the managed elements.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, openApp, waitStatus, managedElements, api } from "./helpers.mjs";

let server, browser, page;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { page?.saveLogs(); await browser?.close(); server?.stop(); });

// The DOM under the app, islands' drawings left out (charts.js draws them,
// not Vugu), with each form field's live value.
const dom = () => page.evaluate(() => {
  const app = document.querySelector(".app");
  const copy = app.cloneNode(true);
  for (const isl of copy.querySelectorAll("[data-island]")) isl.replaceChildren();
  const live = [...app.querySelectorAll("input, select, textarea")].map((e) => `${e.id}=${e.type === "checkbox" ? e.checked : e.value}`);
  return copy.outerHTML + "\n" + live.join("\n");
});

async function sameAsFullRender(when) {
  // The open views refetch when the model changes (a pause after training):
  // wait until each one's "step N" is the engine's step, or a report
  // arriving between the two snapshots below would read as a difference.
  const { progress } = (await api(page, "GET", "/api/state")).body;
  await page.waitForFunction((n) => [...document.querySelectorAll(".panel .note")]
    .map((e) => /^step ([\d\s\u202f]+),/.exec(e.textContent)?.[1].replace(/\D/g, ""))
    .every((s) => s === undefined || s === String(n)), progress.steps, { timeout: 60000 });
  await page.waitForTimeout(400); // the ticker's renders settle
  const skipped = await dom();
  const t = await page.evaluate(() => { const t = performance.now(); window.flsestRenderAll(); return t; });
  // The next render that skipped nothing (one of the ticker's may come first).
  await page.waitForFunction((t) => window.flsestRenders.at.some((at, i) => at > t && window.flsestRenders.skipped[i] === 0), t);
  const rendered = await dom();
  if (skipped !== rendered) {
    const a = skipped.split(/(?=<)|\n/), b = rendered.split(/(?=<)|\n/);
    const i = a.findIndex((x, k) => x !== b[k]);
    assert.fail(`${when}: the DOM differs from a full render at\n  ${a.slice(Math.max(0, i - 2), i + 3).join("")}\nvs\n  ${b.slice(Math.max(0, i - 2), i + 3).join("")}`);
  }
}

test("the subtrees a render skips are what a full render makes", async () => {
  page = await openApp(browser, server.url, { name: "render-skip" });
  await page.waitForSelector("#lesson"); // the last panel the ready page reveals (ui/reveal.go)
  await sameAsFullRender("ready");
  await page.click("#controls details summary");
  await page.fill("#movie-search", "star wars");
  await page.click(".hit");
  await page.waitForFunction(() => document.querySelector("#waterfall-variant")?.dataset.variant === "background", null, { timeout: 60000 });
  for (const id of ["sest-coords", "slices", "projector"]) await page.click(`#${id}-toggle`);
  await page.waitForSelector("#projector-chart canvas[data-points]", { timeout: 60000 });
  await sameAsFullRender("every panel open");

  await page.click("#play");
  await waitStatus(page, "training");
  await page.waitForTimeout(3000);
  const sent = await page.evaluate(() => window.flsestRenders.sent.slice(-8));
  const managed = await managedElements(page);
  console.log(`render-skip: the last renders while training sent ${sent.join(", ")} of ${managed} managed elements (shared machine)`);
  assert.ok(Math.max(...sent) < managed / 2, `renders while training sent ${sent.join(", ")} of ${managed} elements`);
  await page.click("#pause");
  await waitStatus(page, "paused");
  await sameAsFullRender("paused after training");

  const current = await page.$eval("#wi-occupation", (e) => e.value);
  const pBefore = await page.$eval("#whatif-p", (e) => e.dataset.p);
  await page.selectOption("#wi-occupation", current === "doctor" ? "artist" : "doctor");
  await page.waitForFunction((b) => document.querySelector("#whatif-p")?.dataset.p !== b, pBefore, { timeout: 20000 });
  await page.waitForFunction(() => document.querySelector("#waterfall-variant")?.dataset.variant === "background", null, { timeout: 60000 });
  await sameAsFullRender("after a what-if edit");

  await page.click("#reset");
  await waitStatus(page, "ready");
  await page.fill("#ctl-lr", "0.002");
  await page.press("#ctl-lr", "Tab");
  await page.waitForFunction(() => location.hash.includes("lr=0.002"), null, { timeout: 20000 });
  await sameAsFullRender("after a settings change");
});
