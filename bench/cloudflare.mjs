// The Cloudflare Worker's cost per request under workerd (wrangler dev):
// wall time, and the CPU time workerd's processes spent, per request of
// each kind, sent one at a time. Each request runs a fresh Go instance.
//
//   ./build.sh cf-dev --port 8788 &      (then, with a checkpoint from the page or `flsest train -save`)
//   node bench/cloudflare.mjs http://127.0.0.1:8788/ CHECKPOINT [N]
import { readFileSync, readdirSync } from "node:fs";

const [base, ckptPath, nArg] = process.argv.slice(2);
if (!base || !ckptPath) throw new Error("usage: node bench/cloudflare.mjs URL CHECKPOINT [N]");
const N = Number(nArg || 10);
const ckpt = readFileSync(ckptPath);
const hlen = ckpt.readUInt32LE(12);
const fields = JSON.parse(ckpt.subarray(16, 16 + hlen).toString()).schema.Fields;

// workerd's processes and their CPU seconds so far (/proc/PID/stat: utime, stime).
const tick = 100; // USER_HZ on Linux
function workerd() {
  const out = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("workerd")) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      const rss = Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)[1]) / 1024;
      out.push({ cpu: (Number(stat[11]) + Number(stat[12])) / tick, rss });
    } catch { /* gone */ }
  }
  return out;
}
const cpu = () => workerd().reduce((s, p) => s + p.cpu, 0);

let seed = 1;
const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
const sample = () => Object.fromEntries(fields.map((f) => [f.Name, [rand(f.Vocab)]]));
const samples = (n) => Array.from({ length: n }, sample);

async function post(path, request) {
  const form = new FormData();
  form.append("checkpoint", new Blob([ckpt]), "flsest.ckpt");
  form.append("request", JSON.stringify(request));
  const r = await fetch(new URL(path, base), { method: "POST", body: form });
  const body = await r.text();
  if (r.status !== 200) throw new Error(`${path}: ${r.status} ${body}`);
}

const kinds = [
  ["GET /api/edge (Go start-up only)", () => fetch(new URL("api/edge", base)).then((r) => r.text())],
  ["predict, 1 sample", () => post("api/edge/predict", { samples: samples(1) })],
  ["predict, 1024 samples", () => post("api/edge/predict", { samples: samples(1024) })],
  ["inspect, 256 samples", () => post("api/edge/inspect", { samples: samples(256) })],
  ["explain, 1 sample × 64 background", () => post("api/edge/explain", { samples: samples(1), background: samples(64) })],
  ["explain, 4 × 64 (the limit)", () => post("api/edge/explain", { samples: samples(4), background: samples(64) })],
];
console.log(`checkpoint ${ckpt.length} bytes, ${fields.length} fields; ${N} requests each, one at a time; load average ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`);
console.log("| request | wall median ms | wall min ms | workerd CPU ms per request |\n|---|---|---|---|");
for (const [name, run] of kinds) {
  await run(); // warm
  const walls = [];
  const c0 = cpu();
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    await run();
    walls.push(performance.now() - t0);
  }
  const perReq = ((cpu() - c0) * 1000) / N;
  walls.sort((a, b) => a - b);
  console.log(`| ${name} | ${walls[walls.length >> 1].toFixed(0)} | ${walls[0].toFixed(0)} | ${perReq.toFixed(0)} |`);
}
console.log(`workerd RSS now: ${workerd().map((p) => p.rss.toFixed(0) + " MB").join(", ")}`);
