package main

import (
	"fmt"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/format"
	"github.com/flsest/flsest/ui/state"
)

// The paper's MovieLens-100k numbers for FLSEST (Table 1).
const paperAUC, paperLogLoss = 0.7859, 0.5532

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
		if s.LoadStage == "parse" {
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
	if r := st.Result; r != nil {
		c.auc, c.logloss, c.logsize = format.Fixed(r.TestAUC, 4), format.Fixed(r.TestLogLoss, 4), format.Bytes(r.LogSizeBytes)
		c.resultNote = fmt.Sprintf("At the best-validation epoch %d (validation AUC %s). The paper reports %s / %s on its own split of MovieLens-100k (Table 1). %s parameters; %s per epoch; %s training samples/s.",
			r.BestEpoch, format.Fixed(r.ValAUC, 4), format.Fixed(paperAUC, 4), format.Fixed(paperLogLoss, 4),
			format.Int(r.Parameters), format.Seconds(r.EpochSeconds), format.Int(int(r.SamplesPerSec)))
	}
	c.pendingNote = "Test metrics appear when training ends (at the epoch of best validation AUC)."
	if st.Parameters > 0 {
		c.pendingNote += " The model has " + format.Int(st.Parameters) + " parameters."
	}
	if d := st.Dataset; d.Loaded {
		c.datasetLine = fmt.Sprintf("%s: %s ratings by %s users of %s movies; split %s / %s / %s (train / validation / test, seed %s).",
			d.Source, format.Int(d.Ratings), format.Int(d.Users), format.Int(d.Movies), format.Int(d.Train), format.Int(d.Val), format.Int(d.Test), st.Config["split_seed"])
		if !d.Official {
			c.datasetLine += " These files differ from GroupLens' official ones."
		}
	}
	if s.ReadyMs > 0 {
		c.readyLine = "Engine ready in " + format.Fixed(s.ReadyMs/1000, 2) + " s."
	}
}
