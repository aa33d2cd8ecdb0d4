package engine

import (
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/flsest/flsest/datasets"
	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/model"
)

// Which features matter (engine/api/importance.go has the routes): the
// permutation importance job, Shapley values for one sample, and their
// summary over a fixed validation sample.
//
// Each works on its own copy of the weights (explainModelLocked), taken
// under the runner's lock, and computes outside it in chunks of
// explainChunk rows, yielding every YieldEvery as the training loop does:
// in the browser the engine is one Go instance on a worker's event loop,
// and a computation that never sleeps would hold every request. A
// permutation job is refused while training runs (409): its numbers must
// be of fixed weights, and sharing the CPU would slow both.

// Defaults and bounds of the importance requests.
const (
	DefaultRepeats         = 5
	DefaultBackground      = 128 // Shapley background rows (BENCHMARKS.md, "Which features matter": φ's spread by size)
	MaxBackground          = 256
	DefaultSummaryRows     = 512
	MaxSummaryRows         = 2048
	BackgroundSeed         = 1 // the background is the first rows of the validation split shuffled from this seed
	explainChunk           = 256
	defaultPermutationSeed = 1
)

// permutationJob is the latest permutation importance job, under the
// runner's lock.
type permutationJob struct {
	status    api.PermutationStatus
	cancelled bool
	sess      *Session // whose weights it explains: a new session (reset, settings, checkpoint) cancels it
}

// explainModelLocked copies the current or the best weights into a model
// of their own, sized for explainChunk rows.
func (r *Runner) explainModelLocked(weights string) (*model.Net[float32], string, error) {
	if r.sess == nil {
		return nil, "", conflict("no dataset is loaded yet")
	}
	values := r.sess.Model.Arena.Value
	switch weights {
	case "", api.WeightsCurrent:
		weights = api.WeightsCurrent
	case api.WeightsBest:
		values = r.sess.bestValue
		if values == nil {
			return nil, "", conflict("no epoch has ended yet: there are no best weights")
		}
	default:
		return nil, "", &api.Error{Code: api.CodeInvalid, Field: "weights", Message: fmt.Sprintf("%q is not %s or %s", weights, api.WeightsCurrent, api.WeightsBest)}
	}
	src := r.sess.Model
	m, err := model.NewNet[float32](src.Schema, src.Config, explainChunk, 1)
	if err != nil {
		return nil, "", err
	}
	copy(m.Arena.Value, values)
	return m, weights, nil
}

// background returns the Shapley background: the first n rows of the
// validation split shuffled from BackgroundSeed (the same rows natively and
// in the browser).
func (d *Data) background(n int) []int32 {
	v := slices.Clone(d.Split.Val)
	rng := rand.New(rand.NewPCG(BackgroundSeed, 0xb6))
	rng.Shuffle(len(v), func(i, j int) { v[i], v[j] = v[j], v[i] })
	return v[:min(n, len(v))]
}

// encodeSample encodes a request's user × movie (indices u, m), with its
// edit if it has one.
func (d *Data) encodeSample(p api.InspectRequest, u, m int32, t int64) (idx, off []int32, err error) {
	if p.Edit == nil {
		idx, off = d.Enc.EncodePair(u, m, t)
		return idx, off, nil
	}
	e := p.Edit
	idx, off, err = d.Enc.EncodeEdited(u, m, t, datasets.Edit{Gender: e.Gender, Age: e.Age, Occupation: e.Occupation, Zip: e.Zip, Genres: e.Genres, Year: e.Year})
	if err != nil {
		field, _, _ := strings.Cut(err.Error(), ":")
		return nil, nil, &api.Error{Code: api.CodeInvalid, Field: "edit." + field, Message: err.Error()}
	}
	return idx, off, nil
}

// valueText names sample i's values of field f ("Action|Comedy"; "" if missing).
func (d *Data) valueText(b *model.Batch, i, f int) string {
	var names []string
	for _, v := range b.Values(len(d.Schema.Fields), i, f) {
		names = append(names, d.Enc.Fields[f].Values[v])
	}
	return strings.Join(names, "|")
}

func (d *Data) fieldNames() []string {
	var names []string
	for _, f := range d.Schema.Fields {
		names = append(names, f.Name)
	}
	return names
}

// rowsBatch fills a new batch with the samples idx.
func (d *Data) rowsBatch(idx []int32) *model.Batch {
	b := d.NewBatch(len(idx))
	d.Fill(b, idx)
	return b
}

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

// explainerLocked is an Explainer on a copy of the current or best
// weights; it returns which, and the training step when they were copied.
func (r *Runner) explainerLocked(weights string) (*Explainer, string, int, error) {
	m, weights, err := r.explainModelLocked(weights)
	if err != nil {
		return nil, "", 0, err
	}
	return &Explainer{Model: m, Data: r.data, Yield: r.Yield, YieldEvery: r.YieldEvery}, weights, r.sess.Steps(), nil
}

