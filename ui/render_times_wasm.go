//go:build js && wasm

package main

import (
	"time"

	"syscall/js"
)

// renderTimes publishes each render's cost as window.flsestRenders
// ({build: [ms…], dom: [ms…]}, the last 256 renders): the browser tests
// and BENCHMARKS.md read it.
type renderTimes struct{ build, dom js.Value }

func newRenderTimes() *renderTimes {
	o := js.Global().Get("Object").New()
	t := &renderTimes{build: js.Global().Get("Array").New(), dom: js.Global().Get("Array").New()}
	o.Set("build", t.build)
	o.Set("dom", t.dom)
	js.Global().Set("flsestRenders", o)
	return t
}

func (t *renderTimes) add(build, dom time.Duration) {
	for _, a := range []struct {
		arr js.Value
		d   time.Duration
	}{{t.build, build}, {t.dom, dom}} {
		a.arr.Call("push", float64(a.d.Microseconds())/1000)
		if a.arr.Length() > 256 {
			a.arr.Call("shift")
		}
	}
}
