// Both modules start downloading now, side by side, each compiled while
// it streams in, and the engine's Web Worker starts (assets/engine-worker.js
// also fetches the offered dataset meanwhile). The worker's first messages
// are kept until assets/engine-client.js takes it over.
(() => {
  // The engine's module is fetched and compiled here, the moment the page
  // starts, and posted to its worker: the worker's own script takes the
  // browser another 100–150 ms to fetch and start, which the engine's
  // download no longer waits for (a restarted engine compiles its own).
  const worker = new Worker("assets/engine-worker.js?module=posted", { type: "module" });
  WebAssembly.compileStreaming(fetch("build/engine.wasm")).then(
    (module) => worker.postMessage({ type: "engine-module", module }),
    (e) => worker.postMessage({ type: "engine-module", error: String((e && e.message) || e) }),
  );
  const early = [];
  worker.onmessage = (ev) => early.push(ev);
  worker.onerror = (ev) => early.push(ev);
  window.flsestBoot = {
    worker, early,
    ui: WebAssembly.compileStreaming(fetch("build/ui.wasm")),
  };
  window.flsestBoot.ui.catch(() => {}); // reported where it is awaited
})();
