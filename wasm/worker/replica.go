//go:build js && wasm

package main

import (
	"encoding/json"
	"errors"
	"syscall/js"
	"unsafe"

	"github.com/flsest/flsest/engine"
	"github.com/flsest/flsest/model"
)

// serveReplica is engine.wasm in a data-parallel helper
// (assets/engine-replica.js): it defines
//
//	flsestReplica.setup(specJSON, index) → "" or an error message
//	flsestReplica.step(weights, shard, total) → {grads, loss} or {error, nonFinite}
//
// (weights and grads: the float32 parameter vector's bytes; shard:
// engine.EncodeBatch's) and never returns.
func serveReplica() {
	var (
		rep     *engine.Replica
		weights []float32
		shard   model.Batch
		buf     []byte
	)
	fail := func(msg string) any { return js.ValueOf(map[string]any{"error": msg}) }
	setup := js.FuncOf(func(_ js.Value, a []js.Value) any {
		var spec engine.ReplicaSpec
		if err := json.Unmarshal([]byte(a[0].String()), &spec); err != nil {
			return "replica spec: " + err.Error()
		}
		r, err := engine.NewReplica(spec, a[1].Int())
		if err != nil {
			return err.Error()
		}
		rep, weights = r, make([]float32, spec.Params)
		return ""
	})
	step := js.FuncOf(func(_ js.Value, a []js.Value) any {
		if rep == nil {
			return fail("replica: step before setup")
		}
		wb := floatBytes(weights)
		if a[0].Length() != len(wb) {
			return fail("replica: weights of the wrong size")
		}
		js.CopyBytesToGo(wb, a[0])
		n := a[1].Length()
		if cap(buf) < n {
			buf = make([]byte, n)
		}
		buf = buf[:n]
		js.CopyBytesToGo(buf, a[1])
		if err := engine.DecodeBatch(&shard, buf); err != nil {
			return fail(err.Error())
		}
		g, loss, err := rep.Gradients(weights, &shard, a[2].Int())
		if err != nil {
			// Say which kind, so the engine pauses and explains a NaN as its own.
			return js.ValueOf(map[string]any{"error": err.Error(), "nonFinite": errors.Is(err, model.ErrNonFinite)})
		}
		js.CopyBytesToJS(a[0], floatBytes(g)) // back in the weights' buffer (same size)
		return js.ValueOf(map[string]any{"grads": a[0], "loss": loss})
	})
	api := js.Global().Get("Object").New()
	api.Set("setup", setup)
	api.Set("step", step)
	js.Global().Set("flsestReplica", api)
	js.Global().Call("flsestReplicaReady")
	select {}
}

// floatBytes views f's memory as bytes (little-endian, as wasm is).
func floatBytes(f []float32) []byte {
	if len(f) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(f))), len(f)*4)
}
