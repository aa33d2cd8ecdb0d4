// The app on Cloudflare Workers, locally: `./build.sh cf-dev` (wrangler dev,
// workerd) serves it on 127.0.0.1. The Worker offers no dataset, so the
// page asks for ml-100k.zip; the visitor's file trains a short run in the
// page; the Worker's stateless API answers with the page's checkpoint.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { root, launch, openApp, waitStatus, api, artifacts, shot, zipOf } from "./helpers.mjs";

let dev, browser, page;
let log = "";

// freePort asks the system for a port on loopback that is free now.
const freePort = () => new Promise((resolve, reject) => {
  const s = createServer().listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
  s.on("error", reject);
});

before(async () => {
  const port = await freePort();
  // Its own process group: wrangler starts workerd, and both end with it.
  dev = spawn(join(root, "build.sh"), ["cf-dev", "--port", String(port)], { cwd: root, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const url = await new Promise((resolve, reject) => {
    const seen = (d) => {
      log += d;
      if (log.includes(`Ready on http://127.0.0.1:${port}`)) resolve(`http://127.0.0.1:${port}/`);
    };
    dev.stdout.on("data", seen);
    dev.stderr.on("data", seen);
    dev.on("exit", (code) => reject(new Error(`./build.sh cf-dev exited (${code}): ${log}`)));
    setTimeout(() => reject(new Error("./build.sh cf-dev was not ready in 10 minutes: " + log)), 600000).unref();
  });
  browser = await launch();
  page = await openApp(browser, url, { hash: "batches_per_epoch=40&epochs=2", status: "waiting for ml-100k.zip", name: "cloudflare" });
});

after(async () => {
  page?.saveLogs();
  writeFileSync(join(artifacts, "cloudflare.wrangler.txt"), log);
  await browser?.close();
  if (dev?.exitCode === null) process.kill(-dev.pid, "SIGTERM");
});

test("the app's files come from the Worker's assets, with their headers; no dataset", async () => {
  const base = page.url().replace(/#.*$/, "");
  const res = await page.evaluate(async (b) => {
    const head = async (p) => { const r = await fetch(b + p); return { status: r.status, type: r.headers.get("content-type"), sw: r.headers.get("service-worker-allowed"), nosniff: r.headers.get("x-content-type-options"), csp: r.headers.get("content-security-policy"), body: r.status === 404 ? await r.text() : "" }; };
    return { page: await head(""), engine: await head("build/engine.wasm"), sw: await head("assets/sw.js"), data: await head("data/ml-100k.zip"), repo: await head("wrangler.jsonc") };
  }, base);
  assert.equal(res.page.status, 200);
  assert.equal(res.page.nosniff, "nosniff");
  // cf/_headers' policy (flsest serve's): the page, which the next test trains in, runs under it.
  assert.match(res.page.csp ?? "", /script-src 'self' 'wasm-unsafe-eval';/);
  assert.equal(res.engine.type, "application/wasm");
  assert.equal(res.sw.sw, "/");
  assert.equal(res.data.status, 404);
  assert.match(res.data.body, /offers no MovieLens-100k/);
  assert.equal(res.repo.status, 404, "only the app's files are assets");
});

test("the visitor's ml-100k.zip trains a capped run in the page", async () => {
  const zip = join(artifacts, "cloudflare-ml-100k.zip");
  writeFileSync(zip, await zipOf(process.env.FLSEST_DATA));
  await page.setInputFiles("#data-file", zip);
  await waitStatus(page, "ready", 60000);
  assert.equal((await api(page, "GET", "/api/state")).body.config.batches_per_epoch, "40");
  await page.click("#play");
  await waitStatus(page, "finished", 180000);
  const auc = Number(await page.textContent("#test-auc"));
  assert.ok(auc > 0.6 && auc < 1, `test AUC ${auc}`);
  await shot(page, "cloudflare-finished");
});

test("the Worker predicts, inspects and explains with the page's checkpoint", async () => {
  const fields = (await api(page, "GET", "/api/snapshot")).body.field_names;
  const out = await page.evaluate(async (fields) => {
    const ckpt = await window.flsestEngine.request("GET", "/api/checkpoint", null);
    // Two samples by vocabulary index: 0 and 1 in every field (each
    // MovieLens field has at least two values).
    const sample = (i) => Object.fromEntries(fields.map((f) => [f, [i]]));
    const call = async (path, request, checkpoint = ckpt.bytes) => {
      const form = new FormData();
      form.append("checkpoint", new Blob([checkpoint]), "flsest.ckpt");
      form.append("request", JSON.stringify(request));
      const t0 = performance.now();
      const r = await fetch(path, { method: "POST", body: form });
      return { status: r.status, body: await r.json(), ms: performance.now() - t0 };
    };
    const two = { samples: [sample(0), sample(1)] };
    const predict = await call("api/edge/predict", two);
    const again = [];
    for (let i = 0; i < 8; i++) again.push((await call("api/edge/predict", two)).ms);
    return {
      ckptBytes: ckpt.bytes.byteLength,
      predict, again,
      inspect: await call("api/edge/inspect", two),
      explain: await call("api/edge/explain", { samples: [sample(0)], background: [sample(1)] }),
      badField: await call("api/edge/predict", { samples: [{ nope: [0] }] }),
      tooLarge: await call("api/edge/predict", two, new Uint8Array(17 << 20)),
    };
  }, fields);
  const { predict, inspect, explain } = out;
  assert.equal(predict.status, 200, JSON.stringify(predict.body));
  const [p0, p1] = predict.body.probabilities;
  assert.ok(p0 > 0 && p0 < 1 && p1 > 0 && p1 < 1 && p0 !== p1, `probabilities ${p0}, ${p1}`);
  assert.equal(inspect.status, 200, JSON.stringify(inspect.body));
  assert.equal(inspect.body.n, 2);
  assert.deepEqual(inspect.body.field_names, fields);
  assert.equal(explain.status, 200, JSON.stringify(explain.body));
  const e = explain.body.samples[0];
  const sum = e.phi.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - (e.value - e.base)) < 1e-4, `Σφ ${sum}, value − base ${e.value - e.base}`);
  // The sample's logit is the probability the Worker predicted for it.
  assert.ok(Math.abs(1 / (1 + Math.exp(-e.value)) - p0) < 1e-5, `σ(value) ${1 / (1 + Math.exp(-e.value))}, P ${p0}`);
  assert.equal(out.badField.status, 400);
  assert.equal(out.badField.body.field, "samples[0].nope");
  assert.equal(out.tooLarge.status, 413);
  const ms = [...out.again].sort((a, b) => a - b);
  console.log(`checkpoint ${out.ckptBytes} bytes; POST /api/edge/predict (a fresh Go instance each): first ${predict.ms.toFixed(0)} ms, then median ${ms[4].toFixed(0)} ms, min ${ms[0].toFixed(0)}, max ${ms[7].toFixed(0)} (shared machine)`);
});
