// While training, the main thread has no long task over 100 ms after load
// (PerformanceObserver 'longtask').
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, openApp, waitStatus } from "./helpers.mjs";

let server, browser, page;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

test("no long task over 100 ms while training", async () => {
  page = await browser.newPage({ viewport: { width: 1320, height: 1000 } });
  await page.addInitScript(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.longTasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: "longtask", buffered: true });
  });
  await page.goto(server.url);
  await waitStatus(page, "ready");
  await page.waitForTimeout(500);
  const loadedAt = await page.evaluate(() => performance.now());
  await page.click("#play");
  await waitStatus(page, "training");
  await page.waitForTimeout(12000); // crosses an epoch end (validation, snapshot) at ~8k samples/s
  await page.click("#pause");
  await waitStatus(page, "paused");
  const tasks = await page.evaluate((t) => window.longTasks.filter((x) => x.start > t), loadedAt);
  const all = await page.evaluate(() => window.longTasks);
  console.log(`long tasks after load: ${JSON.stringify(tasks)}; during load: ${all.length - tasks.length}`);
  assert.deepEqual(tasks.filter((t) => t.ms > 100), [], "long tasks over 100 ms while training");
});
