// Command worker is the FLSEST engine in the browser: the engine's
// http.Handler served by github.com/syumai/workers (browser runtime) in one
// persistent Go instance inside a module Web Worker. assets/engine-worker.js
// instantiates it once and forwards the page's requests to it
// (binding.handleRequest); assets/engine-client.js is the page's side.
package main
