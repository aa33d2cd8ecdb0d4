//go:build !(js && wasm)

// The step benchmark's browser module only exists as WebAssembly; this file
// lets `go build ./...` and `go vet ./...` pass natively.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "wasm/bench runs in a browser page: build it with GOOS=js GOARCH=wasm (./build.sh bench does); natively run go test -run '^$' -bench Step ./engine/")
	os.Exit(2)
}
