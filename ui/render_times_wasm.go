//go:build js && wasm

package main

import (
	"runtime"
	"time"

	"syscall/js"
)

// renderTimes publishes each render's cost as window.flsestRenders
// ({at: [when each ended], build: [ms…], dom: [ms…], sent: [elements sent…], skipped: [elements skipped…]}, the last 256
// renders, and heap()): the browser tests report them. moved lists the
// ids whose element a render put at another DOM path (skip_subtrees.go), the last 256.
type renderTimes struct{ at, build, dom, sent, skipped, moved js.Value }

func newRenderTimes() *renderTimes {
	o := js.Global().Get("Object").New()
	array := func() js.Value { return js.Global().Get("Array").New() }
	t := &renderTimes{at: array(), build: array(), dom: array(), sent: array(), skipped: array(), moved: array()}
	o.Set("at", t.at)
	o.Set("build", t.build)
	o.Set("dom", t.dom)
	o.Set("sent", t.sent)
	o.Set("skipped", t.skipped)
	o.Set("moved", t.moved)
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

func (t *renderTimes) add(build, dom time.Duration, sent, skipped int, moved []string) {
	for _, id := range moved {
		t.moved.Call("push", id)
		if t.moved.Length() > 256 {
			t.moved.Call("shift")
		}
	}
	for _, a := range []struct {
		arr js.Value
		v   float64
	}{{t.at, js.Global().Get("performance").Call("now").Float()}, {t.build, ms(build)}, {t.dom, ms(dom)}, {t.sent, float64(sent)}, {t.skipped, float64(skipped)}} {
		a.arr.Call("push", a.v)
		if a.arr.Length() > 256 {
			a.arr.Call("shift")
		}
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
