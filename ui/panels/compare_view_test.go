package panels

import (
	"testing"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/state"
)

func TestLeaderboardRanksByTestAUC(t *testing.T) {
	entries := []state.CompareEntry{
		{Model: "fm", Result: api.Result{TestAUC: 0.770}},
		{Model: "flsest", Result: api.Result{TestAUC: 0.787}, History: []api.EpochResult{{Epoch: 1, ValAUC: 0.78, TrainSeconds: 3, EvalSeconds: 0.2}}},
		{Model: "custom-thing", Result: api.Result{TestAUC: 0.780}},
	}
	rows := leaderboard(entries)
	if rows[0].Model != "flsest" || rows[0].Rank != "1" || rows[2].Model != "fm" {
		t.Errorf("order %v, %v, %v", rows[0].Model, rows[1].Model, rows[2].Model)
	}
	if rows[0].PaperAUC != "0.7859" || rows[1].PaperAUC != "–" {
		t.Errorf("paper AUC %q, %q", rows[0].PaperAUC, rows[1].PaperAUC)
	}
	if s := compareSeries(entries); len(s) != 3 || len(s[1].X) != 1 || s[1].Y[0] != 0.78 {
		t.Errorf("series %+v", s)
	}
}
