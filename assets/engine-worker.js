// The engine's host: a module Web Worker that instantiates the Go engine
// (build/engine.wasm, served by github.com/syumai/workers) ONCE and forwards
// each request the page posts to binding.handleRequest, streaming the
// response back chunk by chunk.
//
// Page → worker: {id, method, path, body}            a request (body: string | ArrayBuffer | null)
//                {id, type: "server-data", url}      upload the dataset at url (a zip) to the engine
//                {id, type: "cancel"}                stop forwarding a streamed response
// Worker → page: {type: "ready", ms}                 the engine answers requests
//                {type: "fatal", message}            the engine is dead (Go exited or failed to start)
//                {type: "data-progress", stage, fraction}  the offered dataset: "download" 0…1, then "parse"
//                {id, type: "head", status, headers}
//                {id, type: "chunk", chunk}          a Uint8Array, transferred
//                {id, type: "end"} | {id, type: "error", message}
globalThis.tryCatch ??= (fn) => { try { return { result: fn() }; } catch (e) { return { error: e }; } };

const t0 = performance.now();
// Cancelled responses are drained, not cancelled: syumai/workers v0.33.0
// closes the body's controller after a cancel, which throws inside Go and
// ends the engine. Event streams end from the Go side instead
// (POST /api/events/{token}/close).
const cancelled = new Set();

// Compiled once, streaming, its download started before anything else (the
// Go loader is imported after); the helpers instantiate this same module
// (it is posted to them), so they skip their own compile and share the code
// V8 optimises while the engine trains, instead of warming up their own copy.
// engine.wasm's kernels use WebAssembly SIMD (Chrome/Edge 91+, Firefox 89+, Safari 16.4+): a
// browser without it is told so instead of failing to compile. The bytes are a module with one
// function returning a v128 (i8x16.splat, i8x16.popcnt).
const wasmSIMD = WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]));
const engineModule = wasmSIMD
  ? WebAssembly.compileStreaming(fetch(new URL("../build/engine.wasm", import.meta.url)))
  : Promise.reject(new Error("this browser lacks WebAssembly SIMD, which the training engine needs: use a current Chrome, Edge, Firefox or Safari (16.4 or newer)"));

async function startEngine() {
  await import("../build/workers/wasm_exec.js"); // syumai/workers' wasm_exec: go.run(instance, {binding})
  const go = new Go();
  const binding = {}; // Go sets binding.handleRequest while it initialises
  let ready;
  const readyP = new Promise((r) => (ready = r));
  const instance = await WebAssembly.instantiate(await engineModule, {
    ...go.importObject,
    workers: { ready: () => ready() },
  });
  const exited = go.run(instance, { binding });
  exited.then(() => self.postMessage({ type: "fatal", message: "the engine stopped (its Go program exited; the browser console has the details)" }));
  await Promise.race([readyP, exited.then(() => { throw new Error("the engine exited while starting"); })]);
  return binding;
}

// Data-parallel helpers (assets/engine-replica.js), kept between sessions:
// the Go engine calls these through wasm/worker/replicas.go.
const helpers = [];
globalThis.flsestReplicas = {
  // start makes n helpers hold copies of spec's model; it resolves when all
  // are ready.
  async start(n, specJSON) {
    const spec = JSON.parse(specJSON);
    for (let i = 0; i < n; i++) if (!helpers[i] || helpers[i].dead) helpers[i] = newHelper(); // a crashed helper is replaced
    await Promise.all(helpers.slice(0, n).map((h, i) => h.call({ type: "setup", spec, index: i + 1 })));
  },
  // step sends helper i the weights and its shard; it resolves to
  // {grads: Uint8Array, loss}.
  step(i, weights, shard, total) {
    return helpers[i].call({ type: "step", weights: weights.buffer, shard: shard.buffer, total }, [weights.buffer, shard.buffer])
      .then((m) => ({ grads: new Uint8Array(m.grads), loss: m.loss }));
  },
};

function newHelper() {
  const w = new Worker(new URL("./engine-replica.js", import.meta.url), { type: "module" });
  const waiting = new Map(); // id → {resolve, reject}; setup uses id 0
  let next = 1;
  const h = { dead: false };
  const fail = (message) => {
    h.dead = true;
    w.terminate();
    for (const p of waiting.values()) p.reject(new Error(message));
    waiting.clear();
  };
  w.onmessage = ({ data: m }) => {
    if (m.type === "error") return fail("data-parallel worker: " + m.message); // its Go program is gone or unusable
    const id = m.type === "done" ? m.id : 0;
    const p = waiting.get(id);
    if (!p) return;
    waiting.delete(id);
    if (m.error) p.reject(Object.assign(new Error("data-parallel worker: " + m.error), { nonFinite: m.nonFinite === true }));
    else p.resolve(m);
  };
  w.onerror = (e) => fail("data-parallel worker failed: " + (e.message || "could not start"));
  engineModule.then(
    (module) => w.postMessage({ type: "module", module }),
    (e) => fail("data-parallel worker: engine.wasm did not compile: " + String((e && e.message) || e)),
  );
  h.call = (msg, transfer = []) => {
    if (h.dead) return Promise.reject(new Error("data-parallel worker stopped"));
    const id = msg.type === "step" ? next++ : 0;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      w.postMessage({ ...msg, id }, transfer);
    });
  };
  return h;
}

const engine = startEngine();
engine.then(
  () => self.postMessage({ type: "ready", ms: performance.now() - t0 }),
  (e) => self.postMessage({ type: "fatal", message: String((e && e.message) || e) }),
);

