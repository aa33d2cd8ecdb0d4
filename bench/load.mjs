// bench/load.mjs — how fast the page loads: the bytes of both wasm modules
// on the wire, as `flsest serve` sends them (brotli, gzip, none), and, over
// --runs fresh browser contexts in Debian's Chromium (headless), the time
// from navigation to the first meaningful paint and to working controls,
// on a first visit (empty cache) and on a second visit (same context: its
// HTTP cache and service worker). Medians. Runnable alone (after
// ./build.sh build, with MovieLens-100k findable: FLSEST_DATA):
//
//   node bench/load.mjs [--runs 5] [--write BENCHMARKS.md] [--baseline DIR]
//
// --baseline DIR also measures another built tree (its index.html, assets/,
// build/ and build/flsest), alternating with this one run by run, so a
// before/after comparison shares the machine's load.
//
// --write replaces the section between <!-- bench:load --> and
// <!-- /bench:load --> in the named file.
//
// "Controls work": #status reads "ready" and #play is enabled (the first
// render after the data is loaded, the model built and the first snapshot
// shown). "Meaningful paint": the page's header is on screen — the first
// contentful paint when the header is in the HTML (the static shell), else
// the frame after a script (the UI) made it.
import { request } from "node:http";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { execSync } from "node:child_process";
import os from "node:os";
import { root, startServer, launch, waitUntil } from "../e2e/helpers.mjs";

const { values: opt } = parseArgs({ options: { runs: { type: "string", default: "5" }, write: { type: "string" }, baseline: { type: "string" } } });
const runs = Number(opt.runs);
const trees = [{ name: "this tree", dir: root }];
if (opt.baseline) trees.push({ name: "baseline", dir: resolve(opt.baseline) });
for (const t of trees) if (!existsSync(join(t.dir, "build", "flsest"))) throw new Error(`${t.dir}/build/flsest is missing: ./build.sh build first`);

const modules = ["build/engine.wasm", "build/ui.wasm"];
for (const t of trees) {
  t.server = await startServer({ dir: t.dir });
  t.cold = [];
  t.warm = [];
  // The server says what it offers on stderr before its URL on stdout; the pipes may arrive in either order.
  for (let i = 0; i < 40 && !t.server.log().includes("offering MovieLens-100k"); i++) await new Promise((r) => setTimeout(r, 50));
  if (!t.server.log().includes("offering MovieLens-100k")) {
    for (const u of trees) u.server?.stop();
    throw new Error("the server offers no MovieLens-100k, so the page would wait for a drop: set FLSEST_DATA\n" + t.server.log());
  }
}
const loadBefore = os.loadavg();

// wire fetches path with an Accept-Encoding and counts the body's bytes as
// sent (node's http does not decode).
function wire(url, acceptEncoding) {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { "accept-encoding": acceptEncoding } }, (res) => {
      let n = 0;
      res.on("data", (d) => (n += d.length));
      res.on("end", () => resolve({ status: res.statusCode, bytes: n, encoding: res.headers["content-encoding"] ?? "identity", type: res.headers["content-type"], vary: res.headers.vary, etag: res.headers.etag, cache: res.headers["cache-control"] }));
    });
    req.on("error", reject);
    req.end();
  });
}
for (const t of trees) {
  t.bytes = {};
  for (const m of modules) {
    t.bytes[m] = {};
    for (const [name, ae] of [["br", "gzip, deflate, br, zstd"], ["gzip", "gzip, deflate"], ["identity", "identity"]]) {
      const r = await wire(t.server.url + m, ae);
      if (r.status !== 200) throw new Error(`${m} (${ae}): HTTP ${r.status}`);
      t.bytes[m][name] = r;
    }
  }
}

