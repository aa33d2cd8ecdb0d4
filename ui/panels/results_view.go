package panels

import (
	"fmt"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/format"
)

// paperFLSEST is what the paper's Table 1 reports for FLSEST on
// MovieLens-100k; false until the page has the paper's tables.
func paperFLSEST(paper api.Paper) (api.PaperResult, bool) {
	t, _ := paper.Table("table1")
	return t.Result("flsest", api.DatasetMovieLens100k)
}

// resultsView is the Results panel's text.
type resultsView struct {
	AUC, LogLoss, LogSize, Note, Pending, Dataset string
}

func resultsViewOf(r *api.Result, parameters int, d api.DatasetInfo, splitSeed string, paper api.Paper) resultsView {
	var v resultsView
	if r != nil {
		v.AUC, v.LogLoss, v.LogSize = format.Fixed(r.TestAUC, 4), format.Fixed(r.TestLogLoss, 4), format.Bytes(r.LogSizeBytes)
		v.Note = fmt.Sprintf("At the best-validation epoch %d (validation AUC %s). ", r.BestEpoch, format.Fixed(r.ValAUC, 4))
		if p, ok := paperFLSEST(paper); ok {
			v.Note += fmt.Sprintf("The paper reports %s / %s on its own split of MovieLens-100k (Table 1). ", format.Fixed(p.AUC, 4), format.Fixed(p.LogLoss, 4))
		}
		v.Note += fmt.Sprintf("%s parameters; %s per epoch; %s training samples/s.",
			format.Int(r.Parameters), format.Seconds(r.EpochSeconds), format.Int(int(r.SamplesPerSec)))
	}
	v.Pending = "Test metrics appear when training ends (at the epoch of best validation AUC)."
	if parameters > 0 {
		v.Pending += " The model has " + format.Int(parameters) + " parameters."
	}
	if d.Loaded {
		v.Dataset = fmt.Sprintf("%s: %s ratings by %s users of %s movies; split %s / %s / %s (train / validation / test, seed %s).",
			d.Source, format.Int(d.Ratings), format.Int(d.Users), format.Int(d.Movies), format.Int(d.Train), format.Int(d.Val), format.Int(d.Test), splitSeed)
		if !d.Official {
			v.Dataset += " These files differ from GroupLens' official ones."
		}
	}
	return v
}
