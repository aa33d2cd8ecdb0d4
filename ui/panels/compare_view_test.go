package panels

import (
	"testing"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/state"
)

// testPaper is a paper with made-up numbers: the views show what they are
// given. FLSEST is in two tables (as in the paper); fm is only on
// MovieLens-1M.
var testPaper = api.Paper{Tables: []api.PaperTable{
	{ID: "table1", Title: "Table 1", Rows: []api.PaperRow{
		{Name: "FLSEST", Model: "flsest", Results: []api.PaperResult{{Dataset: api.DatasetMovieLens100k, AUC: 0.7123, LogLoss: 0.5456}}},
		{Name: "FM", Model: "fm", Results: []api.PaperResult{{Dataset: api.DatasetMovieLens1M, AUC: 0.8, LogLoss: 0.5}}},
	}},
	{ID: "table5", Title: "Table 5", Rows: []api.PaperRow{
		{Name: "FLSEST", Model: "flsest", Results: []api.PaperResult{{Dataset: api.DatasetMovieLens100k, AUC: 0.6, LogLoss: 0.6}}},
	}},
}}

func TestLeaderboardRanksByTestAUC(t *testing.T) {
	entries := []state.CompareEntry{
		{Model: "fm", Result: api.Result{TestAUC: 0.770}},
		{Model: "flsest", Result: api.Result{TestAUC: 0.787}, History: []api.EpochResult{{Epoch: 1, ValAUC: 0.78, TrainSeconds: 3, EvalSeconds: 0.2}}},
		{Model: "custom-thing", Result: api.Result{TestAUC: 0.780}},
	}
	rows := leaderboard(entries, testPaper)
	if rows[0].Model != "flsest" || rows[0].Rank != "1" || rows[2].Model != "fm" {
		t.Errorf("order %v, %v, %v", rows[0].Model, rows[1].Model, rows[2].Model)
	}
	// The paper's MovieLens-100k numbers, from the first table that has
	// the model; none for a model the paper has only on another dataset.
	if rows[0].PaperAUC != "0.7123" || rows[0].PaperLogLoss != "0.5456" || rows[1].PaperAUC != "–" || rows[2].PaperAUC != "–" {
		t.Errorf("paper AUC %q / %q, %q, %q", rows[0].PaperAUC, rows[0].PaperLogLoss, rows[1].PaperAUC, rows[2].PaperAUC)
	}
	if rows := leaderboard(entries, api.Paper{}); rows[0].PaperAUC != "–" || rows[0].PaperLogLoss != "–" {
		t.Errorf("without the paper: %+v", rows[0])
	}
	if s := compareSeries(entries); len(s) != 3 || len(s[1].X) != 1 || s[1].Y[0] != 0.78 {
		t.Errorf("series %+v", s)
	}
}
