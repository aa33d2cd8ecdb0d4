// Command vuguhelper copies Vugu's DOM renderer helper script (the constant
// jsHelperScript of github.com/vugu/vugu/domrender, which domrender.New
// passes to window.eval) into the repository: assets/vugu-render.js, which
// index.html loads as a file, and ui/vugu_helper.go, the same text as a Go
// constant for the page's eval guard (ui/eval_guard_wasm.go). With both, the
// page runs under a Content-Security-Policy without 'unsafe-eval'.
//
// Run by go generate in ui/ (ui/generate.go); main_test.go fails when the
// copies differ from the Vugu module go.mod requires, so an upgrade of
// Vugu cannot leave them stale.
package main
