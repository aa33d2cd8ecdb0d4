//go:build js && wasm

package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"syscall/js"

	"github.com/flsest/flsest/engine"
	"github.com/flsest/flsest/model"
)

// webWorkerReplicas is engine.Replicas over helper Web Workers
// (globalThis.flsestReplicas in assets/engine-worker.js): per step each
// helper gets the weights and its shard, and sends back its gradient.
type webWorkerReplicas struct {
	n       int
	fields  int
	pool    js.Value
	replies []chan replicaReply
	shard   []byte
	grad    []float32
	// bufs[i] is helper i's parameter-sized buffer, passed back and forth:
	// weights out, the same bytes back as gradients, so a step allocates
	// no JS memory (fresh 0.4–0.7 MB buffers per step kept both workers'
	// garbage collectors busy).
	bufs []js.Value
}

type replicaReply struct {
	grads js.Value
	loss  float64
	err   error
}

// newWebWorkerReplicas starts (or reuses) n helpers holding spec's model.
func newWebWorkerReplicas(n int, spec engine.ReplicaSpec) (engine.Replicas, error) {
	pool := js.Global().Get("flsestReplicas")
	if pool.IsUndefined() {
		return nil, errors.New("this host has no data-parallel workers")
	}
	b, err := json.Marshal(spec)
	if err != nil {
		return nil, err
	}
	if _, err := await(pool.Call("start", n, string(b))); err != nil {
		return nil, err
	}
	r := &webWorkerReplicas{n: n, fields: len(spec.Schema.Fields), pool: pool, grad: make([]float32, spec.Params)}
	for range n {
		r.replies = append(r.replies, make(chan replicaReply, 1))
		r.bufs = append(r.bufs, js.Global().Get("Uint8Array").New(4*spec.Params))
	}
	return r, nil
}

func (r *webWorkerReplicas) Count() int { return r.n }

func (r *webWorkerReplicas) Start(weights []float32, shards []*model.Batch, total int) error {
	if len(shards) != r.n {
		return fmt.Errorf("%d shards for %d workers", len(shards), r.n)
	}
	wb := floatBytes(weights)
	for i, s := range shards {
		w := r.bufs[i]
		if w.Get("byteLength").Int() != len(wb) { // transferred away by a step that failed
			w = js.Global().Get("Uint8Array").New(len(wb))
		}
		js.CopyBytesToJS(w, wb)
		r.shard = engine.EncodeBatch(r.shard[:0], s, r.fields)
		sb := js.Global().Get("Uint8Array").New(len(r.shard))
		js.CopyBytesToJS(sb, r.shard)
		reply := r.replies[i]
		onReply(r.pool.Call("step", i, w, sb, total), func(v js.Value, err error) {
			if err != nil {
				reply <- replicaReply{err: err}
				return
			}
			reply <- replicaReply{grads: v.Get("grads"), loss: v.Get("loss").Float()}
		})
	}
	return nil
}

func (r *webWorkerReplicas) Wait(sum []float32) (float64, error) {
	var loss float64
	var errs []error
	gb := floatBytes(r.grad)
	for i, ch := range r.replies {
		rep := <-ch // Go idles here; the event loop delivers the helpers' replies
		if rep.err != nil {
			errs = append(errs, rep.err)
			continue
		}
		if rep.grads.Length() != len(gb) {
			errs = append(errs, fmt.Errorf("a worker sent %d gradient bytes, want %d", rep.grads.Length(), len(gb)))
			continue
		}
		js.CopyBytesToGo(gb, rep.grads)
		r.bufs[i] = rep.grads // the next step's weights go out in it
		engine.AddInto(sum, r.grad)
		loss += rep.loss
	}
	return loss, errors.Join(errs...)
}

// Close keeps the helpers for the next session (starting one costs a
// compile of engine.wasm); the engine's worker ends them with itself.
func (r *webWorkerReplicas) Close() {}

// onReply calls f once p settles.
func onReply(p js.Value, f func(js.Value, error)) {
	var then, catch js.Func
	then = js.FuncOf(func(_ js.Value, a []js.Value) any {
		then.Release()
		catch.Release()
		f(a[0], nil)
		return nil
	})
	catch = js.FuncOf(func(_ js.Value, a []js.Value) any {
		then.Release()
		catch.Release()
		msg := a[0].String()
		if m := a[0].Get("message"); m.Type() == js.TypeString {
			msg = m.String()
		}
		err := errors.New(msg)
		if a[0].Type() == js.TypeObject && a[0].Get("nonFinite").Truthy() {
			err = fmt.Errorf("%w (in a helper worker: %s)", model.ErrNonFinite, msg) // paused and explained as the engine's own NaN
		}
		f(js.Undefined(), err)
		return nil
	})
	p.Call("then", then, catch)
}

// await blocks until p settles.
func await(p js.Value) (js.Value, error) {
	ch := make(chan replicaReply, 1)
	onReply(p, func(v js.Value, err error) { ch <- replicaReply{grads: v, err: err} })
	r := <-ch
	return r.grads, r.err
}
