// Exports, each a real download (Playwright's download event), each
// checked as a file: every chart's SVG parses (one <path> per series for
// line charts) and its PNG decodes; the curves' CSV has a header and one
// row per epoch, with the engine's numbers; the JSON exports parse and
// hold the engine's numbers; the checkpoint loads back and predicts
// identically. A chart's table (its text alternative) shows its numbers.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startServer, launch, openApp, waitStatus, api, shot, drawn, artifacts } from "./helpers.mjs";

let server, browser, page;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { page?.saveLogs(); await browser?.close(); server?.stop(); });

// download clicks what locator names and returns the file's name and bytes.
async function download(locator) {
  const [dl] = await Promise.all([page.waitForEvent("download", { timeout: 30000 }), locator.click()]);
  return { name: dl.suggestedFilename(), bytes: readFileSync(await dl.path()) };
}

// svgInfo parses SVG text in the page: null if it does not parse, else its
// size and the stroked paths' vertex counts.
const svgInfo = (text) => page.evaluate((t) => {
  const doc = new DOMParser().parseFromString(t, "image/svg+xml");
  if (doc.querySelector("parsererror") || doc.documentElement.nodeName !== "svg") return null;
  const root = doc.documentElement;
  return {
    w: Number(root.getAttribute("width")), h: Number(root.getAttribute("height")),
    title: root.querySelector("title")?.textContent,
    series: [...root.querySelectorAll('path[stroke-width="1.8"]')].map((p) => (p.getAttribute("d").match(/[ML]/g) || []).length),
    texts: [...root.querySelectorAll("text")].map((e) => e.textContent),
    marks: root.querySelectorAll("path, rect, text").length,
  };
}, text);

// pngSize decodes PNG bytes in the page.
const pngSize = (bytes) => page.evaluate(async (b64) => {
  const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const img = await createImageBitmap(new Blob([bin], { type: "image/png" }));
  return { w: img.width, h: img.height };
}, bytes.toString("base64"));

test("a short run, then every chart downloads as SVG that parses and PNG that decodes", async () => {
  page = await openApp(browser, server.url, { hash: "batches_per_epoch=30&epochs=2&view=sest,slices,projector", name: "export" });
  await page.click("#play");
  await waitStatus(page, "finished", 180000);
  for (const sel of ["#sest-strips", "#slices-chart", "#projector-chart"]) await drawn(page, sel, 60000);
  await page.waitForFunction(() => document.querySelector("#chart-auc canvas")?.chart?.series?.[0]?.n === 2, null, { timeout: 10000 });
  // Panels off screen skip layout (content-visibility): each chart is painted once it is seen.
  await page.evaluate(async () => {
    for (const el of document.querySelectorAll("[data-island]")) {
      el.scrollIntoView();
      await new Promise((r) => setTimeout(r, 150));
    }
  });
  const hosts = await page.$$eval("[data-island] > .chart-tools", (bars) => bars.map((b) => b.parentElement.closest("[id]").id));
  assert.ok(hosts.length >= 10, `charts with tools: ${hosts.join(", ")}`);
  for (const id of hosts) {
    const tools = page.locator(`#${id} .chart-tools`);
    const svg = await download(tools.locator('[data-export="svg"]'));
    assert.match(svg.name, /\.svg$/);
    const info = await svgInfo(svg.bytes.toString("utf8"));
    assert.ok(info, `${id}: the SVG parses`);
    assert.ok(info.marks > 5, `${id}: ${info.marks} marks drawn`);
    const png = await download(tools.locator('[data-export="png"]'));
    const size = await pngSize(png.bytes);
    assert.deepEqual(size, { w: 2 * info.w, h: 2 * info.h }, `${id}: the PNG decodes at twice the SVG's size`);
    writeFileSync(join(artifacts, `export-${id}.png`), png.bytes);
    // Measured, not asserted: drawing the SVG again, in the page's main thread.
    const ms = await page.evaluate((h) => {
      const host = document.querySelector(`#${h} .chart-tools`).parentElement, t0 = performance.now();
      window.flsestExport.svgOf(host);
      return performance.now() - t0;
    }, id);
    console.log(`export: ${id}: SVG ${svg.bytes.length} bytes, ${info.marks} marks, drawn in ${ms.toFixed(1)} ms; PNG ${png.bytes.length} bytes, ${size.w}×${size.h}`);
  }
  // A line chart's SVG: one path per series, as many vertices as points, its legend and axes.
  const loss = await page.$eval("#chart-loss canvas", (c) => c.chart.series.map((s) => ({ name: s.name, n: s.n })));
  const info = await svgInfo((await download(page.locator('#chart-loss [data-export="svg"]'))).bytes.toString("utf8"));
  assert.deepEqual(info.series, loss.map((s) => s.n), "one path per series, a vertex per point");
  assert.ok(info.texts.includes("Training loss") && info.texts.includes(loss[0].name), "title and legend");
  assert.ok(info.texts.length >= 2 + 3, `axis labels: ${info.texts.join(" | ")}`);
  await shot(page, "export-finished");
});

