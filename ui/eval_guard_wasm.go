//go:build js && wasm

package main

import (
	"syscall/js"
)

// withVuguHelperPreloaded runs start (domrender.New) with window.eval
// replaced by a guard. Vugu's renderer passes its helper script to
// window.eval, which the page's Content-Security-Policy forbids (no
// 'unsafe-eval'); index.html has already loaded that exact script as
// assets/vugu-render.js, and it returns at once when window.vuguRender
// exists, so the guard accepts that text, running nothing, and refuses any
// other. window.eval is restored afterwards.
func withVuguHelperPreloaded(start func()) {
	window := js.Global()
	eval := window.Get("eval")
	guard := js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) == 1 && args[0].Type() == js.TypeString && args[0].String() == vuguHelperScript && window.Get("vuguRender").Truthy() {
			return nil
		}
		panic("window.eval refused: the page runs without 'unsafe-eval' (ui/eval_guard_wasm.go)")
	})
	defer guard.Release()
	window.Set("eval", guard)
	defer window.Set("eval", eval)
	start()
}
