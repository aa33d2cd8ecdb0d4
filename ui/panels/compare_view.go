package panels

import (
	"sort"

	"github.com/flsest/flsest/ui/charts"
	"github.com/flsest/flsest/ui/format"
	"github.com/flsest/flsest/ui/state"
)

// paperML100k holds the paper's MovieLens-100k numbers (Tables 1–4) by
// model name: facts from the paper, shown beside ours.
var paperML100k = map[string][2]float64{
	"nfm": {0.7816, 0.5585}, "deepfm": {0.7825, 0.5583}, "xdeepfm": {0.7846, 0.5562}, "fibinet": {0.7818, 0.5559},
	"flen": {0.7838, 0.5557}, "flsest": {0.7859, 0.5532}, "fm": {0.7620, 0.5679}, "fm+sest": {0.7792, 0.5608},
	"fwfm": {0.7795, 0.5615}, "fwfm+sest": {0.7811, 0.5590}, "nfm+sest": {0.7832, 0.5582}, "deepfm+sest": {0.7836, 0.5579},
	"fwfm+senet": {0.7806, 0.5598}, "fibisest": {0.7839, 0.5537},
	"edcn": {0.7843, 0.5548}, "finalmlp": {0.7856, 0.5546}, "disenctr": {0.7849, 0.5552},
}

// leaderRow is one leaderboard line.
type leaderRow struct {
	Rank, Model, AUC, LogLoss, LogSize, Time, PaperAUC, PaperLogLoss, DataAUC string
}

func leaderboard(entries []state.CompareEntry) []leaderRow {
	es := append([]state.CompareEntry(nil), entries...)
	sort.SliceStable(es, func(i, j int) bool { return es[i].Result.TestAUC > es[j].Result.TestAUC })
	var rows []leaderRow
	for i, e := range es {
		r := leaderRow{Rank: format.Int(i + 1), Model: e.Model, AUC: format.Fixed(e.Result.TestAUC, 4),
			LogLoss: format.Fixed(e.Result.TestLogLoss, 4), LogSize: format.Bytes(e.Result.LogSizeBytes),
			Time: format.Seconds(e.Seconds), PaperAUC: "–", PaperLogLoss: "–", DataAUC: format.Fixed(e.Result.TestAUC, 10)}
		if p, ok := paperML100k[e.Model]; ok {
			r.PaperAUC, r.PaperLogLoss = format.Fixed(p[0], 4), format.Fixed(p[1], 4)
		}
		rows = append(rows, r)
	}
	return rows
}

// compareSeries overlays each model's validation AUC per epoch.
func compareSeries(entries []state.CompareEntry) []charts.Series {
	var out []charts.Series
	for i, e := range entries {
		s := charts.Series{Name: e.Model, Class: "s" + format.Int(1+i%6)}
		for _, h := range e.History {
			s.X, s.Y = append(s.X, float64(h.Epoch)), append(s.Y, h.ValAUC)
		}
		out = append(out, s)
	}
	return out
}
