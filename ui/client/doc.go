// Package client is the UI's one connection to the engine: it implements
// state.Engine over window.flsestEngine (assets/engine-client.js), which
// forwards requests to the engine's Web Worker. It exists only in the wasm
// build (client_wasm.go); natively the UI's logic is tested with fakes.
package client
