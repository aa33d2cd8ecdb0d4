// Both modules start downloading now, side by side, each compiled while
// it streams in: the engine in its Web Worker (assets/engine-worker.js
// also fetches the offered dataset meanwhile), the UI here. The worker's
// first messages are kept until assets/engine-client.js takes it over.
(() => {
  const worker = new Worker("assets/engine-worker.js", { type: "module" });
  const early = [];
  worker.onmessage = (ev) => early.push(ev);
  worker.onerror = (ev) => early.push(ev);
  window.flsestBoot = {
    worker, early,
    ui: WebAssembly.compileStreaming(fetch("build/ui.wasm")),
  };
  window.flsestBoot.ui.catch(() => {}); // reported where it is awaited
})();
