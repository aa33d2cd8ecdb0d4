//go:build !(js && wasm)

// The UI exists only as WebAssembly; natively its components build (for
// go vet and the staticrender tests) and main says how to run it.

package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "the UI runs in a browser: ./build.sh serve")
	os.Exit(2)
}
