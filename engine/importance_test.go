package engine

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/model"
)

// A validation pair's Shapley values add up to its logit; its probability is
// /api/predict's, and so is an edited (what-if) sample's.
func TestShapleyRoute(t *testing.T) {
	r, h := testEngine(t)
	loadData(t, h)
	call(t, h, "POST", "/api/session/step-epoch", nil, 200, nil)
	waitStatus(t, h, api.StatusPaused)
	s := r.data.Split.Val[3]
	uid, mid := r.ml.Users[r.data.Enc.User[s]].ID, r.ml.Movies[r.data.Enc.Item[s]].ID
	pair := `"user":` + itoa(uid) + `,"movie":` + itoa(mid)
	for _, c := range []struct{ edit, variant string }{
		{"", "background"}, {"", "reference"},
		{`,"edit":{"gender":"F","age":61,"occupation":"writer","zip":"9","genres":["Action","Drama"],"year":1977}`, "background"},
		{`,"edit":{"genres":[]}`, "reference"},
	} {
		var sh api.ShapleyResponse
		call(t, h, "POST", api.PathShapley, []byte(`{`+pair+c.edit+`,"variant":"`+c.variant+`","background":32}`), 200, &sh)
		var pr api.PredictResponse
		call(t, h, "POST", "/api/predict", []byte(`{"pairs":[{`+pair+c.edit+`}]}`), 200, &pr)
		if sh.Probability != pr.Probabilities[0] {
			t.Errorf("%s %s: Shapley's P %v, /api/predict's %v", c.variant, c.edit, sh.Probability, pr.Probabilities[0])
		}
		sum := sh.BaseLogit
		for _, f := range sh.Fields {
			sum += f.Phi
		}
		if math.Abs(sum-sh.Logit) > 1e-5 || len(sh.Fields) != 8 || sh.Variant != c.variant {
			t.Errorf("%s %s: base %v + Σφ = %v, logit %v; %d fields", c.variant, c.edit, sh.BaseLogit, sum, sh.Logit, len(sh.Fields))
		}
		wantBG := map[string]int{"background": 32, "reference": 1}[c.variant]
		if sh.Background != wantBG || (c.variant == "reference") != (sh.Fields[1].Reference != "") {
			t.Errorf("%s: background %d, reference %q", c.variant, sh.Background, sh.Fields[1].Reference)
		}
	}
	var edited api.ShapleyResponse
	call(t, h, "POST", api.PathShapley, []byte(`{`+pair+`,"edit":{"genres":["Action","Drama"]},"variant":"reference"}`), 200, &edited)
	if edited.Fields[6].Value != "Action|Drama" {
		t.Errorf("edited genres shown as %q", edited.Fields[6].Value)
	}
	callError(t, h, "POST", api.PathShapley, []byte(`{`+pair+`,"edit":{"gender":"X"}}`), 400, api.CodeInvalid, "edit.gender")
	callError(t, h, "POST", "/api/predict", []byte(`{"pairs":[{`+pair+`,"edit":{"occupation":"pilot"}}]}`), 400, api.CodeInvalid, "edit.occupation")
	callError(t, h, "POST", api.PathShapley, []byte(`{`+pair+`,"variant":"kernel"}`), 400, api.CodeInvalid, "variant")
	callError(t, h, "POST", api.PathShapley, []byte(`{`+pair+`,"background":1000}`), 400, api.CodeInvalid, "background")
	callError(t, h, "POST", api.PathShapley, []byte(`{`+pair+`,"weights":"worst"}`), 400, api.CodeInvalid, "weights")
	call(t, h, "POST", api.PathShapley, []byte(`{`+pair+`,"weights":"best","variant":"reference"}`), 200, nil)

	var sum api.ShapleySummary
	call(t, h, "POST", api.PathShapleySummary, []byte(`{"rows":40}`), 200, &sum)
	if sum.Rows != 40 || len(sum.Fields) != 8 || len(sum.Reference) != 8 {
		t.Fatalf("summary: %+v", sum)
	}
	for _, f := range sum.Fields {
		q := f.Quantiles
		if len(q) != len(sum.Probabilities) || q[0] > f.Mean || f.Mean > q[len(q)-1] || f.MeanAbs < math.Abs(f.Mean) {
			t.Errorf("summary of %s: %+v", f.Name, f)
		}
	}
	callError(t, h, "POST", api.PathShapleySummary, []byte(`{"rows":5000}`), 400, api.CodeInvalid, "rows")
}

// Before any epoch there are no best weights to explain.
func TestShapleyBestBeforeAnEpoch(t *testing.T) {
	_, h := testEngine(t)
	loadData(t, h)
	callError(t, h, "POST", api.PathShapley, []byte(`{"user":1,"movie":1,"weights":"best"}`), 409, api.CodeConflict, "")
}

