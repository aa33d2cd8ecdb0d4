package panels

import (
	"sort"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/charts"
	"github.com/flsest/flsest/ui/format"
	"github.com/flsest/flsest/ui/state"
)

// leaderRow is one leaderboard line.
type leaderRow struct {
	Rank, Model, AUC, LogLoss, LogSize, Time, PaperAUC, PaperLogLoss, DataAUC string
}

// leaderboard ranks the entries by test AUC, each beside what the paper
// reports for its model on MovieLens-100k ("–" where it reports nothing).
func leaderboard(entries []state.CompareEntry, paper api.Paper) []leaderRow {
	es := append([]state.CompareEntry(nil), entries...)
	sort.SliceStable(es, func(i, j int) bool { return es[i].Result.TestAUC > es[j].Result.TestAUC })
	var rows []leaderRow
	for i, e := range es {
		r := leaderRow{Rank: format.Int(i + 1), Model: e.Model, AUC: format.Fixed(e.Result.TestAUC, 4),
			LogLoss: format.Fixed(e.Result.TestLogLoss, 4), LogSize: format.Bytes(e.Result.LogSizeBytes),
			Time: format.Seconds(e.Seconds), PaperAUC: "–", PaperLogLoss: "–", DataAUC: format.Fixed(e.Result.TestAUC, 10)}
		if p, ok := paper.Result(e.Model, api.DatasetMovieLens100k); ok {
			r.PaperAUC, r.PaperLogLoss = format.Fixed(p.AUC, 4), format.Fixed(p.LogLoss, 4)
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
