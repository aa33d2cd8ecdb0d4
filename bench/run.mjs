// bench/run.mjs — the browser half of ./build.sh bench: serves the repo,
// opens bench/page.html in Debian's Chromium (headless), times the Go
// engine's training step (build/bench.wasm) and TensorFlow.js's DeepFM in
// the same page, and prints one Markdown table with the native and node
// results (go test -bench output files) beside them.
//
//   node bench/run.mjs [--native native.txt] [--level v1] [--native-v3 v3.txt] [--node node.txt] [--write BENCHMARKS.md] [--quick]
//
// --write replaces the sections between <!-- bench:NAME --> and
// <!-- /bench:NAME --> in the named file, NAME step, scaling and kernels
// (--scaling/--scaling-node and --kernels/--kernels-node give their go test
// outputs).
import { createServer } from "node:http";
import { readFileSync, writeFileSync, existsSync, statSync } from "node:fs";
import { join, dirname, extname, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { parseArgs } from "node:util";
import { execSync } from "node:child_process";
import os from "node:os";
import { chromium } from "playwright-core";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values: opt } = parseArgs({ options: { native: { type: "string" }, node: { type: "string" }, "native-v3": { type: "string" }, level: { type: "string", default: "v1" }, scaling: { type: "string" }, "scaling-node": { type: "string" }, kernels: { type: "string" }, "kernels-node": { type: "string" }, write: { type: "string" }, quick: { type: "boolean", default: false } } });

const types = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };
const server = createServer((req, res) => {
  const p = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
  const file = join(root, p);
  if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404).end("not found: " + p);
    return;
  }
  res.writeHead(200, { "content-type": types[extname(file)] || "application/octet-stream" }).end(readFileSync(file));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const url = `http://127.0.0.1:${server.address().port}/bench/page.html`;

const browser = await chromium.launch({
  executablePath: process.env.FLSEST_CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
});
const page = await browser.newPage();
const errors = [];
page.on("pageerror", (e) => errors.push(e.message));
page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
await page.goto(url);
await page.waitForFunction(() => window.benchPageReady, null, { timeout: 60000 });
const chromiumVersion = browser.version();

const steps = opt.quick ? 0.25 : 1; // --quick: a smoke run
// Each result carries the key of the case it measures: model|hidden|batch.
const go = async (spec) => ({ ...(await page.evaluate((s) => window.benchGo(s), { warmup: 20, ...spec, steps: Math.max(10, Math.round(spec.steps * steps)) })), key: `${spec.model}|${spec.hidden ?? ""}|${spec.batch}` });
const tfjs = async (spec) => ({ ...(await page.evaluate((s) => window.benchTF(s), { warmup: 10, ...spec, steps: Math.max(5, Math.round(spec.steps * steps)) })), key: `deepfm|200,200|${spec.batch}` });

