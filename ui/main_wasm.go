//go:build js && wasm

package main

import (
	"time"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/client"
	"github.com/flsest/flsest/ui/state"
	"github.com/vugu/vugu"
	"github.com/vugu/vugu/domrender"
	js "github.com/vugu/vugu/js"
)

func main() {
	yieldToBrowser() // Go's runtime and package initialisation are one task: the renderer's start is the next (render_pace_wasm.go)
	var renderer *domrender.JSRenderer
	var err error
	withVuguHelperPreloaded(func() { renderer, err = domrender.New("#app") })
	if err != nil {
		panic(err)
	}
	defer renderer.Release()
	ee := renderer.EventEnv()
	buildEnv, err := vugu.NewBuildEnv(ee)
	if err != nil {
		panic(err)
	}
	store := state.NewStore(client.NewBrowser(), ee)
	root := &Root{Store: store}
	listenKeys(ee, store)
	go renderTicker(ee, store)
	yieldToBrowser() // and the store's start the next
	store.Start()
	times := newRenderTimes()
	skip := newSubtrees()
	renderAllOnRequest(ee, skip)
	yieldToBrowser() // the first build in a task of its own, not the module's start (render_pace_wasm.go)
	for ok := true; ok; ok = renderer.EventWait() {
		ee.RLock() // build under the read lock (docs/design.md, platform facts); Render takes its own
		start := time.Now()
		res := buildEnv.RunBuild(root)
		dropLayoutWhitespace(res)
		skip.prune(res)
		more := root.revealing()
		ee.RUnlock()
		built := time.Now()
		if built.Sub(start) > splitBuildOver {
			yieldToBrowser()
		}
		sending := time.Now()
		if err := renderer.Render(res); err != nil {
			// A failed render leaves the page as it was; the next event
			// renders again. (Panicking would end the UI for good.)
			println("ui: render:", err.Error())
			skip.forget()
		}
		times.add(built.Sub(start), time.Since(sending), skip.Sent, skip.Skipped, skip.Moved)
		if more {
			go revealNext(ee, root)
		}
		collectIfDue()
	}
}

// revealNext renders the ready page's next step in a task of its own.
func revealNext(ee vugu.EventEnv, root *Root) {
	yieldToBrowser()
	ee.Lock()
	root.revealNext()
	ee.UnlockRender()
}

// renderTicker renders at most every 250 ms, and only when an engine event
// changed the store (every render builds the whole tree).
func renderTicker(ee vugu.EventEnv, s *state.Store) {
	for range time.Tick(250 * time.Millisecond) {
		if s.TakeDirty() {
			ee.Lock()
			ee.UnlockRender()
		}
	}
}

// listenKeys binds Space (play/pause), → (one batch) and R (reset), except
// while typing in a form field.
func listenKeys(ee vugu.EventEnv, s *state.Store) {
	fn := js.FuncOf(func(this js.Value, args []js.Value) any {
		ev := args[0]
		if ev.Get("ctrlKey").Bool() || ev.Get("metaKey").Bool() || ev.Get("altKey").Bool() || ev.Get("repeat").Bool() {
			return nil
		}
		switch ev.Get("target").Get("tagName").String() {
		case "INPUT", "TEXTAREA", "SELECT", "BUTTON":
			return nil
		}
		var act func()
		switch key := ev.Get("key").String(); key {
		case " ":
			act = s.TogglePlay
		case "ArrowRight":
			act = func() {
				if s.CanPlay() {
					s.Command(api.ActionStep)
				}
			}
		case "r", "R":
			act = func() {
				if !s.Training() && s.Page == state.PageReady {
					s.Command(api.ActionReset)
				}
			}
		default:
			return nil
		}
		ev.Call("preventDefault")
		go func() {
			ee.Lock()
			act()
			ee.UnlockRender()
		}()
		return nil
	})
	js.Global().Get("document").Call("addEventListener", "keydown", fn)
}
