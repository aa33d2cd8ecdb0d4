// One prediction, end to end: the view follows the selected pair through
// every stage, with play, pause and step; its final probability is the one
// POST /api/predict gives, and its table (the text alternative) has the
// trace's numbers; under prefers-reduced-motion it shows every
// stage at once and does not move. A screenshot goes to docs/ for
// docs/teaching.md.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { startServer, launch, openApp, api, root, trainEpoch } from "./helpers.mjs";

let server, browser, page;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { page?.saveLogs(); await browser?.close(); server?.stop(); });

const stage = (p) => p.evaluate(() => document.querySelector("#flow-canvas")?.flow?.stage ?? -1);

test("the end-to-end view steps to the probability POST /api/predict gives", async () => {
  page = await openApp(browser, server.url, { name: "flow" });
  await page.setViewportSize({ width: 1280, height: 900 });
  await trainEpoch(page);
  await page.fill("#movie-search", "star wars");
  await page.waitForSelector(".hit");
  const movie = await page.$eval(".hit", (b) => Number(b.dataset.movie));
  await page.click(".hit");
  await page.waitForSelector("#sample-probability");
  const user = await page.$eval("#user-id", (e) => Number(e.value));

  await page.click("#flow-toggle");
  await page.waitForFunction(() => document.querySelector("#flow-canvas")?.flow);
  await page.locator("#flow").scrollIntoViewIfNeeded();
  // It plays on its own: pause it, then step.
  await page.waitForFunction(() => document.querySelector("#flow-canvas").flow.stage >= 1, null, { timeout: 10000 });
  await page.click("#flow-play");
  const paused = await stage(page);
  await page.waitForTimeout(1500);
  assert.equal(await stage(page), paused, "the view moved while paused");
  assert.equal(await page.textContent("#flow-p"), "…", "the probability shows before the last stage");
  const stages = await page.evaluate(() => window.flsestFlow.stages);
  for (let s = paused; s < stages - 1; s++) {
    await page.click("#flow-step");
    assert.equal(await stage(page), s + 1);
  }
  const shown = await page.$eval("#flow-p", (e) => Number(e.dataset.p));
  const predicted = (await api(page, "POST", "/api/predict", { pairs: [{ user, movie }] })).body.probabilities[0];
  assert.equal(shown, predicted, "the view's final probability is not /api/predict's");
  assert.equal(await page.evaluate(() => document.querySelector("#flow-canvas").flow.probability), predicted);
  const inspected = (await api(page, "POST", "/api/inspect", { user, movie, trace: true })).body;
  assert.equal(inspected.trace.logit, await page.evaluate(() => document.querySelector("#flow-canvas").flow.logit));
  // The text alternative: the Table button shows every stage's numbers,
  // the trace's own.
  await page.click("#flow-table-toggle");
  assert.equal(await page.getAttribute("#flow-table-toggle", "aria-expanded"), "true");
  const t = inspected.trace;
  const cells = await page.$$eval("#flow-table tr", (rows) => rows.map((r) => [r.querySelector("th")?.textContent, [...r.querySelectorAll("td[data-v]")].map((d) => Number(d.dataset.v))]));
  const byName = new Map(cells.map(([n, v]) => [n, v]));
  const mean = (a) => a.reduce((s, v) => s + v, 0) / a.length;
  const absMax = (a) => Math.max(...a.map(Math.abs));
  t.fields.forEach((name, f) => {
    const want = [mean(t.e[f]), absMax(t.e[f]), ...(t.v ? [t.z[f], t.lambda[f][0], t.eta[f].filter((v) => v === 0).length, t.se_weight[f][0]] : [])];
    assert.deepEqual(byName.get(name), want, `table row ${name}`);
  });
  assert.deepEqual(byName.get("linear"), [t.linear]);
  for (const p of t.parts) assert.deepEqual(byName.get(p.name), [mean(p.output), absMax(p.output), p.term], `table row ${p.name}`);
  assert.deepEqual(byName.get("logit"), [t.logit]);
  assert.deepEqual(byName.get("P(rating ≥ 4) = σ(logit)"), [predicted], "the table's P is not /api/predict's");
  assert.ok(t.fwbi === undefined || t.parts.some((p) => p.name.startsWith("fwbi")), "no FwBI row");
  await page.click("#flow-table-toggle");
  assert.equal(await page.$eval("#flow-table", (e) => e.hidden && e.childElementCount === 0), true, "the hidden table keeps its rows");
  console.log(`flow: user ${user} × movie ${movie}: ${stages} stages, P = ${predicted} (= /api/predict), logit ${inspected.trace.logit}`);
  await page.locator("#flow").screenshot({ path: join(root, "docs", "flow.png") });
});

test("under prefers-reduced-motion the view shows every stage at once and stays still", async () => {
  const ctx = await browser.newContext({ reducedMotion: "reduce", viewport: { width: 1280, height: 900 } });
  const p = await ctx.newPage();
  await p.goto(server.url);
  await p.waitForFunction(() => document.querySelector("#status")?.textContent === "ready", null, { timeout: 60000 });
  await p.click("#flow-toggle");
  await p.waitForFunction(() => document.querySelector("#flow-canvas")?.flow);
  const stages = await p.evaluate(() => window.flsestFlow.stages);
  assert.equal(await stage(p), stages - 1, "not every stage is shown");
  assert.equal(await p.textContent("#flow-play"), "Play", "it plays under reduced motion");
  await p.waitForTimeout(1500);
  assert.equal(await stage(p), stages - 1);
  const shown = await p.$eval("#flow-p", (e) => Number(e.dataset.p));
  const pair = await p.evaluate(() => window.flsestEngine.json("POST", "/api/predict", { pairs: [{ user: 196, movie: 242 }] }));
  assert.equal(shown, pair.body.probabilities[0]);
  await ctx.close();
});
