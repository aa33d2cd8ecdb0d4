//go:build js && wasm && flsestdebug

package main

import "net/http"

// addDebugRoutes adds the crash path's test hook, in builds with the
// flsestdebug tag only (./build.sh build and test; serve builds without it,
// so the production worker has no such route): a panic outside any handler
// ends this Go instance, as a real bug would; the page must say so and
// offer a restart (e2e/crash.test.mjs).
func addDebugRoutes(mux *http.ServeMux) {
	mux.HandleFunc("POST /api/debug/crash", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusAccepted)
		go func() { panic("crash requested through /api/debug/crash") }()
	})
}
