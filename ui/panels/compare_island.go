package panels

import (
	js "github.com/vugu/vugu/js"
)

// populateModels draws the models one can pick, a checkbox each, as an
// island: 27 models made 81 elements that Vugu would otherwise manage.
// The list is made again only when the models change; each render sets
// each box's checked and disabled. A box's value is its model, which the
// host's change handler reports.
func (c *Compare) populateModels(host js.Value) {
	if !host.Truthy() {
		return
	}
	boxes := host.Call("querySelectorAll", "input")
	same := boxes.Length() == len(c.models)
	for i := 0; same && i < len(c.models); i++ {
		same = boxes.Index(i).Get("value").String() == c.models[i].Name
	}
	if !same {
		host.Set("textContent", "")
		doc := js.Global().Get("document")
		for _, m := range c.models {
			label := doc.Call("createElement", "label")
			label.Set("className", "pick-model")
			box := doc.Call("createElement", "input")
			box.Set("type", "checkbox")
			box.Set("value", m.Name)
			box.Call("setAttribute", "data-model", m.Name)
			name := doc.Call("createElement", "span")
			name.Set("textContent", m.Name)
			label.Call("appendChild", box)
			label.Call("appendChild", name)
			host.Call("appendChild", label)
		}
		boxes = host.Call("querySelectorAll", "input")
	}
	for i, m := range c.models {
		box := boxes.Index(i)
		if box.Get("checked").Bool() != m.On {
			box.Set("checked", m.On)
		}
		if box.Get("disabled").Bool() != c.busy {
			box.Set("disabled", c.busy)
		}
	}
}
