package panels

import (
	js "github.com/vugu/vugu/js"
)

// populateOccupations fills the occupation list once the engine has
// listed them, as an island (Vugu leaves the <select> childless, so its
// options are not re-sent on every render), and shows the pair's
// occupation.
func (c *WhatIf) populateOccupations(host js.Value) {
	if !host.Truthy() {
		return
	}
	if host.Get("options").Get("length").Int() == 0 && len(c.Occupations) > 0 {
		doc := js.Global().Get("document")
		for _, o := range c.Occupations {
			opt := doc.Call("createElement", "option")
			opt.Set("value", o)
			opt.Set("textContent", o)
			host.Call("appendChild", opt)
		}
	}
	if host.Get("value").String() != c.view.Occupation {
		host.Set("value", c.view.Occupation)
	}
}
