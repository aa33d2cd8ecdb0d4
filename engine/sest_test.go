package engine

import (
	"encoding/json"
	"testing"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/model"
)

// GET /api/sest reports SEST's mechanism over the snapshot sample in either
// reading: the same a and a′ as the snapshot, drift 0 at step 0 and not
// after an epoch, a share in [0, 1] per hidden unit, and per coordinate a
// k-vector per field.
func TestSESTRoute(t *testing.T) {
	for _, g := range []string{model.SESTPerField, model.SESTPerCoordinate} {
		t.Run(g, func(t *testing.T) {
			_, h := testEngine(t)
			callError(t, h, "GET", api.PathSEST, nil, 409, api.CodeConflict, "")
			loadData(t, h)
			body, _ := json.Marshal(api.ConfigRequest{Settings: map[string]string{"sest_granularity": g}})
			call(t, h, "POST", "/api/config", body, 200, nil)
			var rep api.SESTReport
			call(t, h, "GET", api.PathSEST, nil, 200, &rep)
			var snap api.Snapshot
			call(t, h, "GET", "/api/snapshot", nil, 200, &snap)
			if rep.Granularity != g || rep.N != snap.N || len(rep.Fields) != 8 || rep.InitialUnits == nil {
				t.Fatalf("granularity %q, n %d (snapshot %d), %d fields, initial units %v", rep.Granularity, rep.N, snap.N, len(rep.Fields), rep.InitialUnits)
			}
			R := model.ReducedWidth(8, 3)
			if g == model.SESTPerCoordinate {
				R = model.ReducedWidth(8*8, 3)
			}
			if len(rep.Units.Threshold) != R || len(rep.Units.SE) != R {
				t.Errorf("%d and %d units, want %d", len(rep.Units.Threshold), len(rep.Units.SE), R)
			}
			for _, f := range rep.Fields {
				if *f.ADrift != 0 || *f.SEWeightDrift != 0 {
					t.Errorf("%s at step 0: drift %v, %v", f.Name, *f.ADrift, *f.SEWeightDrift)
				}
			}
			call(t, h, "POST", "/api/session/step-epoch", nil, 200, nil)
			waitStatus(t, h, api.StatusPaused)
			call(t, h, "GET", api.PathSEST, nil, 200, &rep)
			call(t, h, "GET", "/api/snapshot", nil, 200, &snap)
			moved := false
			for i, f := range rep.Fields {
				if f.A != snap.Fields[i].A || f.SEWeight != snap.Fields[i].SEWeight {
					t.Errorf("%s: a %+v a′ %+v, the snapshot says %+v %+v", f.Name, f.A, f.SEWeight, snap.Fields[i].A, snap.Fields[i].SEWeight)
				}
				if *f.ADrift != f.A.Mean-f.InitialA.Mean || *f.ADrift != f.A.Mean-snap.Initial[i].A.Mean {
					t.Errorf("%s: drift %v, a %v at step 0 %v", f.Name, *f.ADrift, f.A.Mean, snap.Initial[i].A.Mean)
				}
				moved = moved || *f.SEWeightDrift != 0
				wantK := 0
				if g == model.SESTPerCoordinate {
					wantK = 8
				}
				if len(f.ACoord) != wantK || len(f.SEWeightCoord) != wantK || len(f.ZeroedCoord) != wantK || len(f.InitialACoord) != wantK {
					t.Errorf("%s: per-coordinate lengths %d %d %d %d, want %d", f.Name, len(f.ACoord), len(f.SEWeightCoord), len(f.ZeroedCoord), len(f.InitialACoord), wantK)
				}
			}
			if !moved {
				t.Error("no field's a′ moved in an epoch")
			}
			for _, u := range append(rep.Units.Threshold, rep.Units.SE...) {
				if u < 0 || u > 1 {
					t.Errorf("unit share %v out of [0, 1]", u)
				}
			}
			active := SESTUnitsActive(&rep)
			if len(active) != 8 || len(active[0]) != 2*R {
				t.Errorf("SESTUnitsActive: %d fields × %d units, want 8 × %d", len(active), len(active[0]), 2*R)
			}
		})
	}
	_, h := testEngine(t)
	loadData(t, h)
	body, _ := json.Marshal(api.ConfigRequest{Settings: map[string]string{"model": "flen"}})
	call(t, h, "POST", "/api/config", body, 200, nil)
	callError(t, h, "GET", api.PathSEST, nil, 409, api.CodeConflict, "")
}

// InspectSEST (flsest explain's entry) reports over the first 2,048
// validation rows, what the route reports at the same weights, without
// drift.
func TestInspectSESTEqualsRoute(t *testing.T) {
	r, h := testEngine(t)
	loadData(t, h)
	r.SnapshotSamples = DefaultSnapshotSamples
	var rep api.SESTReport
	call(t, h, "GET", api.PathSEST, nil, 200, &rep)
	got, ok := InspectSEST(r.sess.Model, r.data)
	if !ok || got.N != min(len(r.data.Split.Val), DefaultSnapshotSamples) || got.N != rep.N || got.InitialUnits != nil {
		t.Fatalf("ok %v, n %d (route %d), initial units %v", ok, got.N, rep.N, got.InitialUnits)
	}
	for f := range rep.Fields {
		if got.Fields[f].A != rep.Fields[f].A || got.Fields[f].SEU != rep.Fields[f].SEU || got.Fields[f].ADrift != nil {
			t.Errorf("%s: %+v, route %+v", rep.Fields[f].Name, got.Fields[f], rep.Fields[f])
		}
	}
}
