//go:build js && wasm && !flsestdebug

package main

import "net/http"

// addDebugRoutes adds nothing: this is a release build (debug.go).
func addDebugRoutes(*http.ServeMux) {}
