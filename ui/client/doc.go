// Package client is the UI's one connection to the engine. Client is the
// engine's HTTP API typed, one method per route (paths from engine/api's
// constants, JSON and errors decoded in one place), over a Transport:
// Bridge in the browser (window.flsestEngine, assets/engine-client.js,
// which forwards requests to the engine's Web Worker; bridge_wasm.go), a
// fake in tests.
package client