// Recorded in every page before its own scripts run.
function probe() {
  const L = (window.__load = { ready: 0, paint: 0, paintHow: "", fcp: 0 });
  const fcp = new Promise((resolve) => new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === "first-contentful-paint") resolve((L.fcp = e.startTime));
  }).observe({ type: "paint", buffered: true }));
  L.statuses = [];
  const check = () => {
    const st = document.querySelector("#status")?.textContent;
    if (st && st !== L.statuses.at(-1)?.[0]) L.statuses.push([st, Math.round(performance.now())]);
    if (!L.headerSeen && document.querySelector("header h1")) {
      L.headerSeen = true;
      if (document.readyState === "loading") {
        // The header is in the HTML, the first thing in <body>: the first
        // contentful paint shows it.
        fcp.then((t) => { L.paint = t; L.paintHow = "first contentful paint, the header in the HTML"; });
      } else {
        // A script made it: the frame after it appeared.
        requestAnimationFrame(() => setTimeout(() => { L.paint = performance.now(); L.paintHow = "the frame after a script made the header"; }, 0));
      }
    }
    const play = document.querySelector("#play");
    if (!L.ready && document.querySelector("#status")?.textContent === "ready" && play && !play.disabled) {
      L.ready = performance.now();
      obs.disconnect();
    }
  };
  const obs = new MutationObserver(check);
  obs.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
}

async function visit(ctx, url) {
  const page = await ctx.newPage();
  const encodings = {};
  page.on("response", (r) => {
    const p = new URL(r.url()).pathname;
    if (p.endsWith(".wasm")) encodings[p] = r.headers()["content-encoding"] ?? "identity";
  });
  await page.addInitScript(probe);
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(() => window.__load.ready && window.__load.paint, null, { timeout: 60000, polling: 50 });
  const m = await page.evaluate(() => {
    const r = performance.getEntriesByType("resource").find((e) => e.name.endsWith("/build/ui.wasm"));
    return { ...window.__load, uiWasm: r ? { start: r.startTime, end: r.responseEnd, encoded: r.encodedBodySize, transfer: r.transferSize } : null, engineReadyMs: window.flsestEngine?.readyMs };
  });
  m.encodings = encodings;
  return { page, m };
}

const browser = await launch();
for (let i = 0; i < runs; i++) {
  for (const t of trees) {
    const ctx = await browser.newContext({ viewport: { width: 1320, height: 1000 } });
    const first = await visit(ctx, t.server.url);
    t.cold.push(first.m);
    // A second visit comes later: let the service worker install and keep
    // the modules, the engine's worker keep the parsed dataset (a baseline
    // tree from before it did has none), and the first page settle, before it.
    const modulesKept = async () => {
      if (!navigator.serviceWorker.controller) return false;
      const keys = (await (await caches.open("flsest-app")).keys()).map((r) => new URL(r.url).pathname);
      return ["/build/ui.wasm", "/build/engine.wasm"].every((p) => keys.includes(p));
    };
    const datasetKept = async () => !!(await (await caches.open("flsest-data")).match("/data/ml-100k.prepared"));
    const poll = (predicate) => waitUntil(first.page, predicate, null, { timeout: 30000, polling: 250 }).catch(() => false);
    if (!(await poll(modulesKept))) console.error(`${t.name}, run ${i + 1}: the service worker did not keep both modules within 30 s`);
    if (existsSync(join(t.dir, "datasets", "prepared.go")) && !(await poll(datasetKept))) console.error(`${t.name}, run ${i + 1}: the parsed dataset was not kept within 30 s`);
    await first.page.waitForTimeout(1000);
    await first.page.close();
    const second = await visit(ctx, t.server.url);
    t.warm.push(second.m);
    await second.page.close();
    await ctx.close();
    console.error(`${t.name}, run ${i + 1}: first visit ready ${t.cold[i].ready.toFixed(0)} ms (paint ${t.cold[i].paint.toFixed(0)}), second visit ready ${t.warm[i].ready.toFixed(0)} ms (paint ${t.warm[i].paint.toFixed(0)})`);
  }
}
const chromiumVersion = browser.version();
await browser.close();
for (const t of trees) t.server.stop();
const loadAfter = os.loadavg();

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const h = s.length >> 1; return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2; };
const ms = (x) => `${Math.round(x)} ms`;
const mb = (n) => (n / 1e6).toFixed(2) + " MB";
const stat = (xs, key) => { const v = xs.map((x) => x[key]); return `**${ms(median(v))}** (${ms(Math.min(...v))}–${ms(Math.max(...v))})`; };
const sum = (t, enc) => modules.reduce((s, m) => s + t.bytes[m][enc].bytes, 0);
const browserEnc = (t) => [...new Set(t.cold.flatMap((c) => Object.entries(c.encodings).map(([p, e]) => `${p.replace(/^\//, "")}: ${e}`)))].join(", ");
const at = (xs, f) => xs.map((x) => ({ t: f(x) ?? NaN }));

