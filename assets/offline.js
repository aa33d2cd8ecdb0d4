// Offline use (assets/sw.js), registered once the engine's module has
// arrived, so that its copies do not compete with the first downloads;
// it installs while the engine reads the data, before any training.
window.flsestEngine.ready.then(() =>
  navigator.serviceWorker?.register("assets/sw.js", { scope: "./" }).catch((e) => console.warn("no offline copy:", e.message)), () => {});
