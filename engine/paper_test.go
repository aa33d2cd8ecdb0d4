package engine

import (
	"math"
	"reflect"
	"slices"
	"testing"

	"github.com/flsest/flsest/engine/api"
)

// The page reads the paper's tables from GET /api/paper, data or not.
func TestPaperRoute(t *testing.T) {
	_, h := testEngine(t)
	var got api.Paper
	call(t, h, "GET", api.PathPaper, nil, 200, &got)
	if !reflect.DeepEqual(got, Paper()) {
		t.Errorf("GET %s = %+v, want Paper()", api.PathPaper, got)
	}
	r, ok := got.Result("flsest", api.DatasetMovieLens100k)
	if !ok || r.AUC != paperModels["flsest"].metrics[0][0] || r.LogLoss != paperModels["flsest"].metrics[0][1] {
		t.Errorf("FLSEST on MovieLens-100k: %+v, %v", r, ok)
	}
}

// Every row is an engine model (or one of Table 5's unattributed rows),
// reports all three datasets with metrics in range, and LogSize only in
// Table 4; every model the paper reports is in a table.
func TestPaperTablesAreWellFormed(t *testing.T) {
	p := Paper()
	var ids []string
	seen := map[string]bool{}
	for _, tb := range p.Tables {
		ids = append(ids, tb.ID)
		for _, r := range tb.Rows {
			if r.Model != "" && !slices.Contains(ModelNames(), r.Model) {
				t.Errorf("%s: %q is no model of the engine", tb.ID, r.Model)
			}
			if (r.Model == "") != (r.Name == "") || r.Model == "" && tb.ID != "table5" {
				t.Errorf("%s: row %q of model %q", tb.ID, r.Name, r.Model)
			}
			seen[r.Model] = true
			if len(r.Results) != 3 {
				t.Errorf("%s %s: %d datasets", tb.ID, r.Name, len(r.Results))
			}
			for i, x := range r.Results {
				if x.Dataset != paperDatasets[i] || !(x.AUC > 0.5 && x.AUC < 1) || !(x.LogLoss > 0 && x.LogLoss < 1) {
					t.Errorf("%s %s: %+v", tb.ID, r.Name, x)
				}
				if (x.LogSizeMB > 0) != (tb.ID == "table4") {
					t.Errorf("%s %s: LogSize %v", tb.ID, r.Name, x.LogSizeMB)
				}
			}
		}
	}
	if !slices.Equal(ids, []string{"table1", "table2", "table3", "table4", "table5"}) {
		t.Errorf("tables %v", ids)
	}
	for m := range paperModels {
		if !seen[m] {
			t.Errorf("%s is in no table", m)
		}
	}
	for m := range paperLogSizeMB {
		if tb, _ := p.Table("table4"); !slices.ContainsFunc(tb.Rows, func(r api.PaperRow) bool { return r.Model == m }) {
			t.Errorf("%s has a LogSize but is not in Table 4", m)
		}
	}
}

// The numbers agree with what the paper's text says of them (§4.3).
func TestPaperNumbersMatchThePapersText(t *testing.T) {
	p := Paper()
	get := func(model, dataset string) api.PaperResult {
		t.Helper()
		r, ok := p.Result(model, dataset)
		if !ok {
			t.Fatalf("no %s on %s", model, dataset)
		}
		return r
	}
	ml := api.DatasetMovieLens100k
	// §4.3.2: "Compared with FiBiNet and FLEN, the AUC of FLSEST is 0.41%
	// and 0.21% higher … the LogLoss of FLSEST is 0.27% and 0.25% lower."
	f := get("flsest", ml)
	for _, c := range []struct {
		model      string
		dAUC, dLog float64
	}{{"fibinet", 0.0041, 0.0027}, {"flen", 0.0021, 0.0025}} {
		o := get(c.model, ml)
		if math.Abs(f.AUC-o.AUC-c.dAUC) > 1e-9 || math.Abs(o.LogLoss-f.LogLoss-c.dLog) > 1e-9 {
			t.Errorf("FLSEST vs %s: %+v vs %+v", c.model, f, o)
		}
	}
	// §4.3.2: FLSEST is best on both MovieLens sets; FinalMLP beats it on Avazu.
	t1, _ := p.Table("table1")
	for _, d := range paperDatasets[:2] {
		for _, r := range t1.Rows {
			if x, _ := t1.Result(r.Model, d); r.Model != "flsest" && x.AUC >= get("flsest", d).AUC {
				t.Errorf("%s: %s %v ≥ FLSEST", d, r.Model, x.AUC)
			}
		}
	}
	if get("finalmlp", api.DatasetAvazu).AUC <= get("flsest", api.DatasetAvazu).AUC {
		t.Error("Avazu: FinalMLP does not beat FLSEST")
	}
	// §4.3.3–4.3.5: adding SEST raises AUC and lowers LogLoss everywhere,
	// and SEST's models are slightly larger than SENET's (Table 4).
	t4, _ := p.Table("table4")
	for _, pair := range [][2]string{{"fm", "fm+sest"}, {"fwfm", "fwfm+sest"}, {"nfm", "nfm+sest"}, {"deepfm", "deepfm+sest"},
		{"fwfm+senet", "fwfm+sest"}, {"fibinet", "fibisest"}} {
		for _, d := range paperDatasets {
			a, b := get(pair[0], d), get(pair[1], d)
			if !(b.AUC > a.AUC && b.LogLoss < a.LogLoss) {
				t.Errorf("%s: %s %+v vs %s %+v", d, pair[1], b, pair[0], a)
			}
			if pair[0] == "fwfm+senet" || pair[0] == "fibinet" {
				a4, _ := t4.Result(pair[0], d)
				b4, _ := t4.Result(pair[1], d)
				if !(b4.LogSizeMB > a4.LogSizeMB) {
					t.Errorf("%s: LogSize %s %v ≤ %s %v", d, pair[1], b4.LogSizeMB, pair[0], a4.LogSizeMB)
				}
			}
		}
	}
}

// Paper is built afresh: a caller's change does not reach the next caller.
func TestPaperIsACopy(t *testing.T) {
	p := Paper()
	p.Tables[0].Rows[0].Results[0].AUC = 0
	if Paper().Tables[0].Rows[0].Results[0].AUC == 0 {
		t.Error("Paper shares its rows")
	}
}