let goVersion = "";
try { goVersion = execSync("go version", { encoding: "utf8" }).trim().replace(/^go version /, ""); } catch {}
let commit = "";
try { commit = execSync("git rev-parse --short HEAD", { cwd: root, encoding: "utf8" }).trim(); } catch {}
let cpuName = os.cpus()[0]?.model ?? "?";
const la = (l) => l.map((x) => x.toFixed(2)).join(", ");

const table = (t) => `| from navigation to | first visit (cold cache) | second visit (warm cache) | budget |
|---|---:|---:|---:|
| meaningful paint (the header on screen: ${[...new Set(t.cold.map((c) => c.paintHow))].join("; ")}) | ${stat(t.cold, "paint")} | ${stat(t.warm, "paint")} | 300 ms |
| first contentful paint | ${stat(t.cold, "fcp")} | ${stat(t.warm, "fcp")} | |
| \`build/ui.wasm\` received (the page's fetch) | ${stat(at(t.cold, (c) => c.uiWasm?.end), "t")} | ${stat(at(t.warm, (c) => c.uiWasm?.end), "t")} | |
| the engine's worker ready (from its own start) | ${stat(t.cold, "engineReadyMs")} | ${stat(t.warm, "engineReadyMs")} | |
| controls work (\`#status\` "ready", \`#play\` enabled) | ${stat(t.cold, "ready")} | ${stat(t.warm, "ready")} | 2.0 s / 1.0 s |

Bytes of the two modules on the wire, as \`build/flsest serve\` sends them for each \`Accept-Encoding\`
(the browser got ${browserEnc(t) || "?"}):

| module | br | gzip | identity |
|---|---:|---:|---:|
${modules.map((m) => `| \`${m}\` | ${t.bytes[m].br.bytes.toLocaleString("en-US")} (${t.bytes[m].br.encoding}) | ${t.bytes[m].gzip.bytes.toLocaleString("en-US")} (${t.bytes[m].gzip.encoding}) | ${t.bytes[m].identity.bytes.toLocaleString("en-US")} |`).join("\n")}
| **both** | **${mb(sum(t, "br"))}** | ${mb(sum(t, "gzip"))} | ${mb(sum(t, "identity"))} |
`;

const md = `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC at ${commit} (${goVersion}), ${os.cpus().length} × ${cpuName},
Chromium ${chromiumVersion} headless, by \`node bench/load.mjs\` (\`./build.sh bench\` runs it) against
\`build/flsest serve\` on 127.0.0.1. Load average (1, 5, 15 min) ${la(loadBefore)} before, ${la(loadAfter)} after.
Medians over ${runs} fresh browser contexts (min–max in brackets); each context visits twice: first
with an empty cache, then again after its service worker has kept the modules.

${trees.map((t) => (trees.length > 1 ? `**${t.name === "baseline" ? `baseline: ${opt.baseline}` : t.name}** (runs alternate between the trees)\n\n` : "") + table(t)).join("\n")}`;
console.log(md);
console.error(JSON.stringify(trees.map(({ server, ...t }) => t)));

if (opt.write) {
  const f = readFileSync(opt.write, "utf8");
  const a = "<!-- bench:load -->", b = "<!-- /bench:load -->";
  const i = f.indexOf(a), j = f.indexOf(b);
  if (i < 0 || j < i) {
    console.error(`${opt.write}: no ${a} … ${b} section`);
    process.exitCode = 1;
  } else {
    writeFileSync(opt.write, f.slice(0, i + a.length) + "\n" + md + f.slice(j));
  }
}