// DeepFM against TensorFlow.js first, alternating, twice: ratios from
// neighbouring measurements (the machine is noisy); the better of two.
const results = [];
for (let round = 0; round < 2; round++) {
  for (const batch of [128, 64]) {
    results.push(await go({ model: "deepfm", batch, hidden: "200,200", steps: 4000 / batch * 8 }));
    results.push(await tfjs({ backend: "wasm", batch, steps: 4000 / batch * 4 }));
  }
}
results.push(await tfjs({ backend: "cpu", batch: 128, steps: 10 }));
for (const batch of [128, 64]) {
  results.push(await go({ model: "fm", batch, steps: 40000 / batch * 2 }));
  results.push(await go({ model: "flsest", batch, hidden: "", steps: 4000 / batch * 8 }));
  results.push(await go({ model: "flsest", batch, hidden: "200,200", steps: 4000 / batch * 6 }));
}
// The app itself, in the same browser: DeepFM 200-200 trained by the
// engine's worker alone and with a second worker (data-parallel), samples/s
// of training over 300 batches of MovieLens-100k after a first epoch of 300
// as warm-up, as the steps above are timed after warm-up (needs FLSEST_DATA).
const app = [];
if (process.env.FLSEST_DATA && existsSync(join(root, "build", "flsest"))) {
  const { startServer, waitStatus, api } = await import("../e2e/helpers.mjs");
  const srv = await startServer();
  for (const workers of [1, 2, 1, 2]) {
    const p = await browser.newPage();
    const t0 = Date.now();
    await p.goto(`${srv.url}#model=deepfm&hidden=200,200&workers=${workers}&batches_per_epoch=${opt.quick ? 60 : 300}&epochs=2&patience=0`);
    await waitStatus(p, "ready", 60000);
    const readyMs = Date.now() - t0;
    await p.click("#play");
    await waitStatus(p, "finished", 600000);
    const st = (await api(p, "GET", "/api/state")).body;
    const [first, h] = st.history; // the second epoch is warm
    app.push({ workers, samples_per_sec: h.samples / h.train_seconds, first_epoch_samples_per_sec: first.samples / first.train_seconds, ready_ms: readyMs, test_auc: st.result.test_auc });
    await p.close();
  }
  srv.stop();
}
await browser.close();
server.close();
if (errors.length) {
  console.error("page errors:\n" + errors.join("\n"));
  process.exitCode = 1;
}
// A training step must train: the loss may wobble from batch to batch but
// not rise or turn NaN over a run.
for (const r of results) {
  if (!(r.last_loss < r.first_loss + 0.02)) {
    console.error(`${r.impl} ${r.model} batch ${r.batch}: loss ${r.first_loss} → ${r.last_loss}; not training`);
    process.exitCode = 1;
  }
}

// Go benchmark output: "BenchmarkStep/deepfm/mlp=200-200/batch=128-2  N  ns/op  X samples/s  0 B/op  0 allocs/op".
function parseGoBench(file) {
  const m = new Map();
  if (!file) return m;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const f = line.match(/^BenchmarkStep\/(\S+?)(-\d+)?\s+\d+\s+([\d.]+) ns\/op\s+([\d.]+) samples\/s(?:\s+(\d+) B\/op\s+(\d+) allocs\/op)?/);
    if (f) m.set(f[1], { sps: Number(f[4]), allocs: f[6] });
  }
  return m;
}
const nativeRes = parseGoBench(opt.native);
const nodeRes = parseGoBench(opt.node);
const v3Res = parseGoBench(opt["native-v3"]);

const best = (impl, key) =>
  results.filter((r) => r.impl === impl && r.key === key)
    .reduce((a, r) => (a && a.samples_per_sec >= r.samples_per_sec ? a : r), null);
const fmt = (x) => (x == null ? "—" : Math.round(x).toLocaleString("en-US"));
const rows = [];
const cases = [
  ["fm", "", "FM", []],
  ["deepfm", "200,200", "DeepFM, MLP 200-200", [200, 200]],
  ["flsest", "", "FLSEST, quick preset (MLP 100-100)", [100, 100]],
  ["flsest", "200,200", "FLSEST, MLP 200-200", [200, 200]],
];
for (const [model, hidden, label, h] of cases) {
  for (const batch of [128, 64]) {
    const key = (model === "fm" ? "fm" : `${model}/mlp=${h.join("-")}`) + `/batch=${batch}`;
    const c = best("go-wasm", `${model}|${hidden}|${batch}`);
    const n = nativeRes.get(key), w = nodeRes.get(key), v3 = v3Res.get(key);
    let peer = "", ratio = "";
    if (model === "deepfm") {
      const t = best("tfjs-wasm", `deepfm|200,200|${batch}`);
      peer = fmt(t?.samples_per_sec);
      ratio = t && c ? (c.samples_per_sec / t.samples_per_sec).toFixed(2) + "×" : "—";
    }
    rows.push(`| ${label} | ${batch} | ${c?.params?.toLocaleString("en-US") ?? "—"} | ${fmt(n?.sps)} | ${fmt(v3?.sps)} | ${fmt(w?.sps)} | **${fmt(c?.samples_per_sec)}** | ${peer || "—"} | ${ratio || "—"} | ${n?.allocs ?? "—"} / ${w?.allocs ?? "—"} | ${c ? (c.wasm_memory_bytes / 2 ** 20).toFixed(0) + " MiB" : "—"} |`);
  }
}
const cpu = results.find((r) => r.impl === "tfjs-cpu");
const bestApp = (w) => app.filter((a) => a.workers === w).reduce((a, r) => (a && a.samples_per_sec >= r.samples_per_sec ? a : r), null);
const tf128 = best("tfjs-wasm", "deepfm|200,200|128");
const ratio = (x) => (tf128 && x ? (x / tf128.samples_per_sec).toFixed(2) + "×" : "—");
const appRows = [1, 2].map((w) => bestApp(w)).filter(Boolean).map((a) =>
  `| the app, DeepFM 200-200, batch 128, ${a.workers} worker${a.workers > 1 ? "s" : ""} | **${fmt(a.samples_per_sec)}** | ${fmt(tf128?.samples_per_sec)} | ${ratio(a.samples_per_sec)} | ${fmt(a.first_epoch_samples_per_sec)} (${ratio(a.first_epoch_samples_per_sec)}) | ${(a.ready_ms / 1000).toFixed(1)} s |`);
