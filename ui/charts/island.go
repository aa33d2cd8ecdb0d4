package charts

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"strconv"

	js "github.com/vugu/vugu/js"
)

// Island is a chart drawn into a canvas by assets/charts.js inside an
// element Vugu leaves childless (so Vugu's render, which re-sends every
// element it manages, never touches the drawing). The component lays the
// chart out when its data changes (Set); Populate, which Vugu calls after every
// render, draws only when the layout is newer than the drawing or Vugu
// handed over another element.
type Island struct {
	kind    string // line, heatmap, sest (assets/charts.js)
	layout  []byte // JSON
	values  []float64
	version int // of layout and values
	key     string
}

// Set replaces the layout (any JSON-encodable value; kind names the
// drawing function in assets/charts.js) and the values.
func (i *Island) Set(kind string, layout any, values []float64) {
	b, err := json.Marshal(layout)
	if err != nil {
		panic("charts: a layout does not encode: " + err.Error()) // layouts are plain structs
	}
	i.kind, i.layout, i.values = kind, b, values
	i.version++
}

// Populate draws into host (the element a vg-js-populate handler gets;
// id names the chart) unless host already shows this version.
func (i *Island) Populate(id string, host js.Value) {
	key := id + "#" + strconv.Itoa(i.version)
	if i.layout == nil || host.Get("flsestKey").String() == key {
		return
	}
	charts := js.Global().Get("flsestCharts")
	if !charts.Truthy() {
		return // assets/charts.js has not run yet; the next render draws
	}
	var bytes any
	if len(i.values) > 0 {
		u8 := js.Global().Get("Uint8Array").New(8 * len(i.values))
		js.CopyBytesToJS(u8, float64Bytes(i.values))
		bytes = u8
	}
	charts.Call("draw", i.kind, host, string(i.layout), bytes)
	host.Set("flsestKey", key)
}

// float64Bytes is xs in little-endian (a Float64Array's order in every
// browser that runs wasm).
func float64Bytes(xs []float64) []byte {
	b := make([]byte, 8*len(xs))
	for k, x := range xs {
		binary.LittleEndian.PutUint64(b[8*k:], math.Float64bits(x))
	}
	return b
}
