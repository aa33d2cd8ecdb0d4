// Offline: after one visit the app loads, starts its engine and trains with
// the server gone (assets/sw.js keeps what the page loaded).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, openApp, waitStatus, waitUntil, api } from "./helpers.mjs";

let server, browser, page;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { page?.saveLogs(); await browser?.close(); server?.stop(); });

test("the app reloads and trains with the server stopped", async () => {
  page = await openApp(browser, server.url, { name: "offline" });
  // Wait until the service worker controls the page and holds the modules and the data.
  await waitUntil(page, async () => {
    if (!navigator.serviceWorker.controller) return false;
    const c = await caches.open("flsest-app");
    const keys = (await c.keys()).map((r) => new URL(r.url).pathname);
    return ["/build/ui.wasm", "/build/engine.wasm", "/data/ml-100k.zip"].every((p) => keys.includes(p));
  }, null, { timeout: 30000, polling: 250 });
  server.stop();
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await page.evaluate(() => fetch("/index.html", { cache: "no-store" }).then((r) => r.ok, () => false)), true, "the kept index.html answers");
  await page.reload();
  await waitStatus(page, "ready", 60000);
  await page.click("#step");
  await waitStatus(page, "paused", 10000);
  assert.ok((await api(page, "GET", "/api/state")).body.progress.steps >= 1);
});
