// The engine's host: a module Web Worker that instantiates the Go engine
// (build/engine.wasm, served by github.com/syumai/workers) ONCE and forwards
// each request the page posts to binding.handleRequest, streaming the
// response back chunk by chunk.
//
// Page → worker: {id, method, path, body}            a request (body: string | ArrayBuffer | null)
//                {id, type: "cancel"}                stop forwarding a streamed response
// Worker → page: {type: "ready", ms}                 the engine answers requests
//                {type: "fatal", message}            the engine is dead (Go exited or failed to start)
//                {id, type: "head", status, headers}
//                {id, type: "chunk", chunk}          a Uint8Array, transferred
//                {id, type: "end"} | {id, type: "error", message}
import "../build/workers/wasm_exec.js"; // syumai/workers' wasm_exec: go.run(instance, {binding})

globalThis.tryCatch ??= (fn) => { try { return { result: fn() }; } catch (e) { return { error: e }; } };

const t0 = performance.now();
// Cancelled responses are drained, not cancelled: syumai/workers v0.33.0
// closes the body's controller after a cancel, which throws inside Go and
// ends the engine. Event streams end from the Go side instead
// (POST /api/events/{token}/close).
const cancelled = new Set();

async function startEngine() {
  const go = new Go();
  const binding = {}; // Go sets binding.handleRequest while it initialises
  let ready;
  const readyP = new Promise((r) => (ready = r));
  const url = new URL("../build/engine.wasm", import.meta.url);
  const { instance } = await WebAssembly.instantiateStreaming(fetch(url), {
    ...go.importObject,
    workers: { ready: () => ready() },
  });
  const exited = go.run(instance, { binding });
  exited.then(() => self.postMessage({ type: "fatal", message: "the engine stopped (its Go program exited; the browser console has the details)" }));
  await Promise.race([readyP, exited.then(() => { throw new Error("the engine exited while starting"); })]);
  return binding;
}

const engine = startEngine();
engine.then(
  () => self.postMessage({ type: "ready", ms: performance.now() - t0 }),
  (e) => self.postMessage({ type: "fatal", message: String((e && e.message) || e) }),
);

self.onmessage = async (ev) => {
  const msg = ev.data;
  if (msg.type === "cancel") {
    cancelled.add(msg.id);
    return;
  }
  const { id, method = "GET", path, body } = msg;
  try {
    const binding = await engine;
    const init = { method };
    if (body != null && method !== "GET" && method !== "HEAD") init.body = body;
    const res = await binding.handleRequest(new Request(new URL(path, "http://engine.local/"), init));
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
