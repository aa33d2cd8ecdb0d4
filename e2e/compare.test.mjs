// The Compare view trains four models one after another; its leaderboard
// matches `flsest train` natively for the same settings and seed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { startServer, launch, openApp, api, root, shot } from "./helpers.mjs";

let server, browser, page;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { page?.saveLogs(); await browser?.close(); server?.stop(); });

// compareInPage runs the Compare view on the given models (after unticking
// the default selection) and checks each row against `flsest train`.
async function compareInPage(name, models) {
  page = await openApp(browser, server.url, { hash: "batches_per_epoch=25&epochs=2", name });
  await page.waitForSelector("#lesson", { state: "attached" }); // the last panel the ready page reveals
  for (const box of await page.$$(".compare-pick input[type=checkbox]")) {
    const want = models.includes(await box.getAttribute("data-model"));
    if ((await box.isChecked()) !== want) await box.click();
  }
  await page.waitForFunction((n) => document.querySelectorAll(".compare-pick input:checked").length === n, models.length);
  await page.click("#compare-run");
  await page.waitForFunction((n) => document.querySelectorAll("#leaderboard .leader-row").length === n && !document.querySelector("#compare-cancel"), models.length, { timeout: 240000 });
  const rows = await page.$$eval("#leaderboard .leader-row", (rs) => rs.map((r) => ({ model: r.dataset.model, auc: Number(r.dataset.auc),
    paper: [...r.cells].slice(6).map((c) => c.textContent) })));
  const workers = (await api(page, "GET", "/api/state")).body.config.workers; // the page's default: one per core but one
  assert.deepEqual(rows.map((r) => r.model).sort(), [...models].sort());
  // Beside each, the paper's MovieLens-100k numbers from the first of its tables that has the model.
  const paper = (await api(page, "GET", "/api/paper")).body;
  for (const r of rows) {
    const p = paper.tables.flatMap((t) => t.rows).find((x) => x.model === r.model).results.find((x) => x.dataset === "movielens-100k");
    assert.deepEqual(r.paper, [p.auc.toFixed(4), p.logloss.toFixed(4)], r.model);
  }
  for (const r of rows) {
    const native = spawnSync(join(root, "build", "flsest"), ["train", "-json", "-quiet", "-data", process.env.FLSEST_DATA,
      "-model", r.model, "-batches-per-epoch", "25", "-epochs", "2", "-workers", workers], { encoding: "utf8" });
    assert.equal(native.status, 0, native.stderr);
    const n = JSON.parse(native.stdout.trim().split("\n").pop());
    assert.equal(r.auc.toFixed(10), n.test_auc.toFixed(10), `${r.model}: page ${r.auc}, native ${n.test_auc}`);
  }
  await page.locator("#compare").screenshot({ path: join(root, "e2e", "artifacts", `${name}.png`) });
  await page.saveLogs();
  await page.close();
  page = undefined;
}

test("four models compared in the page match the native numbers", async () => {
  await compareInPage("compare", ["fm", "deepfm", "flen", "flsest"]);
});

test("EDCN, FinalMLP and DisenCTR train in the Compare view and match the native numbers", async () => {
  await compareInPage("compare-other-systems", ["edcn", "finalmlp", "disenctr"]);
});
