//go:build !(js && wasm)

// The engine worker only exists as WebAssembly; this file lets `go build
// ./...` and `go vet ./...` pass natively.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "wasm/worker runs in a browser worker: build it with GOOS=js GOARCH=wasm (./build.sh serve does)")
	os.Exit(2)
}