const tw = results.find((r) => r.impl === "tfjs-wasm");
const sizes = ["engine.wasm", "ui.wasm", "bench.wasm"].filter((f) => existsSync(join(root, "build", f))).map((f) => {
  const b = readFileSync(join(root, "build", f));
  const br = brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: b.length } });
  return `| \`build/${f}\` | ${b.length.toLocaleString("en-US")} | ${gzipSync(b, { level: 9 }).length.toLocaleString("en-US")} | ${br.length.toLocaleString("en-US")} |`;
});
let cpuName = "";
try { cpuName = execSync("grep -m1 'model name' /proc/cpuinfo", { encoding: "utf8" }).split(":")[1].trim(); } catch { cpuName = os.cpus()[0]?.model ?? "?"; }
let goVersion = "";
try { goVersion = execSync("go env GOVERSION", { encoding: "utf8" }).trim(); } catch {}
const md = `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${cpuName}, ${goVersion}, node ${process.version},
Chromium ${chromiumVersion} headless, by \`./build.sh bench\` (\`go test -run '^$' -bench Step ./engine/\`
natively and under wasm in node, then \`node bench/run.mjs\`: one Chromium page running
\`build/bench.wasm\` and TensorFlow.js 4.22 one after the other on the same thread). Samples/s of
one training step (forward, loss, backward, L2, Adam) on MovieLens-100k's field shapes with
synthetic batches (\`engine/stepbench.go\`); the browser's DeepFM rows are the better of two
alternating runs. TensorFlow.js: wasm backend (SIMD ${tw?.simd ? "on" : "off"}, threads ${tw?.threads ? "on" : "off"}: the page is not
cross-origin isolated) with the UnsortedSegmentSum kernel it lacks registered in JS
(\`bench/tfjs-deepfm.js\`); its cpu backend: ${fmt(cpu?.samples_per_sec)} samples/s (DeepFM, batch 128).

| model | batch | parameters | native Go (GOAMD64=${opt.level}) | native Go, GOAMD64=v3 | Go wasm, node | **Go wasm, Chromium** | TF.js wasm, Chromium | ours / TF.js | allocs/op native / wasm | Go wasm memory |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.join("\n")}

${appRows.length ? `Training in the app (the engine's Web Worker, UI live; 300 batches of MovieLens-100k timed after 300
as warm-up; better of two;
with 2 workers each batch is split between the engine's worker and one helper worker), against
TensorFlow.js's step above, same browser session. The first epoch, warm-up and all, and the time
from opening the page to "ready" (data loaded, model built, helpers started) are beside it:

| run | samples/s | TF.js wasm DeepFM | ours / TF.js | first epoch: samples/s (/ TF.js) | page → ready |
|---|---:|---:|---:|---:|---:|
${appRows.join("\n")}
` : ""}
| module | raw bytes | gzip -9 | brotli 11 |
|---|---:|---:|---:|
${sizes.join("\n")}
`;
console.log(md);

// The scaling table: BenchmarkScaling/<setting>=<value> natively and in node.
function parseScaling(file) {
  const m = new Map();
  if (!file || !existsSync(file)) return m;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const f = line.match(/^BenchmarkScaling\/(\S+?)(-\d+)?\s+\d+\s+[\d.]+ ns\/op\s+([\d.]+) samples\/s/);
    if (f) m.set(f[1], Number(f[3]));
  }
  return m;
}
const scN = parseScaling(opt.scaling), scW = parseScaling(opt["scaling-node"]);
const scaling = [...scN.keys()].map((k) => {
  const [what, v] = k.split("=");
  const label = { batch: "batch size", K: "embedding dimension K", mlp: "MLP widths", workers: "data-parallel workers" }[what] ?? what;
  return `| ${label} | ${v} | ${fmt(scN.get(k))} | ${fmt(scW.get(k))} | ${scW.get(k) ? (scN.get(k) / scW.get(k)).toFixed(2) : "—"} |`;
});
const mdScaling = `FLSEST's training step, one setting varied from the quick preset (batch 128, K 16, MLP 100-100):
\`go test -run '^$' -bench Scaling ./engine/\` natively and under wasm in node, same run as above.
The workers rows train on MovieLens-100k-sized synthetic data, each batch split between goroutine
replicas (\`flsest train -workers N\`); this machine has ${os.cpus().length} cores, and under wasm there is one
thread, so there they show only what splitting costs (the browser runs its workers as Web Workers:
the app table).

| varied | value | native samples/s | wasm (node) samples/s | native / wasm |
|---|---:|---:|---:|---:|
${scaling.join("\n")}
`;

