// Keyboard: Space plays and pauses, → trains one batch, R resets.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, openApp, waitStatus, steps } from "./helpers.mjs";

let server, browser, page;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { page?.saveLogs(); await browser?.close(); server?.stop(); });

test("Space, → and R drive training", async () => {
  page = await openApp(browser, server.url, { name: "keyboard" });
  await page.locator("body").click({ position: { x: 5, y: 5 } }); // focus the page, not a control
  await page.keyboard.press("ArrowRight");
  await waitStatus(page, "paused", 10000);
  assert.equal(await steps(page), 1, "→ trains exactly one batch");
  await page.keyboard.press("Space");
  await waitStatus(page, "training", 5000);
  await page.keyboard.press("Space");
  await waitStatus(page, "paused", 5000);
  assert.ok((await steps(page)) >= 1);
  await page.keyboard.press("r");
  await waitStatus(page, "ready", 5000);
  assert.equal(await steps(page), 0, "R resets to step 0");
});
