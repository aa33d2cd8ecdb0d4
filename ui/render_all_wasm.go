//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/vugu/vugu"
)

// renderAllOnRequest defines window.flsestRenderAll(): the next render
// sends every node, skipping none (skip_subtrees.go), so a browser test can
// check that the skipped subtrees were what a full render makes.
func renderAllOnRequest(ee vugu.EventEnv, skip *subtrees) {
	js.Global().Set("flsestRenderAll", js.FuncOf(func(js.Value, []js.Value) any {
		go func() {
			ee.Lock()
			skip.forget()
			ee.UnlockRender()
		}()
		return nil
	}))
}
