// The shell goes when the UI has replaced the loading panel (the app,
// the drop zone or the crash banner); the observer then stops.
(() => {
  const app = document.getElementById("app"); // Vugu drops the id; the element stays
  const done = new MutationObserver(() => {
    if (app.querySelector("#loading")) return;
    done.disconnect();
    document.getElementById("shell")?.remove();
    document.body.classList.remove("booting");
  });
  done.observe(app, { childList: true, subtree: true });
})();
