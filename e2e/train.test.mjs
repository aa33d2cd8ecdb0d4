// Train a short capped run in the page; the SEST chart has one row per
// field with the engine API's numbers; both r heatmaps have M × M cells.
// (The charts are canvases: what each draws stays on it as canvas.chart.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, openApp, waitStatus, api, shot } from "./helpers.mjs";

let server, browser, page;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { page?.saveLogs(); await browser?.close(); server?.stop(); });

test("a capped quick-preset run trains to the finished state", async () => {
  // Capped: 40 batches an epoch, 2 epochs (CI keeps browser runs short).
  page = await openApp(browser, server.url, { hash: "batches_per_epoch=40&epochs=2", name: "train" });
  assert.equal((await api(page, "GET", "/api/state")).body.config.batches_per_epoch, "40");
  await page.click("#play");
  await waitStatus(page, "finished", 120000);
  const auc = Number(await page.textContent("#test-auc"));
  assert.ok(auc > 0.6 && auc < 1, `test AUC ${auc}`);
  const state = (await api(page, "GET", "/api/state")).body;
  assert.equal(state.history.length, 2);
  assert.equal((await page.textContent("#test-auc")), state.result.test_auc.toFixed(4));
  // Beside it, what the paper reports for FLSEST (Table 1, MovieLens-100k), as the engine lists it.
  const paper = (await api(page, "GET", "/api/paper")).body;
  const p = paper.tables.find((t) => t.id === "table1").rows.find((r) => r.model === "flsest").results.find((x) => x.dataset === "movielens-100k");
  assert.ok((await page.textContent("#result .note")).includes(`The paper reports ${p.auc.toFixed(4)} / ${p.logloss.toFixed(4)} on its own split of MovieLens-100k (Table 1).`));
  await shot(page, "train-finished");
});

test("the SEST chart shows one row per field, with the API's numbers", async () => {
  const snap = (await api(page, "GET", "/api/snapshot")).body;
  const rows = await page.$eval("#sest-chart canvas", (c) => c.chart.rows.map((r) => ({ field: r.name, ...r.data })));
  assert.deepEqual(rows.map((r) => r.field), snap.field_names, "one row per field, in order");
  for (const [i, f] of snap.fields.entries()) {
    for (const [attr, want] of [["a", f.a.mean], ["se", f.se_weight.mean], ["z", f.z.mean], ["lambda", f.lambda.mean], ["zeroed", f.zeroed.mean]]) {
      assert.ok(Math.abs(Number(rows[i][attr]) - want) < 5e-7, `${f.name}.${attr}: page ${rows[i][attr]}, API ${want}`);
    }
  }
});

test("both r heatmaps have M × M cells", async () => {
  const snap = (await api(page, "GET", "/api/snapshot")).body;
  const M = snap.domains.length;
  for (const id of ["fwbi-r-original", "fwbi-r-sest"]) {
    const cells = await page.$eval(`#${id} canvas`, (c) => [...c.chart.values]);
    assert.equal(cells.length, M * M, `${id}: ${cells.length} cells for M = ${M}`);
  }
  const r0 = snap.r[0];
  const diag = await page.$eval("#fwbi-r-original canvas", (c) => c.chart.values[0]);
  assert.ok(Math.abs(diag - r0[0][0]) < 5e-7, `r[0][0] on the page ${diag}, API ${r0[0][0]}`);
  const F = snap.field_names.length;
  assert.equal(await page.$eval("#fwbi-interaction canvas", (c) => c.chart.values.length), F * F);
  await page.locator("#fwbi").screenshot({ path: "e2e/artifacts/fwbi.png" }).catch(() => {});
});
