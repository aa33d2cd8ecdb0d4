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
			c.scrollToTarget()
		}
	}
	moveFocus(host, c.Open)
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

// moveFocus takes keyboard focus to the lesson's heading when the lesson
// opens (by its button, a key, or a teacher's link that opens the page
// with it), and back to its Guided lesson button when it closes: the
// button pressed is gone from the page either way. A nav button that gets
// disabled while it has focus (Next on the last step) hands focus to the
// heading rather than to the page. It runs in the section's populate
// handler, after the render has synced the section's children; the
// renders that follow keep these DOM nodes (root.vugu: no sibling before
// the lesson comes and goes), so focus stays where it is put.
func moveFocus(host js.Value, open bool) {
	doc := js.Global().Get("document")
	focus := func(id string) {
		if el := doc.Call("getElementById", id); el.Truthy() {
			el.Call("focus", map[string]any{"preventScroll": true})
		}
	}
	was := host.Get("flsestOpen")
	host.Set("flsestOpen", open)
	switch {
	case was.Type() != js.TypeBoolean && open, was.Type() == js.TypeBoolean && !was.Bool() && open:
		focus("lesson-heading")
	case was.Type() == js.TypeBoolean && was.Bool() && !open:
		focus("lesson-open")
	case open:
		if a := doc.Get("activeElement"); a.Truthy() && a.Get("disabled").Truthy() && host.Call("contains", a).Bool() {
			focus("lesson-heading")
		}
	}
}

// scrollToTarget brings the outlined panel on screen (at once: no
// animated scroll) before the next frame: scrolling lays the page out,
// and done in the render's task (a click on Next) it added the layout of
// the new step to that task; before the frame, it is the layout the frame
// does anyway.
func (c *Lesson) scrollToTarget() {
	if c.scroll.IsUndefined() {
		c.scroll = js.FuncOf(func(js.Value, []js.Value) any {
			doc := js.Global().Get("document")
			if id := doc.Get("body").Get("dataset").Get("lessonFocus"); id.Type() == js.TypeString {
				if el := doc.Call("getElementById", id.String()); el.Truthy() {
					el.Call("scrollIntoView", map[string]any{"block": "nearest"})
				}
			}
			return nil
		})
	}
	js.Global().Call("requestAnimationFrame", c.scroll)
}
