// One request of each kind against a fresh instance of the Cloudflare
// Worker's Go module, as its worker.mjs runs it (one instance per request),
// here in node's V8: the instance's start-up, the request, and the
// instance's linear memory afterwards — what counts against a Worker's
// 128 MB, since WebAssembly memory only grows.
//
//   ./build.sh cf-dev (or any build that writes build/cf/worker), then
//   node bench/cloudflare-instance.mjs CHECKPOINT [N]
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const [ckptPath, nArg] = process.argv.slice(2);
if (!ckptPath) throw new Error("usage: node bench/cloudflare-instance.mjs CHECKPOINT [N]");
const N = Number(nArg || 5);
const dir = fileURLToPath(new URL("../build/cf/worker/", import.meta.url));
await import(dir + "wasm_exec.js"); // syumai/workers' loader: globalThis.Go
globalThis.tryCatch ??= (fn) => { try { return { result: fn() }; } catch (e) { return { error: e }; } };
const mod = await WebAssembly.compile(readFileSync(dir + "app.wasm"));

const ckpt = readFileSync(ckptPath);
const hlen = ckpt.readUInt32LE(12);
const fields = JSON.parse(ckpt.subarray(16, 16 + hlen).toString()).schema.Fields;
let seed = 1;
const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
const samples = (n) => Array.from({ length: n }, () => Object.fromEntries(fields.map((f) => [f.Name, [rand(f.Vocab)]])));
const post = (path, request) => {
  const form = new FormData();
  form.append("checkpoint", new Blob([ckpt]), "flsest.ckpt");
  form.append("request", JSON.stringify(request));
  return new Request("http://worker.local" + path, { method: "POST", body: form });
};

// run starts an instance as worker.mjs does, sends it one request and
// reads the whole answer.
async function run(req) {
  const go = new Go();
  let ready;
  const started = new Promise((r) => (ready = r));
  const t0 = performance.now();
  const instance = new WebAssembly.Instance(mod, { ...go.importObject, workers: { ready: () => ready() } });
  const binding = {};
  go.run(instance, { env: {}, ctx: {}, binding });
  await started;
  const t1 = performance.now();
  const res = await binding.handleRequest(req);
  const text = await res.text();
  const t2 = performance.now();
  if (res.status !== 200) throw new Error(`${res.status} ${text}`);
  return { start: t1 - t0, handle: t2 - t1, memMB: instance.exports.mem.buffer.byteLength / 2 ** 20 };
}

const kinds = [
  ["GET /api/edge", () => new Request("http://worker.local/api/edge")],
  ["predict, 1 sample", () => post("/api/edge/predict", { samples: samples(1) })],
  ["predict, 1024 samples", () => post("/api/edge/predict", { samples: samples(1024) })],
  ["inspect, 256 samples", () => post("/api/edge/inspect", { samples: samples(256) })],
  ["explain, 1 × 64", () => post("/api/edge/explain", { samples: samples(1), background: samples(64) })],
  ["explain, 4 × 64 (the limit)", () => post("/api/edge/explain", { samples: samples(4), background: samples(64) })],
];
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(`node ${process.version}; app.wasm ${(readFileSync(dir + "app.wasm").length / 2 ** 20).toFixed(2)} MiB; checkpoint ${ckpt.length} bytes; ${N} fresh instances each (after one to warm the code); load average ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`);
console.log("| request | Go start-up ms (median) | request ms (median) | instance memory MiB (max) |\n|---|---|---|---|");
for (const [name, req] of kinds) {
  await run(req());
  const rs = [];
  for (let i = 0; i < N; i++) rs.push(await run(req()));
  console.log(`| ${name} | ${median(rs.map((r) => r.start)).toFixed(1)} | ${median(rs.map((r) => r.handle)).toFixed(1)} | ${Math.max(...rs.map((r) => r.memMB)).toFixed(1)} |`);
}
process.exit(0); // each Go instance waits for a request that never comes
