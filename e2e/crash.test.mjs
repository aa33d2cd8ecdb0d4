// A crashed engine: the page says so and can restart it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, openApp, waitStatus, shot } from "./helpers.mjs";

let server, browser, page;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { page?.saveLogs(); await browser?.close(); server?.stop(); });

test("a crashed worker shows a message and restarts", async () => {
  page = await openApp(browser, server.url, { name: "crash" });
  await page.evaluate(() => window.flsestEngine.call("POST", "/api/debug/crash", null, () => {}));
  await page.waitForSelector("#crash", { timeout: 10000 });
  assert.match(await page.textContent("#crash"), /The engine stopped/);
  assert.equal(await page.textContent("#status"), "engine stopped");
  await shot(page, "crash");
  await page.click("#restart");
  await waitStatus(page, "ready", 60000);
  await page.click("#step");
  await waitStatus(page, "paused", 10000);
});
