// Command cloudflare is FLSEST's Cloudflare Worker: the stateless API of
// engine/edge, built with github.com/syumai/workers' Cloudflare runtime.
// wrangler.jsonc serves the app's files (index.html, assets/, build/)
// through the Worker's static assets, so the page, and training in it, run
// in the visitor's browser as they do from `flsest serve`; the Worker
// itself runs only for what is not a file. Its worker.mjs (written by
// workers-assets-gen) starts a fresh Go instance for every request:
// nothing is kept between requests.
package main
