package panels

import (
	"encoding/json"
	"strconv"

	js "github.com/vugu/vugu/js"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/plot"
)

// flowTitle names the pair the view follows.
func flowTitle(s *api.SampleInspection) string {
	return "user " + strconv.Itoa(s.User.ID) + " × " + s.Movie.Title
}

// flowData is what assets/flow.js draws: the trace, the pair's title, and
// the page's diverging colour scale (its stops, from −max to +max).
type flowData struct {
	Title string           `json:"title"`
	Trace *api.SampleTrace `json:"trace"`
	Stops []string         `json:"stops"`
}

// populate hands the trace to assets/flow.js when it changed; flow.js
// starts the animation over (or shows every stage at once under
// prefers-reduced-motion).
func (c *Flow) populate(host js.Value) {
	if !host.Truthy() || c.Sample == nil || c.Sample.Trace == nil {
		return
	}
	if v := host.Get("flsestVersion"); v.Type() == js.TypeNumber && v.Int() == c.Version {
		return
	}
	flow := js.Global().Get("flsestFlow")
	if !flow.Truthy() {
		return // assets/flow.js has not run yet; the next render draws
	}
	b, err := json.Marshal(flowData{Title: flowTitle(c.Sample), Trace: c.Sample.Trace, Stops: plot.DivergingStops()})
	if err != nil {
		return
	}
	flow.Call("show", host, string(b))
	host.Set("flsestVersion", c.Version)
}
