package main

import (
	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/format"
	"github.com/flsest/flsest/ui/state"
)

func (c *Root) compute() {
	s := c.Store
	st := s.State
	c.statusText, c.statusClass = st.Status, st.Status
	switch s.Page {
	case state.PageStarting:
		c.statusText, c.statusClass = "starting the engine", "loading"
		c.loadingText, c.loadFraction = "Starting the engine (Go compiled to WebAssembly, in a Web Worker)…", 0
	case state.PageLoading:
		c.statusText, c.statusClass = "loading data", "loading"
		c.loadingText = "Loading MovieLens-100k: downloading " + format.Percent(s.LoadFraction, 0)
		if s.LoadStage == state.LoadParse {
			c.loadingText = "Loading MovieLens-100k: checking every line and building the model…"
		}
		c.loadFraction = s.LoadFraction
	case state.PageNeedData:
		c.statusText, c.statusClass = "waiting for ml-100k.zip", "loading"
	case state.PageCrashed:
		c.statusText, c.statusClass = "engine stopped", "error"
	default:
		if st.Error != nil && st.Error.Code == api.CodeNaN {
			c.statusText, c.statusClass = "paused: loss is NaN", "error"
		}
	}
	c.speedUp = 0
	if p := st.Progress; p.Workers > 1 {
		if x, ok := s.Speeds.SpeedUp(st.Config, p.Workers); ok {
			c.speedUp = x
		}
	}
	c.announce = announcement(c.statusText, st.History)
	c.models = offeredModels(s.Settings)
	if s.ReadyMs > 0 {
		c.readyLine = "Engine ready in " + format.Fixed(s.ReadyMs/1000, 2) + " s."
	}
}

// offeredModels is the models the Compare panel offers: every choice of the
// model setting but custom.
func offeredModels(settings []api.Setting) []string {
	var out []string
	for _, st := range settings {
		if st.Name != "model" {
			continue
		}
		for _, m := range st.Choices {
			if m != "custom" {
				out = append(out, m)
			}
		}
	}
	return out
}

// announcement is what the page says aloud (an aria-live region) about
// training: its status, and once an epoch ends, that epoch's validation
// numbers — not every progress tick, which would drown a screen reader.
func announcement(status string, history []api.EpochResult) string {
	if len(history) == 0 {
		return "Status: " + status + "."
	}
	e := history[len(history)-1]
	return "Status: " + status + ". Epoch " + format.Int(e.Epoch) + " done: validation AUC " + format.Fixed(e.ValAUC, 4) + ", LogLoss " + format.Fixed(e.ValLogLoss, 4) + "."
}
