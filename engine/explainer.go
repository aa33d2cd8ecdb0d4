package engine

import (
	"math"
	"time"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/model"
)

// Explainer computes the explanation measures of one model on data: the
// runner's routes and `flsest explain` share it. Its model's buffers are
// its own while it runs (the runner gives it a copy of the weights).
type Explainer struct {
	Model *model.Net[float32]
	Data  *Data
	// Yield is called every YieldEvery of computing (nil: never), as the
	// training loop yields (Runner.Yield).
	Yield      func()
	YieldEvery time.Duration
}

// finish scores the rest of a chunked computation, yielding every
// YieldEvery; step scores up to n rows and reports whether all are
// scored; stop, if not nil, ends it early (reported as false).
func (x *Explainer) finish(step func(n int) bool, stop func() bool) bool {
	last := time.Now()
	for !step(explainChunk) {
		if stop != nil && stop() {
			return false
		}
		if x.Yield != nil && time.Since(last) >= x.YieldEvery {
			x.Yield()
			last = time.Now()
		}
	}
	return true
}

// Permutation runs permutation importance over the validation split.
// progress, if not nil, is called after every chunk with the rows scored
// and to score, and stops the computation by returning true (the result
// is then nil).
func (x *Explainer) Permutation(repeats int, seed uint64, progress func(done, total int) bool) (*api.PermutationResult, error) {
	t0 := time.Now()
	rows := x.Data.rowsBatch(x.Data.Split.Val)
	p, err := model.NewPermutation(model.NewCompositeScorer(x.Model, rows), rows.Label, x.Data.fieldNames(), repeats, seed)
	if err != nil {
		return nil, err
	}
	var stop func() bool
	if progress != nil {
		stop = func() bool { return progress(p.Done(), p.Rows()) }
		if stop() {
			return nil, nil
		}
	}
	if !x.finish(p.Step, stop) {
		return nil, nil
	}
	res := p.Result()
	out := &api.PermutationResult{Rows: res.Rows, Repeats: res.Repeats, Seed: res.Seed, AUC: res.AUC, LogLoss: res.LogLoss,
		Scored: res.Scored, Seconds: time.Since(t0).Seconds()}
	for _, f := range res.Fields {
		out.Fields = append(out.Fields, api.FieldImportance(f))
	}
	return out, nil
}

// Shapley explains sample 0 of sample: against background validation rows
// (ShapleyBackground) or against the reference point, the mode of each
// field over those rows (ShapleyReference).
func (x *Explainer) Shapley(sample *model.Batch, variant string, background int) (*api.ShapleyResponse, error) {
	t0 := time.Now()
	data, m := x.Data, x.Model
	F := len(data.Schema.Fields)
	sources := data.NewBatch(1 + background)
	sources.Off = append(sources.Off[:0], 0)
	model.AppendSamples(sources, sliceSample(sample, F), F)
	bgRows := data.rowsBatch(data.background(background))
	if variant == api.ShapleyReference {
		model.AppendModeSample(sources, bgRows, F, iota32(bgRows.N))
	} else {
		model.AppendSamples(sources, bgRows, F)
	}
	one := sliceSample(sources, F)
	logit := float64(m.Forward(one, false)[0])
	prob := make([]float32, 1)
	model.Predict[float32](m, one, prob) // the number /api/predict gives
	sh, err := model.NewShapley(model.NewCompositeScorer(m, sources), []int32{0}, iota32From(1, sources.N))
	if err != nil {
		return nil, err
	}
	x.finish(sh.Step, nil)
	v := sh.Values()[0]
	out := &api.ShapleyResponse{Variant: variant, Background: sources.N - 1, Logit: logit, Probability: float64(prob[0]),
		BaseLogit: v.Base, BaseProbability: sigmoid(v.Base), Rows: sh.Rows()}
	for f, name := range data.fieldNames() {
		fs := api.FieldShapley{Field: name, Value: data.valueText(sources, 0, f), Phi: v.Phi[f]}
		if variant == api.ShapleyReference {
			fs.Reference = data.valueText(sources, 1, f)
		}
		out.Fields = append(out.Fields, fs)
	}
	out.Seconds = time.Since(t0).Seconds()
	return out, nil
}

// Summary explains the first rows of the validation split against the
// reference point of the default background and summarises φ per field.
func (x *Explainer) Summary(rows int) (*api.ShapleySummary, error) {
	t0 := time.Now()
	data := x.Data
	F := len(data.Schema.Fields)
	idx := data.Split.Val[:min(rows, len(data.Split.Val))]
	n := len(idx)
	sources := data.rowsBatch(idx)
	bg := data.rowsBatch(data.background(DefaultBackground))
	model.AppendModeSample(sources, bg, F, iota32(bg.N))
	sh, err := model.NewShapley(model.NewCompositeScorer(x.Model, sources), iota32(n), []int32{int32(n)})
	if err != nil {
		return nil, err
	}
	x.finish(sh.Step, nil)
	out := &api.ShapleySummary{Rows: n, Variant: api.ShapleyReference, Probabilities: model.ShapleyQuantiles}
	for f := 0; f < F; f++ {
		out.Reference = append(out.Reference, data.valueText(sources, n, f))
	}
	for _, f := range model.SummariseShapley(data.fieldNames(), sh.Values()) {
		out.Fields = append(out.Fields, api.FieldShapleySummary(f))
	}
	out.Seconds = time.Since(t0).Seconds()
	return out, nil
}

// sliceSample returns sample 0 of b as a batch of its own.
func sliceSample(b *model.Batch, F int) *model.Batch {
	return &model.Batch{N: 1, Off: b.Off[:F+1], Idx: b.Idx[:b.Off[F]], Label: b.Label[:1]}
}

func iota32(n int) []int32 { return iota32From(0, n) }

// iota32From returns from, from+1, …, to−1.
func iota32From(from, to int) []int32 {
	out := make([]int32, 0, to-from)
	for i := from; i < to; i++ {
		out = append(out, int32(i))
	}
	return out
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
