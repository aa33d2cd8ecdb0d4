//go:build js && wasm

package client

import (
	"errors"
	"sync"
	"syscall/js"

	vjs "github.com/vugu/vugu/js"
)

// Bridge is the Transport in the browser: window.flsestEngine
// (assets/engine-client.js), which forwards requests to the engine's Web
// Worker, and the page's own location and navigator.
type Bridge struct {
	eng js.Value

	hashMu      sync.Mutex
	hash        string  // the hash SetHash last asked for
	hashPending bool    // a write of hash is scheduled
	writeHash   js.Func // the scheduled write
}

// NewBrowser returns the typed client of the page's engine.
func NewBrowser() *Client { return New(&Bridge{eng: js.Global().Get("flsestEngine")}) }

// once wraps a Go callback as a JS function that releases itself after
// its first call and hands its arguments to f on a new goroutine (a JS
// callback must never block: the Go code behind it may need the event loop).
func once(f func(args []js.Value)) js.Func {
	var fn js.Func
	fn = js.FuncOf(func(this js.Value, args []js.Value) any {
		fn.Release()
		go f(args)
		return nil
	})
	return fn
}

func (c *Bridge) promise(p js.Value, done func(float64, error)) {
	then := once(func([]js.Value) { done(c.eng.Get("readyMs").Float(), nil) })
	catch := once(func(args []js.Value) { done(0, errors.New(args[0].Get("message").String())) })
	p.Call("then", then, catch)
}

// WhenReady implements Transport.
func (c *Bridge) WhenReady(done func(float64, error)) { c.promise(c.eng.Get("ready"), done) }

// Restart implements Transport.
func (c *Bridge) Restart(done func(float64, error)) { c.promise(c.eng.Call("restart"), done) }

func statusCallback(done func(int, []byte)) js.Func {
	return once(func(args []js.Value) { done(args[0].Int(), []byte(args[1].String())) })
}

// Call implements Transport.
func (c *Bridge) Call(method, path string, body []byte, done func(int, []byte)) {
	var b any
	if body != nil {
		b = string(body)
	}
	c.eng.Call("call", method, path, b, statusCallback(done))
}

// Events implements Transport. Lines reach onLine in order, on one
// goroutine (a goroutine per line would reorder them).
func (c *Bridge) Events(onLine func([]byte), onClose func(error)) func() {
	var mu sync.Mutex
	var queue [][]byte
	wake := make(chan struct{}, 1)
	closed := false
	go func() {
		for range wake {
			for {
				mu.Lock()
				if len(queue) == 0 {
					done := closed
					mu.Unlock()
					if done {
						return
					}
					break
				}
				line := queue[0]
				queue = queue[1:]
				mu.Unlock()
				onLine(line)
			}
		}
	}()
	lineFn := js.FuncOf(func(this js.Value, args []js.Value) any {
		mu.Lock()
		queue = append(queue, []byte(args[0].String()))
		mu.Unlock()
		select {
		case wake <- struct{}{}:
		default:
		}
		return nil
	})
	var closeFn js.Func
	closeFn = js.FuncOf(func(this js.Value, args []js.Value) any {
		var err error
		if len(args) > 0 && args[0].Truthy() {
			err = errors.New(args[0].Get("message").String())
		}
		mu.Lock()
		closed = true
		mu.Unlock()
		select {
		case wake <- struct{}{}:
		default:
		}
		lineFn.Release()
		closeFn.Release()
		go onClose(err)
		return nil
	})
	stop := c.eng.Call("events", lineFn, closeFn)
	return func() { stop.Invoke() }
}

// LoadServerData implements Transport.
func (c *Bridge) LoadServerData(progress func(string, float64), done func(int, []byte)) {
	var prog js.Func
	prog = js.FuncOf(func(this js.Value, args []js.Value) any {
		stage, f := args[0].String(), args[1].Float()
		go progress(stage, f)
		return nil
	})
	c.eng.Call("loadServerData", "/data/ml-100k.zip", prog, once(func(args []js.Value) {
		prog.Release()
		done(args[0].Int(), []byte(args[1].String()))
	}))
}

// LoadFile implements Transport; file is the vugu js.Value of a File,
// passed on synchronously (a DOM event's objects are only valid in its
// handler).
func (c *Bridge) LoadFile(path string, file any, done func(int, []byte)) {
	v, ok := file.(vjs.Value)
	if !ok {
		go done(0, []byte(`{"code":"internal","message":"not a file"}`))
		return
	}
	c.eng.Call("sendFile", path, js.Value(v), statusCallback(done))
}

// Download implements Transport.
func (c *Bridge) Download(path, filename string) { c.eng.Call("download", path, filename) }

// OnCrash implements Transport.
func (c *Bridge) OnCrash(f func(string)) {
	c.eng.Call("onCrash", js.FuncOf(func(this js.Value, args []js.Value) any {
		msg := args[0].String()
		go f(msg)
		return nil
	}))
}

// Cores implements Transport.
func (c *Bridge) Cores() int {
	if n := js.Global().Get("navigator").Get("hardwareConcurrency"); n.Type() == js.TypeNumber && n.Int() > 0 {
		return n.Int()
	}
	return 1
}

// Hash implements Transport: the URL's, or the one a scheduled write is
// about to put there.
func (c *Bridge) Hash() string {
	c.hashMu.Lock()
	defer c.hashMu.Unlock()
	if c.hashPending {
		return c.hash
	}
	return js.Global().Get("location").Get("hash").String()
}

// SetHash implements Transport (without adding a history entry). The
// write happens in a task of its own, after the one that asked for it:
// history.replaceState took 7 ms and more of the main thread on a loaded
// machine, and inside a click's task (the lesson's Next) it made that a
// long task. Writes asked for before it runs are one write; a write that
// would not change the URL is skipped.
func (c *Bridge) SetHash(h string) {
	c.hashMu.Lock()
	defer c.hashMu.Unlock()
	c.hash = h
	if c.hashPending {
		return
	}
	c.hashPending = true
	if c.writeHash.IsUndefined() {
		c.writeHash = js.FuncOf(func(js.Value, []js.Value) any {
			c.hashMu.Lock()
			defer c.hashMu.Unlock()
			c.hashPending = false
			if now := js.Global().Get("location").Get("hash").String(); now != c.hash && now+"#" != c.hash { // "#": no hash
				js.Global().Get("history").Call("replaceState", nil, "", c.hash)
			}
			return nil
		})
	}
	js.Global().Call("setTimeout", c.writeHash, 0)
}
