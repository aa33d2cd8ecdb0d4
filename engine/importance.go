package engine

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"

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

// explainerLocked is an Explainer on a copy of the current or best
// weights; it returns which, and the training step when they were copied.
func (r *Runner) explainerLocked(weights string) (*Explainer, string, int, error) {
	m, weights, err := r.explainModelLocked(weights)
	if err != nil {
		return nil, "", 0, err
	}
	return &Explainer{Model: m, Data: r.data, Yield: r.Yield, YieldEvery: r.YieldEvery}, weights, r.sess.Steps(), nil
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
