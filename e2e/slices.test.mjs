// The slices view: after a brief run, for every single-valued slicing the
// slices' counts add up to the validation size, each row shows the API's
// numbers, and a slice with one class says its AUC is undefined.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, openApp, waitStatus, api, shot } from "./helpers.mjs";

let server, browser, page;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { page?.saveLogs(); await browser?.close(); server?.stop(); });

test("the slices' counts add up to the validation size for each single-valued slicing", async () => {
  page = await openApp(browser, server.url, { hash: "batches_per_epoch=150&epochs=2", name: "slices" });
  await page.click("#play");
  await waitStatus(page, "finished", 180000);
  const val = (await api(page, "GET", "/api/state")).body.dataset.val;

  await page.locator("#slices-toggle").scrollIntoViewIfNeeded();
  await page.click("#slices-toggle");
  await page.waitForSelector("#slices-chart canvas[data-rows]", { timeout: 60000 });
  const report = (await api(page, "GET", "/api/slices")).body;
  assert.equal(report.n, val);
  const fields = await page.$$eval("#slices-by option", (os) => os.map((o) => o.value));
  assert.deepEqual(fields, report.slicings.map((s) => s.field));

  for (const s of report.slicings) {
    await page.selectOption("#slices-by", s.field);
    await page.waitForFunction((f) => document.querySelector("#slices-chart canvas")?.chart?.rows[0]?.tip.startsWith(f + " = "), s.field);
    const rows = await page.$eval("#slices-chart canvas", (c) => c.chart.rows);
    assert.equal(rows.length, s.slices.length, `${s.field}: one row per slice`);
    const total = rows.reduce((a, r) => a + r.count, 0);
    if (!s.multi) assert.equal(total, val, `${s.field}: the counts add up to the ${val} validation ratings`);
    else assert.ok(total >= val, `${s.field}: ${total} (rating, value) pairs`);
    for (const r of rows) {
      const want = s.slices.find((x) => x.value === r.value);
      assert.ok(want, `${s.field} = ${r.value} is a slice of the API's`);
      assert.equal(r.count, want.count);
      assert.equal(r.auc, want.auc, `${s.field} = ${r.value}: AUC`);
      if (want.auc === null) assert.equal(r.aucText, "— one class");
    }
    // Sorted by AUC, lowest first, the undefined ones last.
    const aucs = rows.map((r) => r.auc);
    const defined = aucs.filter((a) => a !== null);
    assert.deepEqual(defined, [...defined].sort((a, b) => a - b), `${s.field}: sorted by AUC`);
    assert.ok(aucs.indexOf(null) === -1 || aucs.slice(aucs.indexOf(null)).every((a) => a === null), `${s.field}: undefined AUCs last`);
  }
  assert.match(await page.textContent("#slices-sum"), /add up to|pairs over/);
  await page.locator("#slices").screenshot({ path: "e2e/artifacts/slices-panel.png" }).catch(() => {});
  await shot(page, "slices");
});
