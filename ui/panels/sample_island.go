package panels

import (
	"strings"

	js "github.com/vugu/vugu/js"
)

// populateFields draws the pair's SEST table, a row per field, as an
// island: its 50-odd cells would otherwise be elements Vugu manages. The
// rows are made again only when they change (the host keeps what it
// shows).
func (c *SampleInspector) populateFields(host js.Value) {
	if !host.Truthy() {
		return
	}
	var key strings.Builder
	for _, f := range c.view.Fields {
		for _, s := range [...]string{f.Name, f.Z, f.A, f.Zeroed, f.SE} {
			key.WriteString(s)
			key.WriteByte(0)
		}
	}
	if shown := host.Get("flsestShows"); shown.Type() == js.TypeString && shown.String() == key.String() {
		return
	}
	host.Set("textContent", "")
	doc := js.Global().Get("document")
	for _, f := range c.view.Fields {
		row := doc.Call("createElement", "tr")
		row.Set("className", "sample-row")
		row.Call("setAttribute", "data-field", f.Name)
		for _, s := range [...]string{f.Name, f.Z, f.A, f.Zeroed, f.SE} {
			cell := doc.Call("createElement", "td")
			cell.Set("textContent", s)
			row.Call("appendChild", cell)
		}
		host.Call("appendChild", row)
	}
	host.Set("flsestShows", key.String())
}
