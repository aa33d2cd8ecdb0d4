//go:build !(js && wasm)

// The Worker only exists as WebAssembly; this file lets `go build ./...`
// and `go vet ./...` pass natively (handler.go is tested natively).

package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "wasm/cloudflare runs in a Cloudflare Worker: ./build.sh cf-dev runs it locally")
	os.Exit(2)
}
