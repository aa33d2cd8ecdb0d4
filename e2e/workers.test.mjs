// Data-parallel training in the browser: two Web Workers train each batch
// together, the page says so, and the result is the native CLI's with
// -workers 2 to every digit (same shards, same replica seeds, same order of
// additions).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { startServer, launch, openApp, waitStatus, api, root } from "./helpers.mjs";

let server, browser, page;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { page?.saveLogs(); await browser?.close(); server?.stop(); });

test("two workers train like the native CLI with -workers 2", async () => {
  page = await openApp(browser, server.url, { hash: "workers=2&batches_per_epoch=40&epochs=2", name: "workers" });
  await page.click("#play");
  await page.waitForFunction(() => /on 2 workers/.test(document.querySelector("#speed")?.textContent ?? ""), null, { timeout: 30000, polling: 100 });
  await waitStatus(page, "finished", 120000);
  const st = (await api(page, "GET", "/api/state")).body;
  assert.equal(st.progress.workers, 2);
  const native = spawnSync(join(root, "build", "flsest"), ["train", "-json", "-quiet", "-data", process.env.FLSEST_DATA,
    "-workers", "2", "-batches-per-epoch", "40", "-epochs", "2"], { encoding: "utf8" });
  assert.equal(native.status, 0, native.stderr);
  const n = JSON.parse(native.stdout.trim().split("\n").pop());
  assert.equal(st.result.test_auc.toFixed(12), n.test_auc.toFixed(12), `page ${st.result.test_auc}, native ${n.test_auc}`);
});
