//go:build js && wasm

package main

import "syscall/js"

// eventLoopYield returns a Yield for engine.Runner that hands the worker's
// JS event loop one turn through a MessageChannel message, so requests the
// page posted meanwhile (pause, inspect) are served. The runner's default,
// a 1 ms time.Sleep, becomes a nested setTimeout, which browsers clamp to
// at least 4 ms: one yield per 20 ms of training cost ~17% of the time. A
// message is not clamped.
func eventLoopYield() func() {
	ch := js.Global().Get("MessageChannel").New()
	turn := make(chan struct{}, 1)
	ch.Get("port1").Set("onmessage", js.FuncOf(func(js.Value, []js.Value) any {
		turn <- struct{}{}
		return nil
	}))
	port := ch.Get("port2")
	return func() {
		port.Call("postMessage", js.Null())
		<-turn // Go idles here, and the event loop runs what is queued before the message
	}
}