// The kernel table: BenchmarkKernels/<layer>/<operation>/<variant> natively and in node (GFLOP/s,
// counting the dense product's 2·R·S·C flops, so a sparse path's skipped zeros count as done).
function parseKernels(file) {
  const m = new Map();
  if (!file || !existsSync(file)) return m;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const f = line.match(/^BenchmarkKernels\/(.+?)\/(.+?)\/(.+?)(-\d+)?\s+\d+\s+[\d.]+ ns\/op\s+([\d.]+) GFLOP\/s/);
    if (f) m.set([f[1], f[2], f[3]].map((s) => s.replaceAll("_", " ")).join("|"), Number(f[5]));
  }
  return m;
}
const kN = parseKernels(opt.kernels), kW = parseKernels(opt["kernels-node"]);
const kernelRows = [...kN.keys()].map((k) => {
  const [layer, op, variant] = k.split("|");
  return `| ${layer} | ${op} | ${variant} | ${kN.get(k).toFixed(2)} | ${kW.get(k)?.toFixed(2) ?? "—"} |`;
});
const mdKernels = `Each kernel of \`model/kernels.go\` against its alternatives at DeepFM 200-200's layer shapes (batch
128): \`go test -run '^$' -bench Kernels ./model/\` natively and under wasm in node, same run as
above. GFLOP/s count the dense product's 2·R·S·C flops, so a sparse path's skipped zeros count as
done. "vector" are the kernels on \`simd/archsimd\` (\`model/kernels_vector.go\`): Float32x8 natively
(AVX2), Float32x4 under wasm (SIMD128), the same bits as the scalar kernels; "as used" is what the
layer calls (the vector kernels when built with GOEXPERIMENT=simd, the sparse paths when under 40%
of the input is nonzero).

| layer | operation | variant | native GFLOP/s | wasm (node) GFLOP/s |
|---|---|---|---:|---:|
${kernelRows.join("\n")}
`;

function writeSection(file, name, body) {
  const f = readFileSync(file, "utf8");
  const a = `<!-- bench:${name} -->`, b = `<!-- /bench:${name} -->`;
  const i = f.indexOf(a), j = f.indexOf(b);
  if (i < 0 || j < i) {
    console.error(`${file}: no ${a} … ${b} section`);
    process.exitCode = 1;
    return;
  }
  writeFileSync(file, f.slice(0, i + a.length) + "\n" + body + f.slice(j));
}
if (opt.write) {
  writeSection(opt.write, "step", md);
  if (scaling.length) writeSection(opt.write, "scaling", mdScaling);
  if (kernelRows.length) writeSection(opt.write, "kernels", mdKernels);
}
if (kernelRows.length) console.log(mdKernels);
if (scaling.length) console.log(mdScaling);
console.error(JSON.stringify({ results, app }));
