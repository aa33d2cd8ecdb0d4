// bench/load-tasks.mjs — what the page's main thread does while it loads:
// Chromium's trace of a first visit, from navigation until the ready page
// has revealed every panel, and of each main-thread task its wall time,
// its CPU time (on a shared machine most of a long task's wall time is
// waiting for a core) and its largest parts (script, wasm compilation,
// style and layout). Over --runs fresh pages; with --baseline DIR another
// built tree too, page by page in turn. Runnable alone after
// ./build.sh build, with MovieLens-100k findable (FLSEST_DATA):
//
//   node bench/load-tasks.mjs [--runs 3] [--baseline DIR] [--over 15]
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import os from "node:os";
import { root, startServer, launch } from "../e2e/helpers.mjs";

const { values: opt } = parseArgs({ options: { runs: { type: "string", default: "3" }, baseline: { type: "string" }, over: { type: "string", default: "15" } } });
const trees = [{ name: "this tree", dir: root }];
if (opt.baseline) trees.push({ name: "baseline", dir: resolve(opt.baseline) });
for (const t of trees) {
  if (!existsSync(join(t.dir, "build", "flsest"))) throw new Error(`${t.dir}/build/flsest is missing: ./build.sh build first`);
  t.server = await startServer({ dir: t.dir });
  t.runs = [];
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const load = [os.loadavg()[0]];

async function trace(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1320, height: 1000 } });
  await browser.startTracing(page, { categories: ["toplevel", "__metadata", "devtools.timeline", "v8", "v8.wasm", "blink"] });
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector("#status")?.textContent === "ready" && document.querySelector("#lesson"), null, { timeout: 120000, polling: 50 });
  await page.waitForTimeout(1000);
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  await page.close();
  const mains = new Set(events.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => e.pid + ":" + e.tid));
  const byThread = new Map();
  for (const e of events) {
    const k = e.pid + ":" + e.tid;
    if (!mains.has(k) || e.ph !== "X") continue;
    if (!byThread.has(k)) byThread.set(k, []);
    byThread.get(k).push(e);
  }
  // The page's main thread is the one that runs ui.wasm (another renderer,
  // for the blank page the browser opened first, can have more events).
  const runsUI = (evs) => evs.some((e) => e.name === "v8.newInstance" || e.name.startsWith("wasm.") || /wasm_exec\.js/.test(e.args?.data?.url ?? ""));
  const main = [...byThread.values()].sort((a, b) => runsUI(b) - runsUI(a) || b.length - a.length)[0];
  const tasks = main.filter((e) => e.name === "ThreadControllerImpl::RunTask");
  const parts = (t) => {
    const sum = new Map();
    for (const e of main) {
      if (e === t || e.ts < t.ts || e.ts + e.dur > t.ts + t.dur || e.name === "ThreadControllerImpl::RunTask") continue;
      const name = e.name === "FunctionCall" ? `script ${e.args?.data?.url?.split("/").pop() || e.args?.data?.functionName || ""}` : e.name;
      if (!/^(script|wasm\.|v8\.newInstance|MajorGC|MinorGC|UpdateLayoutTree|Layout|ParseHTML|EvaluateScript|HTMLParserScriptRunner ExecuteScript)/.test(name)) continue;
      sum.set(name, (sum.get(name) ?? 0) + (e.tdur ?? e.dur) / 1000);
    }
    return [...sum].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([n, ms]) => `${n} ${ms.toFixed(1)}`).join(", ");
  };
  return tasks.map((t) => ({ wall: t.dur / 1000, cpu: (t.tdur ?? t.dur) / 1000, t }))
    .filter((x) => x.cpu >= Number(opt.over)).sort((a, b) => b.cpu - a.cpu).map((x) => ({ wall: x.wall, cpu: x.cpu, parts: parts(x.t) }));
}

const browser = await launch();
try {
  for (let run = 1; run <= Number(opt.runs); run++) {
    for (const t of trees) {
      const long = await trace(browser, t.server.url);
      t.runs.push(long);
      console.log(`${t.name}, run ${run}: tasks of ${opt.over} ms CPU or more: ${long.map((x) => `${x.cpu.toFixed(1)} CPU/${x.wall.toFixed(0)} wall (${x.parts})`).join("; ") || "none"}`);
    }
  }
} finally {
  await browser.close();
  for (const t of trees) t.server.stop();
}
load.push(os.loadavg()[0]);
for (const t of trees) {
  const longest = t.runs.map((r) => r[0]?.cpu ?? 0);
  console.log(`${t.name}: the longest loading task's CPU time, median of ${t.runs.length} ${median(longest).toFixed(1)} ms (${longest.map((x) => x.toFixed(1)).join(", ")}); tasks of ${opt.over} ms CPU or more per load: ${t.runs.map((r) => r.length).join(", ")}`);
}
console.log(`load average ${load.map((l) => l.toFixed(1)).join(" → ")}, ${os.cpus().length} cores, shared machine`);
