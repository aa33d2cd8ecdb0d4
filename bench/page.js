// The bench page's side: window.benchGo and window.benchTF time training
// steps; bench/run.mjs calls them with page.evaluate.
/* global tf, Go */
import { registerSegmentSum, makeDeepFM, syntheticBatches } from "./tfjs-deepfm.js";

tf.wasm.setWasmPaths("/bench/node_modules/@tensorflow/tfjs-backend-wasm/dist/");
const log = (s) => (document.getElementById("log").textContent += s + "\n");

// The Go module: instantiated once; its linear memory is its peak heap.
let goMemory = null;
const goReady = (async () => {
  const go = new Go();
  const ready = new Promise((r) => addEventListener("flsest-bench-ready", r, { once: true }));
  const t0 = performance.now();
  const { instance } = await WebAssembly.instantiateStreaming(fetch("/build/bench.wasm"), go.importObject);
  go.run(instance);
  await ready;
  goMemory = instance.exports.mem;
  return performance.now() - t0;
})();

window.benchGo = async ({ model, batch, hidden = "", warmup = 20, steps = 200 }) => {
  const startMs = await goReady;
  const r = JSON.parse(globalThis.flsestStepBench(model, batch, hidden, warmup, steps));
  r.impl = "go-wasm";
  r.wasm_memory_bytes = goMemory.buffer.byteLength;
  r.start_ms = startMs;
  log(JSON.stringify(r));
  return r;
};

window.benchTF = async ({ backend, batch, hidden = [200, 200], warmup = 10, steps = 100 }) => {
  await tf.setBackend(backend);
  await tf.ready();
  registerSegmentSum();
  const m = makeDeepFM({ hidden });
  const batches = syntheticBatches(batch, Math.max(16, Math.floor(32768 / batch))); // as engine/stepbench.go
  const k = batches.length;
  let loss;
  for (let i = 0; i < warmup; i++) tf.dispose(m.step(batches[i % k]));
  const first = await m.step(batches[0]).data();
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) {
    if (loss) loss.dispose();
    loss = m.step(batches[(warmup + i) % k]);
  }
  const last = (await loss.data())[0]; // waits for the backend to finish
  const seconds = (performance.now() - t0) / 1000;
  loss.dispose();
  const r = {
    impl: "tfjs-" + backend, model: "deepfm", batch, hidden, params: m.params, steps, seconds,
    samples_per_sec: (steps * batch) / seconds, first_loss: first[0], last_loss: last,
    simd: backend === "wasm" ? await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT") : undefined,
    threads: backend === "wasm" ? await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT") : undefined,
    tensors_bytes: tf.memory().numBytes,
  };
  m.dispose();
  log(JSON.stringify(r));
  return r;
};
window.benchPageReady = true;
