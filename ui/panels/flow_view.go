package panels

import (
	"encoding/json"
	"strconv"

	js "github.com/vugu/vugu/js"

	"github.com/flsest/flsest/engine/api"
)

// flowTitle names the pair the view follows.
func flowTitle(s *api.SampleInspection) string {
	return "user " + strconv.Itoa(s.User.ID) + " × " + s.Movie.Title
}

// flowData is what assets/flow.js draws: the trace, and the pair's title.
type flowData struct {
	Title string           `json:"title"`
	Trace *api.SampleTrace `json:"trace"`
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
	b, err := json.Marshal(flowData{Title: flowTitle(c.Sample), Trace: c.Sample.Trace})
	if err != nil {
		return
	}
	flow.Call("show", host, string(b))
	host.Set("flsestVersion", c.Version)
}