// The offered dataset as the engine parsed it (GET /api/dataset/prepared,
// engine/prepared.go), kept in the browser beside the zip's ETag: on the
// next visit, when the server's zip has the same ETag, the engine gets the
// parsed copy instead and skips parsing the zip and hashing its files.
const PREPARED_CACHE = "flsest-data";
const PREPARED_KEY = new URL("../data/ml-100k.prepared", import.meta.url).href;
const ZIP_ETAG = "X-Flsest-Zip-ETag";
const PREPARED_DELAY_MS = 3000;

// The dataset the server offers, downloaded while the engine compiles (or
// its parsed copy from the last visit, below) and uploaded to it the
// moment it is ready, instead of after the page has
// started, asked for the settings and fetched it. The page's first
// "server-data" message for that URL gets the engine's answer (a Response;
// the server's status if it has none); any other one, a fresh upload.
let offered = { url: new URL("../data/ml-100k.zip", import.meta.url).href };
offered.upload = uploadOfferedData(offered.url);
offered.upload.catch(() => {}); // a failure is reported to the page when it asks

async function uploadOfferedData(url) {
  let res = await fetch(url);
  if (!res.ok) {
    const message = `the server offers no dataset (${res.status})`;
    return new Response(JSON.stringify({ code: "not_found", message }), { status: res.status, headers: { "Content-Type": "application/json" } });
  }
  const etag = res.headers.get("ETag");
  const kept = etag && (await keptPrepared(etag));
  if (kept) {
    res.body?.cancel().catch(() => {});
    const binding = await engine;
    self.postMessage({ type: "data-progress", stage: "parse", fraction: 1 });
    const answer = await binding.handleRequest(new Request("http://engine.local/api/dataset/prepared", { method: "POST", body: kept }));
    if (answer.ok) return answer;
    // A copy this engine does not read (made by another version): the zip.
    await caches.delete(PREPARED_CACHE).catch(() => {});
    res = await fetch(url);
    if (!res.ok) return answer;
  }
  // flsest serve sends the zip brotli-encoded (its entries stored, so the
  // browser does the inflating, natively, as it downloads): the body read
  // here is decoded, and X-Decoded-Length is its size.
  const total = Number(res.headers.get("X-Decoded-Length")) || (res.headers.get("Content-Encoding") ? 0 : Number(res.headers.get("Content-Length"))) || 0;
  const reader = res.body.getReader();
  const parts = [];
  let got = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    got += value.byteLength;
    self.postMessage({ type: "data-progress", stage: "download", fraction: total ? got / total : 0 });
  }
  const bytes = new Uint8Array(got);
  let off = 0;
  for (const p of parts) { bytes.set(p, off); off += p.byteLength; }
  const binding = await engine;
  self.postMessage({ type: "data-progress", stage: "parse", fraction: 1 });
  const answer = await binding.handleRequest(new Request("http://engine.local/api/dataset?name=ml-100k.zip", { method: "POST", body: bytes }));
  if (answer.ok && etag) {
    // Asked for once the page has started (encoding it takes the engine
    // 50–100 ms it would otherwise add to the page's start-up), for this
    // load only: another dataset loaded meanwhile is not kept as this zip's.
    const { load } = await answer.clone().json();
    setTimeout(() => keepPrepared(etag, binding.handleRequest(new Request(`http://engine.local/api/dataset/prepared?load=${load}`)))
      .catch((e) => console.warn("the parsed dataset was not kept for the next visit:", e.message)), PREPARED_DELAY_MS);
  }
  return answer;
}

async function keptPrepared(etag) {
  try {
    const kept = await (await caches.open(PREPARED_CACHE)).match(PREPARED_KEY);
    return kept && kept.headers.get(ZIP_ETAG) === etag ? new Uint8Array(await kept.arrayBuffer()) : null;
  } catch {
    return null; // no storage (a private window may have none): parse the zip
  }
}

async function keepPrepared(etag, answer) {
  const res = await answer;
  if (!res.ok) throw new Error(`the engine answered ${res.status}`);
  const body = await res.arrayBuffer();
  await (await caches.open(PREPARED_CACHE)).put(PREPARED_KEY, new Response(body, { headers: { "Content-Type": "application/octet-stream", [ZIP_ETAG]: etag } }));
}

self.onmessage = async (ev) => {
  const msg = ev.data;
  if (msg.type === "cancel") {
    cancelled.add(msg.id);
    return;
  }
  const { id, method = "GET", path, body } = msg;
  try {
    const binding = await engine;
    let res;
    if (msg.type === "server-data") {
      const upload = offered?.url === msg.url ? offered.upload : uploadOfferedData(msg.url);
      offered = null;
      res = await upload;
    } else {
      const init = { method };
      if (body != null && method !== "GET" && method !== "HEAD") init.body = body;
      res = await binding.handleRequest(new Request(new URL(path, "http://engine.local/"), init));
    }
    self.postMessage({ id, type: "head", status: res.status, headers: [...res.headers] });
    if (res.body) {
      const reader = res.body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          if (value.byteLength === 0 || cancelled.has(id)) continue; // syumai/workers sends an empty first chunk
          self.postMessage({ id, type: "chunk", chunk: value }, [value.buffer]);
        }
      } finally {
        cancelled.delete(id);
      }
    }
    self.postMessage({ id, type: "end" });
  } catch (e) {
    self.postMessage({ id, type: "error", message: String((e && e.message) || e) });
  }
};
