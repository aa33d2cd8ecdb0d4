// The page's main thread runs no task over 50 ms (PerformanceObserver
// 'longtask') once it trains: through a whole epoch with every panel open,
// a what-if edit, and a person moving the mouse across every chart.
// Loading and opening the panels are held to a looser bound, a guard and
// not the goal: tasks there took at most 16–30 ms of CPU in ten runs, yet
// on this 2-core machine, shared, with the engine's worker and the
// browser's compiler threads holding the cores, their wall time has not
// stayed under 50 ms (BENCHMARKS.md, "Long tasks"). Each phase's longest
// task, by wall and by CPU time (Chromium's trace), is printed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import os from "node:os";
import { startServer, launch, waitStatus, api, managedElements, traceMainThread } from "./helpers.mjs";

const budgetMs = 50; // once training
const loadingBudgetMs = 500; // loading and opening the panels (a guard, not the goal: see above)

let server, browser, page;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

// The charts a person would hover, by id.
const charts = ["chart-loss", "chart-auc", "chart-logloss", "sest-chart", "fwbi-r-original", "fwbi-r-sest", "fwbi-interaction",
  "sest-strips", "slices-chart", "projector-chart"];

test(`no main-thread task over ${budgetMs} ms while training (an epoch with every panel open, a what-if edit, hovering), none over ${loadingBudgetMs} ms before`, async () => {
  page = await browser.newPage({ viewport: { width: 1320, height: 1000 } });
  await page.addInitScript(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.longTasks.push({ start: Math.round(e.startTime), ms: e.duration });
    }).observe({ type: "longtask", buffered: true });
  });
  const stopTrace = await traceMainThread(browser, page);
  await page.goto(server.url);
  await waitStatus(page, "ready");
  const mark = async (phase) => ({ phase, at: await page.evaluate((p) => { performance.mark(p); return performance.now(); }, phase) });
  const phases = [await mark("loaded")];

  // Every panel open: the settings under "More settings", and a pair in the sample inspector.
  await page.click("#controls details summary");
  await page.fill("#movie-search", "star wars");
  await page.click(".hit");
  await page.waitForSelector("#sample-probability");
  // The explanation views, open (each fetches its report, then again at each epoch's end).
  for (const id of ["sest-coords", "slices", "projector"]) await page.click(`#${id}-toggle`);
  await page.waitForSelector("#sest-strips canvas[data-rows]", { timeout: 60000 });
  await page.waitForSelector("#slices-chart canvas[data-rows]", { timeout: 60000 });
  await page.waitForSelector("#projector-chart canvas[data-points]", { timeout: 60000 });
  phases.push(await mark("panels open"));

  await page.click("#play");
  await waitStatus(page, "training");
  phases.push(await mark("playing"));

  // A what-if edit while it trains: P and every φ answer again.
  await page.locator("#whatif").scrollIntoViewIfNeeded();
  const pBefore = await page.$eval("#whatif-p", (e) => e.dataset.p);
  const current = await page.$eval("#wi-occupation", (e) => e.value);
  await page.selectOption("#wi-occupation", current === "doctor" ? "artist" : "doctor");
  await page.waitForFunction((b) => document.querySelector("#whatif-p")?.dataset.p !== b, pBefore, { timeout: 20000 });

  // Hover every chart, left to right, in small steps, until the first epoch
  // (its validation and snapshot included) is over.
  const epochDone = async () => (await api(page, "GET", "/api/state")).body.history.length >= 1;
  let moves = 0;
  phases.push(await mark("hovering"));
  const deadline = Date.now() + 120000;
  while (!(await epochDone())) {
    assert.ok(Date.now() < deadline, "the first epoch did not end in 120 s");
    for (const id of charts) {
      const el = page.locator("#" + id);
      await el.scrollIntoViewIfNeeded();
      const box = await el.boundingBox();
      if (!box) continue;
      for (let i = 0; i <= 24; i++) {
        await page.mouse.move(box.x + (box.width * i) / 24, box.y + box.height * (0.3 + 0.4 * ((i % 5) / 4)));
        await page.waitForTimeout(16);
        moves++;
      }
    }
  }
  phases.push(await mark("epoch done"));
  const managed = await managedElements(page);
  const renders = await page.evaluate(() => window.flsestRenders && { at: window.flsestRenders.at, build: window.flsestRenders.build, dom: window.flsestRenders.dom, heap: window.flsestRenders.heap() });
  await page.click("#pause");
  await waitStatus(page, "paused");

  const tasks = await page.evaluate(() => window.longTasks);
  const traced = await stopTrace();
  const top = (key) => [...traced].sort((a, b) => b[key] - a[key]).slice(0, 8).map((t) => t[key].toFixed(1)).join(", ");
  console.log(`traced main-thread tasks: ${traced.length}, longest ${top("ms")} ms; by CPU time ${top("cpuMs")} ms`);
  const phaseOf = (t) => phases.filter((p) => p.at <= t.start).pop()?.phase ?? "loading";
  const longest = tasks.reduce((m, t) => Math.max(m, t.ms), 0);
  console.log(`longest task ${longest} ms; ${tasks.length} tasks over 50 ms; ${moves} mouse moves; managed DOM ${managed} elements`);
  if (renders) {
    const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]?.toFixed(1);
    const slow = renders.dom.map((ms, i) => ({ at: Math.round(renders.at[i]), build: renders.build[i], dom: ms })).filter((r) => r.build + r.dom > 30);
    console.log(`renders over 30 ms: ${JSON.stringify(slow)}`);
    console.log(`renders (last ${renders.build.length}): build median ${q(renders.build, 0.5)} p90 ${q(renders.build, 0.9)} max ${q(renders.build, 1)} ms; DOM median ${q(renders.dom, 0.5)} p90 ${q(renders.dom, 0.9)} max ${q(renders.dom, 1)} ms; Go heap ${JSON.stringify(renders.heap)}`);
  }
  console.log(`long tasks: ${JSON.stringify(tasks.map((t) => ({ ...t, phase: phaseOf(t) })))}`);
  // Each phase's longest task: wall time (the longtask API) and, from the
  // trace, the longest task's wall and the most CPU time any task took.
  const marks = traced.marks.filter((m) => phases.some((p) => p.phase === m.name)); // not the browser's navigation marks
  const tracedPhase = (t) => marks.filter((m) => m.ts <= t.ts).pop()?.name ?? "loading";
  for (const phase of ["loading", ...phases.map((p) => p.phase)]) {
    const inPhase = traced.filter((t) => tracedPhase(t) === phase);
    const observed = tasks.filter((t) => phaseOf(t) === phase).reduce((m, t) => Math.max(m, t.ms), 0);
    console.log(`phase ${phase}: longest task ${observed || "≤ 50"} ms (longtask API); traced ${inPhase.length} tasks, longest ${Math.max(0, ...inPhase.map((t) => t.ms)).toFixed(1)} ms wall, ${Math.max(0, ...inPhase.map((t) => t.cpuMs)).toFixed(1)} ms CPU`);
  }
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} (${os.cpus().length} cores)`);
  const early = (t) => ["loading", "loaded", "panels open"].includes(phaseOf(t));
  assert.deepEqual(tasks.filter((t) => !early(t) && t.ms > budgetMs).map((t) => ({ ...t, phase: phaseOf(t) })), [], `main-thread tasks over ${budgetMs} ms once training`);
  assert.deepEqual(tasks.filter((t) => early(t) && t.ms > loadingBudgetMs).map((t) => ({ ...t, phase: phaseOf(t) })), [], `main-thread tasks over ${loadingBudgetMs} ms while loading`);
});
