package engine

import (
	"math"
	"testing"

	"github.com/flsest/flsest/datasets"
	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/model"
)

// The slices of the validation split: every single-valued slicing's counts
// add up to the validation size, the genres' to the number of (row, genre)
// pairs; each slice's numbers equal a direct computation on its rows.
func TestSlicesRoute(t *testing.T) {
	r, h := testEngine(t)
	callError(t, h, "GET", api.PathSlices, nil, 409, api.CodeConflict, "")
	loadData(t, h)
	var rep api.SlicesReport
	call(t, h, "GET", api.PathSlices, nil, 200, &rep)
	enc, val := r.data.Enc, r.data.Split.Val
	if rep.N != len(val) || len(rep.Slicings) != len(sliceFields) {
		t.Fatalf("n %d (validation %d), %d slicings", rep.N, len(val), len(rep.Slicings))
	}
	prob := make([]float32, len(val))
	r.sess.Predict(val, prob)
	for _, sl := range rep.Slicings {
		f := fieldIndex(enc, sl.Field)
		count, pairs := 0, 0
		for _, s := range val {
			pairs += max(1, len(enc.Values(int(s), f)))
		}
		for _, s := range sl.Slices {
			count += s.Count
			// The slow way: collect the slice's rows by value name.
			var p, y []float32
			for i, row := range val {
				vs := enc.Values(int(row), f)
				in := len(vs) == 0 && s.Value == api.MissingValue
				for _, v := range vs {
					in = in || enc.Fields[f].Values[v] == s.Value
				}
				if in {
					p, y = append(p, prob[i]), append(y, enc.Label[row])
				}
			}
			var pos, sumP float64
			for j := range p {
				pos += float64(y[j])
				sumP += float64(p[j])
			}
			if len(p) != s.Count || int(pos) != s.Positives || s.PositiveRate != pos/float64(len(p)) ||
				math.Abs(s.MeanPrediction-sumP/float64(len(p))) > 1e-12 || s.LogLoss != model.LogLoss(p, y) {
				t.Errorf("%s=%s: %+v; direct: %d rows, %v positives, mean p %v", sl.Field, s.Value, s, len(p), pos, sumP/float64(len(p)))
			}
			if auc := model.AUC(p, y); (s.AUC == nil) != math.IsNaN(auc) || (s.AUC != nil && *s.AUC != auc) {
				t.Errorf("%s=%s: AUC %v, direct %v", sl.Field, s.Value, s.AUC, auc)
			}
		}
		want := len(val)
		if sl.Multi {
			want = pairs
		}
		if count != want || sl.Multi != (sl.Field == "genres") {
			t.Errorf("%s (multi %v): counts add up to %d, want %d", sl.Field, sl.Multi, count, want)
		}
	}
}

// A slice with one class has no AUC (null), not a number; a row without a
// value is in the missing slice.
func TestSlicesOneClassHasNoAUC(t *testing.T) {
	enc := &datasets.Encoded{
		Fields: []datasets.Field{{Name: "gender", Values: []string{"F", "M"}}},
		N:      5,
		Off:    []int32{0, 1, 2, 3, 4, 4},
		Idx:    []int32{0, 0, 1, 1},
		Label:  []float32{1, 1, 0, 1, 0},
	}
	got := Slices(enc, []int32{0, 1, 2, 3, 4}, []float32{0.9, 0.8, 0.3, 0.6, 0.5}, []string{"gender", "age"})
	if len(got) != 1 || len(got[0].Slices) != 3 {
		t.Fatalf("slicings %+v: want gender's F, M and missing", got)
	}
	f, m, missing := got[0].Slices[0], got[0].Slices[1], got[0].Slices[2]
	if f.Value != "F" || f.AUC != nil || f.Count != 2 || f.PositiveRate != 1 {
		t.Errorf("F (two positives): %+v, want no AUC", f)
	}
	if m.Value != "M" || m.AUC == nil || *m.AUC != 1 || m.Count != 2 || m.Positives != 1 {
		t.Errorf("M: %+v, want AUC 1 over 2 rows", m)
	}
	if missing.Value != api.MissingValue || missing.Count != 1 || missing.AUC != nil || math.Abs(missing.MeanPrediction-0.5) > 1e-7 {
		t.Errorf("missing: %+v", missing)
	}
}
