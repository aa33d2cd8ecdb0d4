//go:build js && wasm

package main

import (
	"runtime"
	"runtime/debug"
	"syscall/js"
	"time"
)

// Go compiled to wasm runs on the page's main thread, and a JS callback
// runs every goroutine it wakes before it returns: whatever Go does
// between two waits is one browser task. The render loop keeps those
// tasks short (the page's budget is 50 ms of wall time for any task, on a
// 2-core machine where the engine's worker holds one core):
//
//   - A build that took long is sent to the DOM in a task of its own: the
//     first renders of the ready page spend as much time building (V8
//     compiling each function on its first call) as the DOM does creating.
//   - A garbage collection that is due runs in a task of its own, after a
//     render, rather than inside the next render's allocations: in wasm the
//     collection stops everything, and one took 15–20 ms of CPU on top of a
//     render while the page loaded. The heap's goal is twice Go's default,
//     so that the renders of the ready page's first steps (1–2 MB each)
//     fit between the check and the goal.

// splitBuildOver is the build time past which the DOM work waits for the
// next task.
const splitBuildOver = 4 * time.Millisecond

// yieldToBrowser lets the browser run its other tasks (input, a frame)
// before the calling goroutine goes on, in a task of its own: a JS timer's
// callback wakes it. (A time.Sleep does not always yield: when other
// goroutines ran past its end, the Go scheduler wakes the sleeper in the
// same task, and the module's start ran its first build that way.)
func yieldToBrowser() {
	woken := make(chan struct{})
	var wake js.Func
	wake = js.FuncOf(func(js.Value, []js.Value) any {
		wake.Release()
		close(woken)
		return nil
	})
	js.Global().Call("setTimeout", wake, 0)
	<-woken
}

// gcDueAt is the fraction of the heap goal past which a collection is run
// between renders.
const gcDueAt = 0.5

func init() { debug.SetGCPercent(200) }

// collectIfDue runs a collection in a task of its own when the heap is
// within reach of its goal (the next few renders would start one).
// runtime.ReadMemStats, not runtime/metrics: the latter's table of metric
// descriptions cost ui.wasm 11.7 KB brotli (BENCHMARKS.md).
func collectIfDue() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if ms.NextGC == 0 || float64(ms.HeapAlloc) < gcDueAt*float64(ms.NextGC) {
		return
	}
	yieldToBrowser()
	runtime.GC()
}
