package engine

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/flsest/flsest/model"
)

// StepBench times training steps of a named model on MovieLens-100k's field
// shapes with synthetic batches, so the same measurement runs natively
// (go test -bench), under wasm in node, and in a browser page (wasm/bench)
// without data files. Every field holds one value per sample, genres too,
// so a peer implementation (TensorFlow.js, bench/) computes the same
// function on the same shapes.
type StepBench struct {
	Model   string
	Batch   int
	Hidden  []int
	Params  int // trainable scalars
	trainer *model.Trainer[float32]
	batches []*model.Batch
	next    int
}

// MovieLens100kShape is the field schema the engine builds from
// MovieLens-100k (user_id … zip prefix | movie_id, genres, release year).
func MovieLens100kShape() model.Schema {
	return model.Schema{
		Domains: []string{"user", "item"},
		Fields: []model.Field{
			{Name: "user_id", Vocab: 943}, {Name: "gender", Vocab: 2}, {Name: "age", Vocab: 7},
			{Name: "occupation", Vocab: 21}, {Name: "zip", Vocab: 19},
			{Name: "movie_id", Vocab: 1682, Domain: 1}, {Name: "genres", Vocab: 19, Domain: 1},
			{Name: "year", Vocab: 13, Domain: 1},
		},
	}
}

// NewStepBench builds the model name with the quick preset's settings
// (embedding 16, dropout 0.5, Adam lr 1e-3, L2 1e-5), MLP hidden (nil keeps
// the preset's) and batch size batch.
func NewStepBench(name string, batch int, hidden []int) (*StepBench, error) {
	return NewStepBenchK(name, batch, hidden, 0)
}

// NewStepBenchK is NewStepBench with embedding dimension K (0 keeps 16).
func NewStepBenchK(name string, batch int, hidden []int, K int) (*StepBench, error) {
	cfg, err := Preset("quick")
	if err != nil {
		return nil, err
	}
	cfg.Model, cfg.BatchSize = name, batch
	if hidden != nil {
		cfg.Hidden = hidden
	}
	if K != 0 {
		cfg.EmbeddingDim = K
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	mc, err := cfg.ModelConfig()
	if err != nil {
		return nil, err
	}
	s := MovieLens100kShape()
	m, err := model.NewNet[float32](s, mc, batch, cfg.Seed)
	if err != nil {
		return nil, err
	}
	opt, err := model.NewOptimizer(cfg.OptimizerConfig, m.Params())
	if err != nil {
		return nil, err
	}
	sb := &StepBench{Model: name, Batch: batch, Hidden: cfg.Hidden, Params: m.Params().Count(), trainer: model.NewTrainer[float32](m, opt)}
	rng := rand.New(rand.NewPCG(cfg.Seed, 7))
	// About 32k distinct samples, cycled: with a handful of batches the
	// model would memorise them, its logits saturate and its gradients turn
	// subnormal, which slows float arithmetic and measures nothing real.
	for range max(16, 32768/batch) {
		sb.batches = append(sb.batches, syntheticBatch(rng, s, batch))
	}
	return sb, nil
}

// syntheticBatch draws one value per field uniformly; the label is a
// planted rule — genre < 10, unless gender and an early release year agree —
// flipped for a fifth of the samples, so the loss falls within a few
// hundred steps and levels off near 0.5 instead of racing to 0.
func syntheticBatch(rng *rand.Rand, s model.Schema, n int) *model.Batch {
	F := len(s.Fields)
	b := &model.Batch{N: n, Off: make([]int32, 0, n*F+1), Idx: make([]int32, 0, n*F), Label: make([]float32, n)}
	b.Off = append(b.Off, 0)
	for i := range n {
		for _, f := range s.Fields {
			b.Idx = append(b.Idx, int32(rng.IntN(f.Vocab)))
			b.Off = append(b.Off, int32(len(b.Idx)))
		}
		y := b.Idx[i*F+6] < 10
		if (b.Idx[i*F+1] == 1) == (b.Idx[i*F+7] < 6) && rng.IntN(3) == 0 {
			y = !y
		}
		if rng.IntN(5) == 0 {
			y = !y
		}
		if y {
			b.Label[i] = 1
		}
	}
	return b
}

// Step runs one training step and returns its loss.
func (sb *StepBench) Step() (float64, error) {
	b := sb.batches[sb.next%len(sb.batches)]
	sb.next++
	return sb.trainer.Step(b)
}

// StepResult is one timed run of StepBench.
type StepResult struct {
	Model         string  `json:"model"`
	Batch         int     `json:"batch"`
	Hidden        []int   `json:"hidden"`
	Params        int     `json:"params"`
	Steps         int     `json:"steps"`
	Seconds       float64 `json:"seconds"`
	SamplesPerSec float64 `json:"samples_per_sec"`
	FirstLoss     float64 `json:"first_loss"`
	LastLoss      float64 `json:"last_loss"`
	MeanLoss      float64 `json:"mean_loss"`
}

// Run times steps after warmup untimed steps.
func (sb *StepBench) Run(warmup, steps int) (StepResult, error) {
	r := StepResult{Model: sb.Model, Batch: sb.Batch, Hidden: sb.Hidden, Params: sb.Params, Steps: steps}
	for range warmup {
		if _, err := sb.Step(); err != nil {
			return r, err
		}
	}
	t0 := time.Now()
	for i := range steps {
		loss, err := sb.Step()
		if err != nil {
			return r, fmt.Errorf("%s step %d: %w", sb.Model, i, err)
		}
		if i == 0 {
			r.FirstLoss = loss
		}
		r.LastLoss = loss
		r.MeanLoss += loss / float64(steps)
	}
	r.Seconds = time.Since(t0).Seconds()
	r.SamplesPerSec = float64(steps*sb.Batch) / r.Seconds
	return r, nil
}
