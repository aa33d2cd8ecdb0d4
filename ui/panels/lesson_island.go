package panels

import js "github.com/vugu/vugu/js"

// populate outlines the page panel the open step talks about (through the
// body's data-lesson-focus, which Vugu does not manage, so the panels'
// own renders keep it), scrolls it on screen when the step changes, and,
// once, binds the lesson's keys: while focus is
// inside the lesson, →/Page Down and ←/Page Up press its Next and
// Previous buttons (so the page's own → does not also step training).
func (c *Lesson) populate(host js.Value) {
	if !host.Truthy() {
		return
	}
	doc := js.Global().Get("document")
	body := doc.Get("body")
	if body.Get("dataset").Get("lessonFocus").String() != c.view.Target {
		if c.view.Target == "" {
			body.Call("removeAttribute", "data-lesson-focus")
		} else {
			body.Get("dataset").Set("lessonFocus", c.view.Target)
			// Bring the outlined panel on screen (at once: no animated scroll).
			if el := doc.Call("getElementById", c.view.Target); el.Truthy() {
				el.Call("scrollIntoView", map[string]any{"block": "nearest"})
			}
		}
	}
	c.moveFocus(host)
	if host.Get("flsestKeys").Truthy() {
		return
	}
	c.keys = js.FuncOf(func(this js.Value, args []js.Value) any {
		ev := args[0]
		switch ev.Get("target").Get("tagName").String() {
		case "INPUT", "SELECT", "TEXTAREA":
			return nil
		}
		id := ""
		switch ev.Get("key").String() {
		case "ArrowRight", "PageDown":
			id = "lesson-next"
		case "ArrowLeft", "PageUp":
			id = "lesson-prev"
		default:
			return nil
		}
		ev.Call("preventDefault")
		ev.Call("stopPropagation")
		if b := js.Global().Get("document").Call("getElementById", id); b.Truthy() && !b.Get("disabled").Bool() {
			b.Call("click")
		}
		return nil
	})
	host.Call("addEventListener", "keydown", c.keys)
	host.Set("flsestKeys", true)
}

// populateBody sets the lesson's text and equations when they changed.
func (c *Lesson) populateBody(host js.Value) {
	if !host.Truthy() {
		return
	}
	if v := host.Get("flsestVersion"); v.Type() == js.TypeNumber && v.Int() == c.bodyVersion {
		return
	}
	host.Set("innerHTML", c.view.Body)
	host.Set("flsestVersion", c.bodyVersion)
}

// focusWindowMs is how long after the lesson opens or closes a focus the
// page dropped (to the body) is put back: a render after the click (the
// lesson's trace arriving, say) may replace the element that had it, and
// under load that render can come seconds later.
const focusWindowMs = 5000

// moveFocus takes keyboard focus into the lesson (its heading) when it
// opens and back to its Guided lesson button when it closes: the button
// pressed is gone from the page either way. For focusWindowMs after that,
// a focus the page dropped goes back to the same place; a focus the user
// moved elsewhere is left alone. The check runs once the render is done
// (a populate handler runs before its element's children are replaced).
func (c *Lesson) moveFocus(host js.Value) {
	was := host.Get("flsestOpen")
	host.Set("flsestOpen", c.Open)
	if was.Type() != js.TypeBoolean {
		return // the first render: the page has just loaded, focus stays
	}
	now := js.Global().Get("Date").Call("now").Float()
	if was.Bool() != c.Open {
		target := "lesson-open"
		if c.Open {
			target = "lesson-heading"
		}
		host.Set("flsestFocus", target)
		host.Set("flsestFocusAt", now)
		host.Set("flsestFocusMoved", false)
	}
	if host.Get("flsestFocus").Type() != js.TypeString || now-host.Get("flsestFocusAt").Float() > focusWindowMs {
		return
	}
	if c.refocus.IsUndefined() {
		c.refocus = js.FuncOf(func(this js.Value, args []js.Value) any {
			h := args[0]
			doc := js.Global().Get("document")
			active := doc.Get("activeElement")
			dropped := !active.Truthy() || active.Get("tagName").String() == "BODY" || !active.Get("isConnected").Bool()
			if dropped || !h.Get("flsestFocusMoved").Bool() {
				if el := doc.Call("getElementById", h.Get("flsestFocus").String()); el.Truthy() {
					el.Call("focus")
					h.Set("flsestFocusMoved", true)
				}
			}
			return nil
		})
	}
	js.Global().Call("setTimeout", c.refocus, 0, host)
}
