//go:build js && wasm

package main

import (
	_ "embed"

	js "github.com/vugu/vugu/js"
)

//go:embed skip_unchanged.js
var skipUnchanged string

// skipUnchangedWrites makes Vugu's DOM renderer skip the writes that would
// not change the page (skip_unchanged.js says how). Call it after
// domrender.New, which defines window.vuguRender.
func skipUnchangedWrites() {
	js.Global().Call("eval", skipUnchanged)
}
