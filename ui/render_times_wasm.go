//go:build js && wasm

package main

import (
	"runtime"
	"time"

	"syscall/js"
)

// renderTimes publishes each render's cost as window.flsestRenders
// ({at: [when each ended], build: [ms…], dom: [ms…]}, the last 256 renders, and heap()): the
// browser tests report them.
type renderTimes struct{ at, build, dom js.Value }

func newRenderTimes() *renderTimes {
	o := js.Global().Get("Object").New()
	t := &renderTimes{at: js.Global().Get("Array").New(), build: js.Global().Get("Array").New(), dom: js.Global().Get("Array").New()}
	o.Set("at", t.at)
	o.Set("build", t.build)
	o.Set("dom", t.dom)
	// heap() is the Go heap now: MB in use, collections so far, and their
	// pauses (ms).
	o.Set("heap", js.FuncOf(func(js.Value, []js.Value) any {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return map[string]any{"heapMB": float64(m.HeapAlloc) / 1e6, "gcs": int(m.NumGC), "pauseMs": float64(m.PauseTotalNs) / 1e6}
	}))
	js.Global().Set("flsestRenders", o)
	return t
}

func (t *renderTimes) add(build, dom time.Duration) {
	for _, a := range []struct {
		arr js.Value
		d   time.Duration
	}{{t.at, 0}, {t.build, build}, {t.dom, dom}} {
		v := float64(a.d.Microseconds()) / 1000
		if a.d == 0 {
			v = js.Global().Get("performance").Call("now").Float() // when the render ended
		}
		a.arr.Call("push", v)
		if a.arr.Length() > 256 {
			a.arr.Call("shift")
		}
	}
}
