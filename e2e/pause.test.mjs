// Pause stops progress; play continues it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, openApp, waitStatus, waitUntil, steps } from "./helpers.mjs";

let server, browser, page;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { page?.saveLogs(); await browser?.close(); server?.stop(); });

test("pause stops progress and play continues", async () => {
  page = await openApp(browser, server.url, { name: "pause" });
  await page.click("#play");
  await waitStatus(page, "training");
  await page.waitForFunction(() => /[1-9]/.test(document.querySelector("#step-counter")?.textContent ?? ""), null, { timeout: 30000 });
  // Measured, not asserted (timings are for BENCHMARKS.md): click → the
  // engine reports paused, and click → the page shows it.
  const [engineMs, pageMs] = await page.evaluate(async () => {
    const t0 = performance.now();
    let engine = 0, shown = 0;
    document.querySelector("#pause").click();
    while (!engine || !shown) {
      if (!engine && (await window.flsestEngine.json("GET", "/api/state")).body.status === "paused") engine = performance.now() - t0;
      if (!shown && document.querySelector("#status").textContent === "paused") shown = performance.now() - t0;
      await new Promise((r) => setTimeout(r, 5));
    }
    return [engine, shown];
  });
  await waitStatus(page, "paused", 5000);
  const n = await steps(page);
  await page.waitForTimeout(1000);
  assert.equal(await steps(page), n, "steps advanced while paused");
  console.log(`pause: engine paused ${engineMs.toFixed(0)} ms, page shows it ${pageMs.toFixed(0)} ms after the click`);
  await page.click("#play");
  await waitUntil(page, async (n) => (await window.flsestEngine.json("GET", "/api/state")).body.progress.steps > n, n, { timeout: 30000, polling: 200 });
  await page.click("#pause");
  await waitStatus(page, "paused", 5000);
});
