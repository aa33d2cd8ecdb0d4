// Module scripts run in order: window.flsestEngine exists by now, and
// the deferred wasm_exec.js and vugu-render.js have run.
const go = new Go();
try {
  go.run(await WebAssembly.instantiate(await window.flsestBoot.ui, go.importObject));
} catch (e) {
  document.querySelector("#loading p").textContent = "The page could not start its WebAssembly (build/ui.wasm): " + e.message;
  throw e;
}