// Acceptance: for 100 validation samples of the engine's data, base + Σφ is
// the sample's logit (Net.Forward) to 1e-5.
func TestShapleyEfficiencyOnValidation(t *testing.T) {
	r, h := testEngine(t)
	loadData(t, h)
	call(t, h, "POST", "/api/session/step-epoch", nil, 200, nil)
	waitStatus(t, h, api.StatusPaused)
	r.mu.Lock()
	m, _, err := r.explainModelLocked(api.WeightsCurrent)
	r.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	samples := r.data.rowsBatch(r.data.Split.Val[:100])
	sources := r.data.rowsBatch(r.data.Split.Val[:100])
	model.AppendSamples(sources, r.data.rowsBatch(r.data.background(16)), 8)
	sh, err := model.NewShapley(model.NewCompositeScorer(m, sources), iota32(100), iota32From(100, 116))
	if err != nil {
		t.Fatal(err)
	}
	(&Explainer{}).finish(sh.Step, nil)
	vals := sh.Values()
	var logits []float32
	for i := 0; i < 100; i += 50 {
		logits = append(logits, m.Forward(sliceRows(samples, i, i+50), false)...)
	}
	for i, v := range vals {
		sum := v.Base
		for _, p := range v.Phi {
			sum += p
		}
		if math.Abs(sum-float64(logits[i])) > 1e-5 {
			t.Errorf("sample %d: base + Σφ = %v, logit %v", i, sum, logits[i])
		}
	}
}

// sliceRows returns samples [from, to) of b.
func sliceRows(b *model.Batch, from, to int) *model.Batch {
	out := &model.Batch{Off: []int32{0}}
	model.AppendSamples(out, &model.Batch{N: to - from, Off: b.Off[from*8 : to*8+1], Idx: b.Idx, Label: b.Label[from:to]}, 8)
	return out
}

// The permutation job: refused while training, progress events, a result
// for every field, cancellable.
func TestPermutationJob(t *testing.T) {
	r, h := testEngine(t)
	r.cfg.BatchesPerEpoch, r.cfg.Epochs = 0, 3
	loadData(t, h)
	var st api.PermutationStatus
	call(t, h, "GET", api.PathPermutation, nil, 200, &st)
	if st.State != api.JobIdle {
		t.Errorf("before any job: %+v", st)
	}
	call(t, h, "POST", "/api/session/play", nil, 200, nil)
	callError(t, h, "POST", api.PathPermutation, []byte(`{}`), 409, api.CodeConflict, "")
	call(t, h, "POST", "/api/session/pause", nil, 200, nil)
	callError(t, h, "POST", api.PathPermutation, []byte(`{"repeats":0.5}`), 400, api.CodeInvalid, "")
	callError(t, h, "POST", api.PathPermutation, []byte(`{"repeats":101}`), 400, api.CodeInvalid, "repeats")

	events, stop := r.Subscribe()
	defer stop()
	call(t, h, "POST", api.PathPermutation, []byte(`{"repeats":3,"seed":7}`), 200, &st)
	if st.State != api.JobRunning || st.Request.Repeats != 3 {
		t.Fatalf("start: %+v", st)
	}
	callError(t, h, "POST", api.PathPermutation, []byte(`{}`), 409, api.CodeConflict, "")
	var last *api.PermutationStatus
	timeout := time.After(60 * time.Second)
	for last == nil || last.State == api.JobRunning {
		select {
		case ev := <-events:
			if ev.Type == api.EventImportance {
				last = ev.Importance
			}
		case <-timeout:
			t.Fatal("no final importance event")
		}
	}
	res := last.Result
	if last.State != api.JobDone || res == nil || len(res.Fields) != 8 || res.Rows != len(r.data.Split.Val) || last.Done != last.Total {
		t.Fatalf("final event: %+v", last)
	}
	if res.Scored >= res.Rows*(1+8*3) || res.Scored <= res.Rows {
		t.Errorf("scored %d distinct rows of %d", res.Scored, res.Rows*(1+8*3))
	}
	// The same seed and weights give the same numbers.
	call(t, h, "POST", api.PathPermutation, []byte(`{"repeats":3,"seed":7}`), 200, nil)
	for {
		call(t, h, "GET", api.PathPermutation, nil, 200, &st)
		if st.State != api.JobRunning {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	a, _ := json.Marshal(res.Fields)
	b, _ := json.Marshal(st.Result.Fields)
	if string(a) != string(b) {
		t.Errorf("the same seed gave\n%s\nthen\n%s", a, b)
	}
	// Cancel: the job stops and says so.
	call(t, h, "POST", api.PathPermutation, []byte(`{"repeats":50}`), 200, nil)
	call(t, h, "POST", api.PathPermutationCancel, nil, 200, &st)
	if st.State != api.JobCancelled {
		t.Errorf("after cancel: %q", st.State)
	}
	// A new session cancels the job: its weights are gone.
	call(t, h, "POST", api.PathPermutation, []byte(`{"repeats":100}`), 200, nil) // a new job may start at once
	call(t, h, "POST", "/api/session/reset", nil, 200, nil)
	for i := 0; ; i++ {
		call(t, h, "GET", api.PathPermutation, nil, 200, &st)
		if st.State != api.JobRunning {
			break
		}
		if i == 10000 {
			t.Fatal("the job outlived its session")
		}
		time.Sleep(time.Millisecond)
	}
	if st.State != api.JobCancelled || st.Error == nil {
		t.Errorf("after a reset: %+v", st)
	}
}