test("the importance chart and the Shapley waterfall (SVG the page draws) download as SVG and PNG", async () => {
  await page.click("#imp-read");
  await page.waitForFunction(() => Number(document.querySelector("#imp-chart")?.dataset.fields) > 0, null, { timeout: 60000 });
  await page.fill("#movie-search", "star wars");
  await page.waitForSelector(".hit");
  await page.click(".hit");
  await page.waitForSelector("#waterfall-chart text", { timeout: 30000 });
  for (const id of ["imp-chart", "waterfall-chart"]) {
    const svg = await download(page.locator(`[data-chart="${id}"][data-export="svg"]`));
    const info = await svgInfo(svg.bytes.toString("utf8"));
    assert.ok(info && info.marks > 5, `${id}: the SVG parses, with marks`);
    const png = await download(page.locator(`[data-chart="${id}"][data-export="png"]`));
    assert.deepEqual(await pngSize(png.bytes), { w: 2 * info.w, h: 2 * info.h }, `${id}: the PNG decodes`);
    writeFileSync(join(artifacts, `export-${id}.png`), png.bytes);
    console.log(`export: ${id}: SVG ${svg.bytes.length} bytes, ${info.marks} marks; PNG ${png.bytes.length} bytes`);
  }
});

test("the learning curves and per-epoch metrics download as CSV: a header, one row per epoch", async () => {
  const history = (await api(page, "GET", "/api/state")).body.history;
  assert.equal(history.length, 2);
  const epochs = (await download(page.locator("#export-epochs"))).bytes.toString("utf8").trim().split("\n");
  assert.equal(epochs[0], "epoch,train_loss,val_auc,val_logloss,best,train_seconds,eval_seconds,samples");
  assert.equal(epochs.length, 1 + history.length, "one row per epoch");
  for (const [i, e] of history.entries()) {
    const [epoch, trainLoss, auc, logloss] = epochs[i + 1].split(",").map(Number);
    assert.deepEqual([epoch, trainLoss, auc, logloss], [e.epoch, e.train_loss, e.val_auc, e.val_logloss]);
  }
  const auc = (await download(page.locator('#chart-auc [data-export="csv"]'))).bytes.toString("utf8").trim().split("\n");
  assert.equal(auc[0], "epoch,AUC");
  assert.deepEqual(auc.slice(1), history.map((e) => `${e.epoch},${e.val_auc}`));
  const loss = (await download(page.locator('#chart-loss [data-export="csv"]'))).bytes.toString("utf8").trim().split("\n");
  assert.equal(loss[0], "step,loss (recent batches)");
  assert.equal(loss.length - 1, await page.$eval("#chart-loss canvas", (c) => c.chart.series[0].n), "one row per point of the curve");
});

test("importance, SEST and r download as JSON with the engine's numbers", async () => {
  const snap = (await api(page, "GET", "/api/snapshot")).body;
  const r = JSON.parse((await download(page.locator("#export-r"))).bytes);
  assert.deepEqual(r.r, snap.r);
  assert.deepEqual(r.domains, snap.domains);
  const sest = JSON.parse((await download(page.locator("#export-sest"))).bytes);
  assert.deepEqual(sest.fields, snap.fields);
  assert.equal(sest.mechanism.fields.length, snap.field_names.length);
  const imp = JSON.parse((await download(page.locator("#export-importance"))).bytes);
  assert.ok(imp.permutation.state, "the permutation job's status");
  assert.deepEqual(imp.shapley_summary.fields.map((f) => f.name), snap.field_names);
});

test("a chart's table shows its numbers", async () => {
  const table = page.locator("#chart-auc .chart-table");
  assert.equal(await table.isVisible(), false);
  const toggle = page.locator('#chart-auc [data-export="table"]');
  await toggle.click();
  assert.equal(await toggle.getAttribute("aria-expanded"), "true");
  const rows = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  const history = (await api(page, "GET", "/api/state")).body.history;
  assert.deepEqual(rows, history.map((e) => [String(e.epoch), String(e.val_auc)]));
  const sest = await page.locator('#sest-chart [data-export="table"]');
  await sest.click();
  assert.equal(await page.locator("#sest-chart .chart-table tbody tr").count(), (await api(page, "GET", "/api/snapshot")).body.field_names.length);
});

test("the checkpoint loads back and predicts identically", async () => {
  const pairs = [{ user: 1, movie: 1 }, { user: 196, movie: 242 }, { user: 300, movie: 50 }, { user: 943, movie: 1330 }];
  const predict = async () => (await api(page, "POST", "/api/predict", { pairs })).body.probabilities;
  const trained = await predict();
  const ckpt = await download(page.locator("#download-checkpoint"));
  assert.ok(ckpt.bytes.length > 1000, `checkpoint ${ckpt.bytes.length} bytes`);
  await page.click("#reset");
  await waitStatus(page, "ready", 10000);
  const fresh = await predict();
  assert.notDeepEqual(fresh, trained, "a reset model predicts otherwise");
  await page.setInputFiles("#checkpoint-file", { name: ckpt.name, mimeType: "application/octet-stream", buffer: ckpt.bytes });
  await page.waitForFunction(() => /Checkpoint loaded/.test(document.querySelector("#notice")?.textContent ?? ""), null, { timeout: 20000 });
  assert.deepEqual(await predict(), trained, "the same probabilities, to the bit");
  console.log(`export: checkpoint ${ckpt.name}, ${ckpt.bytes.length} bytes; probabilities ${trained.map((p) => p.toFixed(4)).join(", ")}`);
});
