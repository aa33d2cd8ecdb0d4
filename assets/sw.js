// The page's service worker: the app keeps working offline. Network first —
// online, every request goes to the server as if this worker did not exist
// (a rebuilt engine is never hidden behind a stale copy) — and each good
// answer is kept; offline, the kept copy answers. The server sends
// "Service-Worker-Allowed: /" so this file, in assets/, controls the page.
//
// The two wasm modules are kept compressed: the Cache API keeps a body as
// the page sees it (12.8 MB decoded), so for them this worker keeps the
// server's gzip copy (NAME.gz, asked for by name: DecompressionStream reads
// gzip, not brotli, in Chromium today) and decodes it as it answers offline.
// A copy is rewritten only when the server's ETag (the content's hash)
// changes, so a second visit writes nothing.
const CACHE = "flsest-app";
const url = (p) => new URL(p, self.location).href;
const CORE = [
  "../", "../index.html", "app.css", "hover.js", "charts.js", "views.js", "share.js", "export.js", "flow.js", "engine-client.js", "engine-worker.js", "engine-replica.js",
  "boot.js", "engine-start.js", "shell.js", "ui-start.js", "offline.js", "vugu-render.js", "skip-unchanged.js",
  "../build/wasm_exec.js", "../build/workers/wasm_exec.js", "../data/ml-100k.zip",
].map(url);
const MODULES = ["../build/ui.wasm", "../build/engine.wasm"].map(url);
const PACKED = "X-Flsest-Packed"; // on a kept module: the encoding of its body

// tagOf is the content part of a response's ETag (flsest serve appends the
// encoding: "<hash>.br", "<hash>.gz", "<hash>").
const tagOf = (res) => (res.headers.get("ETag") || "").replace(/^W\//, "").replace(/"/g, "").replace(/\.(br|gz)$/, "");

// keepPacked keeps module u as the server's gzip copy, under u itself.
async function keepPacked(cache, u, etag) {
  const res = await fetch(u + ".gz");
  if (!res.ok) return;
  await cache.put(u, new Response(await res.arrayBuffer(), { headers: { "Content-Type": "application/wasm", "ETag": etag, [PACKED]: "gzip" } }));
}

// keep stores a good answer to u unless the kept one has the same content;
// copy is a clone of its body (null for a module, kept packed instead).
async function keep(u, res, copy) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(u);
  if (kept && tagOf(kept) && tagOf(kept) === tagOf(res)) {
    await copy?.body?.cancel();
    return;
  }
  if (copy) await cache.put(u, copy);
  else await keepPacked(cache, u, res.headers.get("ETag") || "");
}

// unpack turns a kept answer into what the page asked for.
function unpack(kept) {
  if (kept.headers.get(PACKED) !== "gzip") return kept;
  return new Response(kept.body.pipeThrough(new DecompressionStream("gzip")), { headers: { "Content-Type": "application/wasm", "ETag": kept.headers.get("ETag") || "" } });
}

self.addEventListener("install", (ev) => {
  // The page registers this worker once it has loaded: keep what it
  // needs offline now (HTTP-cache revalidations, and one download of each
  // module's gzip copy). A missing file is not fatal: the worker also
  // keeps what the page fetches later.
  ev.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await Promise.all([
      ...CORE.map((u) => cache.add(u).catch(() => {})),
      ...MODULES.map((u) => fetch(u, { method: "HEAD" }).then((r) => r.ok && keep(u, r, null)).catch(() => {})),
    ]);
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (ev) => ev.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (ev) => {
  const req = ev.request;
  if (req.method !== "GET" || new URL(req.url).origin !== self.location.origin) return;
  const u = req.url.split(/[?#]/)[0];
  ev.respondWith((async () => {
    try {
      const res = await fetch(req);
      if (res.ok) {
        const copy = MODULES.includes(u) ? null : res.clone();
        ev.waitUntil(keep(u, res, copy).catch(() => {}));
      }
      return res;
    } catch (err) {
      const kept = await caches.match(u, { ignoreSearch: true });
      if (kept) return unpack(kept);
      throw err;
    }
  })());
});
