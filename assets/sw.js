// The page's service worker: the app keeps working offline. Network first —
// online, every request goes to the server as if this worker did not exist
// (a rebuilt engine is never hidden behind a stale copy) — and each good
// answer is kept; offline, the kept copy answers. The server sends
// "Service-Worker-Allowed: /" so this file, in assets/, controls the page.
const CACHE = "flsest-app";
const CORE = [
  "../", "../index.html", "app.css", "hover.js", "views.js", "engine-client.js", "engine-worker.js",
  "../build/wasm_exec.js", "../build/workers/wasm_exec.js", "../build/ui.wasm", "../build/engine.wasm",
].map((p) => new URL(p, self.location).href);

self.addEventListener("install", (ev) => {
  // The modules are fetched by now or soon after; keep them even if the
  // page has not asked for them under this worker yet. A missing file is
  // not fatal: the worker also keeps what the page fetches later.
  ev.waitUntil(caches.open(CACHE).then((c) => Promise.all(CORE.map((u) => c.add(u).catch(() => {})))).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (ev) => ev.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (ev) => {
  const req = ev.request;
  if (req.method !== "GET" || new URL(req.url).origin !== self.location.origin) return;
  ev.respondWith((async () => {
    try {
      const res = await fetch(req);
      if (res.ok) {
        const copy = res.clone();
        ev.waitUntil(caches.open(CACHE).then((c) => c.put(req, copy)));
      }
      return res;
    } catch (err) {
      const kept = await caches.match(req, { ignoreSearch: true });
      if (kept) return kept;
      throw err;
    }
  })());
});
