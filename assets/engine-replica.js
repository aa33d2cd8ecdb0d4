// A data-parallel helper: a module Web Worker, started by the engine's
// worker (assets/engine-worker.js), running build/engine.wasm in replica
// mode (wasm/worker/replica.go). It holds a copy of the model and, per
// training step, turns the engine's weights and one shard of the batch into
// that shard's gradients.
//
// Engine → helper: {type: "module", module}   the engine's compiled engine.wasm (setup waits for it)
//                  {type: "setup", spec, index}
//                  {type: "step", id, weights: ArrayBuffer, shard: ArrayBuffer, total}
// Helper → engine: {type: "ready"} | {type: "error", message}
//                  {type: "done", id, grads: ArrayBuffer, loss} | {type: "done", id, error, nonFinite}
import "../build/workers/wasm_exec.js";

globalThis.flsestReplicaMode = true;
let gotModule;
const engineModule = new Promise((r) => (gotModule = r));
const started = (async () => {
  const go = new Go();
  const ready = new Promise((r) => (globalThis.flsestReplicaReady = r));
  const instance = await WebAssembly.instantiate(await engineModule, {
    ...go.importObject,
    workers: { ready: () => {} },
  });
  go.run(instance, { binding: {} }).then(() => self.postMessage({ type: "error", message: "the replica's Go program exited" }));
  await ready;
})();

self.onmessage = async ({ data: m }) => {
  if (m.type === "module") return gotModule(m.module);
  try {
    await started;
    if (m.type === "setup") {
      const err = globalThis.flsestReplica.setup(JSON.stringify(m.spec), m.index);
      self.postMessage(err ? { type: "error", message: err } : { type: "ready" });
    } else if (m.type === "step") {
      const r = globalThis.flsestReplica.step(new Uint8Array(m.weights), new Uint8Array(m.shard), m.total);
      if (r.error) self.postMessage({ type: "done", id: m.id, error: r.error, nonFinite: r.nonFinite === true });
      else self.postMessage({ type: "done", id: m.id, grads: r.grads.buffer, loss: r.loss }, [r.grads.buffer]);
    }
  } catch (e) {
    const message = String((e && e.message) || e);
    self.postMessage(m.type === "step" ? { type: "done", id: m.id, error: message } : { type: "error", message });
  }
};
