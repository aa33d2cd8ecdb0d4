// The importance panel: refused while training (and says so), then, after
// a short training and a pause, permutation importance with 2 repeats shows
// all 8 fields with error bars beside mean |φ| and SEST's a and a′, and a
// sentence computed from them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, launch, openApp, waitStatus, steps, api, shot, managedElements, root } from "./helpers.mjs";

let server, browser, page, nativePage;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { page?.saveLogs(); nativePage?.saveLogs(); await browser?.close(); server?.stop(); });

test("the importance panel shows all 8 fields with error bars after the job runs", async () => {
  page = await openApp(browser, server.url, { name: "importance" });
  await page.waitForSelector("#imp-run");
  assert.equal(await page.$eval("#imp-chart", (s) => s.dataset.fields), "8", "the chart names the 8 fields before any number");

  await page.click("#play");
  await waitStatus(page, "training");
  await page.waitForSelector("#imp-training");
  assert.ok(await page.locator("#imp-run").isDisabled(), "the job is offered while training");
  // The engine itself refuses: the panel's words are about this answer.
  const refused = await api(page, "POST", "/api/importance/permutation", { repeats: 2 });
  assert.equal(refused.status, 409);
  for (const deadline = Date.now() + 90000; (await steps(page)) < 200;) {
    assert.ok(Date.now() < deadline, "200 training steps took over 90 s");
    await page.waitForTimeout(250);
  }
  await page.click("#pause");
  await waitStatus(page, "paused");
  // The status line and the panel's note come from the same state but may land one render apart.
  await page.waitForSelector("#imp-training", { state: "detached", timeout: 5000 });

  await page.selectOption("#imp-repeats", "2");
  const t0 = Date.now();
  await page.click("#imp-run");
  await page.waitForFunction(() => /Permutation importance over/.test(document.querySelector("#imp-job")?.textContent ?? ""), null, { timeout: 120000 });
  await page.click("#imp-numbers");
  await page.waitForFunction(() => document.querySelectorAll(".imp-row").length === 8 && !/–/.test([...document.querySelectorAll(".imp-row td")].map((td) => td.textContent).join("")), null, { timeout: 30000 });
  console.log(`importance: job and summary shown ${((Date.now() - t0) / 1000).toFixed(1)} s after the click (shared machine)`);

  const job = (await api(page, "GET", "/api/importance/permutation")).body;
  assert.equal(job.state, "done");
  assert.equal(job.result.repeats, 2);
  assert.equal(job.step, await steps(page));
  const rows = await page.$$eval(".imp-row", (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  assert.equal(rows.length, 8);
  for (const [i, f] of job.result.fields.entries()) {
    assert.equal(rows[i][0], f.name);
    assert.equal(rows[i][1], `${f.auc_drop.toFixed(4)} ± ${f.auc_drop_std.toFixed(4)}`, `${f.name}'s ΔAUC`);
    assert.ok(f.auc_drop_std > 0, `${f.name}: two repeats give a spread`);
  }
  // The permutation column's error bars: one path, 8 bars (each "M…H…" then two whiskers).
  const d = await page.$eval("#imp-chart path.errors", (p) => p.getAttribute("d"));
  assert.equal((d.match(/H/g) ?? []).length, 8, "8 error bars in the permutation column");
  assert.ok(Number(await page.$eval("#imp-chart", (s) => s.dataset.errorBars)) >= 8);
  const sentence = await page.textContent("#imp-sentence");
  assert.match(sentence, /permutation importance \(ΔAUC\) ranks/i);
  assert.match(sentence, /SEST/);
  console.log(`importance sentence: ${sentence}`);
  const withTable = await managedElements(page);
  await page.click("#imp-numbers");
  console.log(`importance: managed DOM ${await managedElements(page)} elements (${withTable} with the table of numbers open)`);
  await shot(page, "importance");
});

// runImportance starts the job with repeats and waits for its numbers in
// the table (summary and SEST read beside it).
async function runImportance(p, repeats) {
  await p.selectOption("#imp-repeats", String(repeats));
  await p.click("#imp-run");
  await p.waitForFunction(() => /Permutation importance over/.test(document.querySelector("#imp-job")?.textContent ?? ""), null, { timeout: 120000 });
  if (!(await p.locator("#imp-table").count())) await p.click("#imp-numbers");
  await p.waitForFunction(() => document.querySelectorAll(".imp-row").length === 8 &&
    !/–/.test([...document.querySelectorAll(".imp-row td")].map((td) => td.textContent).join("")), null, { timeout: 30000 });
  return p.$$eval(".imp-row", (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
}

// sameImportance checks the page's table against flsest explain -json's
// fields, to 4 decimals.
function sameImportance(rows, native) {
  const f4 = (x) => x.toFixed(4);
  assert.equal(rows.length, native.fields.length);
  for (const [i, f] of native.fields.entries()) {
    const [name, perm, , phi, a, se] = rows[i];
    assert.equal(name, f.name);
    assert.equal(perm, `${f4(f.permutation_auc_drop)} ± ${f4(f.permutation_auc_drop_std)}`, `${f.name}: ΔAUC`);
    assert.equal(phi, f4(f.shapley_mean_abs), `${f.name}: mean |φ|`);
    assert.equal(a.split(" ± ")[0], f4(f.sest_threshold_ratio), `${f.name}: a`);
    assert.equal(se.split(" ± ")[0], f4(f.sest_se_weight), `${f.name}: a′`);
  }
}

test("native equals browser: flsest explain on a checkpoint gives the page's importance numbers to 4 decimals", async () => {
  const dir = mkdtempSync(join(tmpdir(), "flsest-importance-"));
  const ckpt = join(dir, "short.ckpt");
  const bin = join(root, "build", "flsest");
  execFileSync(bin, ["train", "-epochs", "1", "-batches-per-epoch", "150", "-save", ckpt], { stdio: "ignore" });
  const out = execFileSync(bin, ["explain", "-load", ckpt, "-repeats", "2", "-json"], { stdio: ["ignore", "pipe", "ignore"] }).toString().trim().split("\n");
  const native = JSON.parse(out[out.length - 1]);

  nativePage = await openApp(browser, server.url, { name: "importance-native" });
  await nativePage.waitForSelector("#imp-run");
  await nativePage.setInputFiles("#checkpoint-file", ckpt);
  await nativePage.waitForFunction(() => /Checkpoint loaded/.test(document.querySelector("#notice")?.textContent ?? ""), null, { timeout: 30000 });
  sameImportance(await runImportance(nativePage, 2), native);
});

test("native equals browser: flsest explain -seed 1024 and the page, each training seed 1024 for an epoch, give the same importance numbers to 4 decimals", async () => {
  // The issue's check: the same configuration, seed and epochs trained on
  // each side (one epoch keeps it within CI's time; the CLI explains its
  // best epoch, which the page restores when the run finishes).
  const bin = join(root, "build", "flsest");
  const out = execFileSync(bin, ["explain", "-seed", "1024", "-epochs", "1", "-repeats", "2", "-json"], { stdio: ["ignore", "pipe", "ignore"] }).toString().trim().split("\n");
  const native = JSON.parse(out[out.length - 1]);

  const trained = await openApp(browser, server.url, { hash: "seed=1024&epochs=1", name: "importance-seed1024" });
  try {
    await trained.waitForSelector("#imp-run");
    await trained.click("#play");
    await waitStatus(trained, "finished", 300000);
    const st = (await api(trained, "GET", "/api/state")).body;
    assert.equal(st.config.seed, "1024");
    assert.equal(st.config.epochs, "1");
    assert.equal(st.result.best_epoch, 1);
    sameImportance(await runImportance(trained, 2), native);
    console.log(`importance: seed 1024, one epoch, natively and in the page: ${native.fields.map((f) => `${f.name} ${f.permutation_auc_drop.toFixed(4)}`).join(", ")} (ΔAUC, equal to 4 decimals with |φ|, a and a′)`);
  } finally {
    trained.saveLogs();
  }
});
