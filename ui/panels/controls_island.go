package panels

import (
	js "github.com/vugu/vugu/js"
)

// populateOptions fills a long select's options as an island (Vugu leaves
// the select childless, so its options are not elements it manages), made
// again only when the choices change, and shows value.
func populateOptions(host js.Value, options []string, value string) {
	if !host.Truthy() {
		return
	}
	have := host.Get("options")
	same := have.Length() == len(options)
	for i := 0; same && i < len(options); i++ {
		same = have.Index(i).Get("value").String() == options[i]
	}
	if !same {
		host.Set("textContent", "")
		doc := js.Global().Get("document")
		for _, o := range options {
			opt := doc.Call("createElement", "option")
			opt.Set("value", o)
			opt.Set("textContent", o)
			host.Call("appendChild", opt)
		}
	}
	if host.Get("value").String() != value {
		host.Set("value", value)
	}
}