// StartPermutation starts permutation importance over the validation split.
func (r *Runner) StartPermutation(req api.PermutationRequest) (*api.PermutationStatus, error) {
	if err := inRange("repeats", &req.Repeats, DefaultRepeats, 1, 100); err != nil {
		return nil, err
	}
	if req.Seed == 0 {
		req.Seed = defaultPermutationSeed
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.status == api.StatusTraining {
		return nil, conflict("training is running: pause it first (permutation importance is measured on fixed weights)")
	}
	if r.perm != nil && r.perm.status.State == api.JobRunning {
		return nil, conflict("permutation importance is already running: cancel it first")
	}
	x, weights, step, err := r.explainerLocked(req.Weights)
	if err != nil {
		return nil, err
	}
	req.Weights = weights
	job := &permutationJob{status: api.PermutationStatus{State: api.JobRunning, Request: req, Step: step}, sess: r.sess}
	r.perm = job
	go r.runPermutation(job, x)
	r.publishPermutationLocked(job)
	st := job.status
	return &st, nil
}

func (r *Runner) runPermutation(job *permutationJob, x *Explainer) {
	lastEvent := time.Now()
	res, err := x.Permutation(job.status.Request.Repeats, job.status.Request.Seed, func(done, total int) bool {
		r.mu.Lock()
		defer r.mu.Unlock()
		job.status.Done, job.status.Total = done, total
		if r.sess != job.sess && !job.cancelled {
			job.cancelled, job.status.State = true, api.JobCancelled
			job.status.Error = &api.Error{Code: api.CodeConflict, Message: "the session was replaced (reset, new settings or a checkpoint): its weights are gone"}
			r.publishPermutationLocked(job)
		}
		if time.Since(lastEvent) >= r.ProgressEvery && !job.cancelled {
			r.publishPermutationLocked(job)
			lastEvent = time.Now()
		}
		return job.cancelled
	})
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case err != nil:
		job.status.State, job.status.Error = api.JobFailed, &api.Error{Code: api.CodeInternal, Message: err.Error()}
	case res == nil:
		return // cancelled: CancelPermutation or the check above published it
	default:
		job.status.State, job.status.Result, job.status.Done = api.JobDone, res, job.status.Total
	}
	r.publishPermutationLocked(job)
}

// publishPermutationLocked sends job's status if it is the latest job.
func (r *Runner) publishPermutationLocked(job *permutationJob) {
	if job != r.perm {
		return
	}
	st := job.status
	r.publish(api.Event{Type: api.EventImportance, Importance: &st})
}

// CancelPermutation stops a running permutation job.
func (r *Runner) CancelPermutation() *api.PermutationStatus {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.perm != nil && r.perm.status.State == api.JobRunning {
		r.perm.cancelled = true
		r.perm.status.State = api.JobCancelled
		r.publishPermutationLocked(r.perm)
	}
	return r.permutationStatusLocked()
}

// PermutationStatus returns the latest permutation job.
func (r *Runner) PermutationStatus() *api.PermutationStatus {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.permutationStatusLocked()
}

func (r *Runner) permutationStatusLocked() *api.PermutationStatus {
	if r.perm == nil {
		return &api.PermutationStatus{State: api.JobIdle}
	}
	st := r.perm.status
	return &st
}

// Shapley explains one sample's prediction.
func (r *Runner) Shapley(req api.ShapleyRequest) (*api.ShapleyResponse, error) {
	switch req.Variant {
	case "":
		req.Variant = api.ShapleyBackground
	case api.ShapleyBackground, api.ShapleyReference:
	default:
		return nil, &api.Error{Code: api.CodeInvalid, Field: "variant", Message: fmt.Sprintf("%q is not %s or %s", req.Variant, api.ShapleyBackground, api.ShapleyReference)}
	}
	if err := inRange("background", &req.Background, DefaultBackground, 1, MaxBackground); err != nil {
		return nil, err
	}
	r.mu.Lock()
	x, weights, step, err := r.explainerLocked(req.Weights)
	sample := (*model.Batch)(nil)
	if err == nil {
		sample = r.data.NewBatch(1)
		_, err = r.data.PairBatch(sample, []api.InspectRequest{req.InspectRequest})
	}
	r.mu.Unlock()
	if err != nil {
		return nil, err
	}
	out, err := x.Shapley(sample, req.Variant, req.Background)
	if err != nil {
		return nil, err
	}
	out.Weights, out.Step = weights, step
	return out, nil
}

// ShapleySummary explains the first rows of the validation split against
// the reference point and summarises φ per field.
func (r *Runner) ShapleySummary(req api.ShapleySummaryRequest) (*api.ShapleySummary, error) {
	if err := inRange("rows", &req.Rows, DefaultSummaryRows, 1, MaxSummaryRows); err != nil {
		return nil, err
	}
	r.mu.Lock()
	x, weights, step, err := r.explainerLocked(req.Weights)
	r.mu.Unlock()
	if err != nil {
		return nil, err
	}
	out, err := x.Summary(req.Rows)
	if err != nil {
		return nil, err
	}
	out.Weights, out.Step = weights, step
	return out, nil
}

// inRange sets *v to def if it is 0 (absent), then checks lo ≤ *v ≤ hi: a
// 400 naming field if not.
func inRange(field string, v *int, def, lo, hi int) error {
	if *v == 0 {
		*v = def
	}
	if *v < lo || *v > hi {
		return &api.Error{Code: api.CodeInvalid, Field: field, Message: fmt.Sprintf("%d is out of range [%d, %d]", *v, lo, hi)}
	}
	return nil
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

// GET /api/importance/permutation
func (h *Handler) permutationStatus(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, h.runner.PermutationStatus())
}

// POST /api/importance/permutation
func (h *Handler) startPermutation(w http.ResponseWriter, r *http.Request) {
	jsonCall(w, r, h.runner.StartPermutation)
}

// POST /api/importance/permutation/cancel
func (h *Handler) cancelPermutation(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, h.runner.CancelPermutation())
}

// POST /api/importance/shapley
func (h *Handler) shapley(w http.ResponseWriter, r *http.Request) {
	jsonCall(w, r, h.runner.Shapley)
}

// POST /api/importance/shapley/summary
func (h *Handler) shapleySummary(w http.ResponseWriter, r *http.Request) {
	jsonCall(w, r, h.runner.ShapleySummary)
}
