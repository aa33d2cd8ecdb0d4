package engine

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/flsest/flsest/model"
)

// EpochResult is what one epoch produced.
type EpochResult struct {
	Epoch        int     `json:"epoch"` // 1-based
	TrainLoss    float64 `json:"train_loss"`
	ValAUC       float64 `json:"val_auc"`
	ValLogLoss   float64 `json:"val_logloss"`
	Monitor      float64 `json:"monitor"`
	Best         bool    `json:"best"` // the monitor improved
	TrainSeconds float64 `json:"train_seconds"`
	EvalSeconds  float64 `json:"eval_seconds"`
	Samples      int     `json:"samples"`
}

// Result is a finished run: test metrics at the best-validation epoch.
type Result struct {
	BestEpoch     int           `json:"best_epoch"`
	TestAUC       float64       `json:"test_auc"`
	TestLogLoss   float64       `json:"test_logloss"`
	LogSizeBytes  int64         `json:"log_size_bytes"`
	ValAUC        float64       `json:"val_auc"`
	ValLogLoss    float64       `json:"val_logloss"`
	Epochs        []EpochResult `json:"epochs"`
	StoppedEarly  bool          `json:"stopped_early"`
	Parameters    int           `json:"parameters"`
	EpochSeconds  float64       `json:"epoch_seconds"` // median, train + validation
	SamplesPerSec float64       `json:"train_samples_per_second"`
}

// Session trains one model on one dataset, a batch at a time.
type Session struct {
	Cfg     TrainConfig
	Data    *Data
	Model   *model.FLSEST[float32]
	Trainer *model.Trainer[float32]
	History []EpochResult

	rng        *rand.Rand
	order      []int32 // this epoch's training order
	pos        int     // next position in order
	epochBatch int     // batches done in this epoch
	lossSum    float64
	lossN      int
	trainTime  time.Duration
	samples    int

	best       float64
	bestEpoch  int
	bestValue  []float32 // weights at the best epoch
	sinceBest  int
	stopped    bool
	batch      *model.Batch
	evalBatch  *model.Batch
	evalProb   []float32
	totalSteps int
}

// NewSession builds the model for cfg on data, seeded with cfg.Seed.
func NewSession(cfg TrainConfig, data *Data) (*Session, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	mc, err := cfg.ModelConfig()
	if err != nil {
		return nil, err
	}
	m, err := model.NewFLSEST[float32](data.Schema, mc, max(cfg.BatchSize, evalBatchSize), cfg.Seed)
	if err != nil {
		return nil, err
	}
	opt, err := model.NewOptimizer(cfg.OptimizerConfig, m.Params())
	if err != nil {
		return nil, err
	}
	s := &Session{
		Cfg: cfg, Data: data, Model: m, Trainer: model.NewTrainer[float32](m, opt),
		rng:       rand.New(rand.NewPCG(cfg.Seed, 0xba7c4)),
		order:     slices.Clone(data.Split.Train),
		best:      math.Inf(-1),
		batch:     data.NewBatch(cfg.BatchSize),
		evalBatch: data.NewBatch(evalBatchSize),
		evalProb:  make([]float32, evalBatchSize),
	}
	s.shuffle()
	return s, nil
}

// evalBatchSize is the batch size of inference passes (no gradients, so
// larger batches only save call overhead).
const evalBatchSize = 1024

func (s *Session) shuffle() {
	s.rng.Shuffle(len(s.order), func(i, j int) { s.order[i], s.order[j] = s.order[j], s.order[i] })
	s.pos, s.epochBatch, s.lossSum, s.lossN, s.samples, s.trainTime = 0, 0, 0, 0, 0, 0
}

// Epoch is the number of completed epochs.
func (s *Session) Epoch() int { return len(s.History) }

// BatchInEpoch is the number of batches trained in the current epoch.
func (s *Session) BatchInEpoch() int { return s.epochBatch }

// BatchesPerEpoch is the number of batches an epoch has.
func (s *Session) BatchesPerEpoch() int {
	n := (len(s.order) + s.Cfg.BatchSize - 1) / s.Cfg.BatchSize
	if s.Cfg.BatchesPerEpoch > 0 {
		n = min(n, s.Cfg.BatchesPerEpoch)
	}
	return n
}

// Steps is the number of training steps taken.
func (s *Session) Steps() int { return s.totalSteps }

// Done reports whether training has finished (epoch limit or early stop).
func (s *Session) Done() bool { return s.stopped || len(s.History) >= s.Cfg.Epochs }

// StoppedEarly reports whether the monitor stopped improving for Patience epochs.
func (s *Session) StoppedEarly() bool { return s.stopped }

// TrainBatch trains on the next batch. When it completes an epoch it
// validates, updates early stopping and returns the epoch's result. A
// non-finite loss returns an error wrapping model.ErrNonFinite; the weights
// are those before the failed step.
func (s *Session) TrainBatch() (loss float64, epoch *EpochResult, err error) {
	if s.Done() {
		return 0, nil, fmt.Errorf("training has finished")
	}
	end := min(s.pos+s.Cfg.BatchSize, len(s.order))
	s.Data.Fill(s.batch, s.order[s.pos:end])
	t0 := time.Now()
	loss, err = s.Trainer.Step(s.batch)
	s.trainTime += time.Since(t0)
	if err != nil {
		return loss, nil, fmt.Errorf("epoch %d, batch %d: %w", s.Epoch()+1, s.epochBatch+1, err)
	}
	s.totalSteps++
	s.samples += s.batch.N
	s.lossSum += loss * float64(s.batch.N)
	s.lossN += s.batch.N
	s.pos = end
	s.epochBatch++
	if s.pos >= len(s.order) || s.epochBatch == s.BatchesPerEpoch() {
		r := s.endEpoch()
		return loss, &r, nil
	}
	return loss, nil, nil
}

func (s *Session) endEpoch() EpochResult {
	t0 := time.Now()
	auc, ll := s.Evaluate(s.Data.Split.Val)
	r := EpochResult{
		Epoch: len(s.History) + 1, TrainLoss: s.lossSum / float64(s.lossN),
		ValAUC: auc, ValLogLoss: ll, Monitor: auc,
		TrainSeconds: s.trainTime.Seconds(), EvalSeconds: time.Since(t0).Seconds(), Samples: s.samples,
	}
	if s.Cfg.Monitor == MonitorAUCMinusLogLoss {
		r.Monitor = auc - ll
	}
	if r.Monitor > s.best {
		r.Best = true
		s.best, s.bestEpoch, s.sinceBest = r.Monitor, r.Epoch, 0
		s.bestValue = append(s.bestValue[:0], s.Model.Arena.Value...)
	} else {
		s.sinceBest++
		if s.Cfg.Patience > 0 && s.sinceBest >= s.Cfg.Patience {
			s.stopped = true
		}
	}
	s.History = append(s.History, r)
	s.shuffle()
	return r
}

// Predict sets prob[i] = P(like) for the samples idx (len(prob) ≥ len(idx)).
func (s *Session) Predict(idx []int32, prob []float32) {
	for i := 0; i < len(idx); i += evalBatchSize {
		end := min(i+evalBatchSize, len(idx))
		s.Data.Fill(s.evalBatch, idx[i:end])
		model.Predict[float32](s.Model, s.evalBatch, prob[i:end])
	}
}

// Evaluate returns AUC (eq 19) and LogLoss (eq 20) on the samples idx.
func (s *Session) Evaluate(idx []int32) (auc, logloss float64) {
	prob := make([]float32, len(idx))
	labels := make([]float32, len(idx))
	s.Predict(idx, prob)
	for i, j := range idx {
		labels[i] = s.Data.Enc.Label[j]
	}
	return model.AUC(prob, labels), model.LogLoss(prob, labels)
}

// Finish restores the weights of the best-validation epoch and evaluates
// the test split with them (paper §4.3.1; DESIGN.md, "Metrics").
func (s *Session) Finish() Result {
	if s.bestValue != nil {
		copy(s.Model.Arena.Value, s.bestValue)
	}
	res := Result{BestEpoch: s.bestEpoch, Epochs: s.History, StoppedEarly: s.stopped, Parameters: s.Model.Arena.Count()}
	res.TestAUC, res.TestLogLoss = s.Evaluate(s.Data.Split.Test)
	if s.bestEpoch > 0 {
		res.ValAUC, res.ValLogLoss = s.History[s.bestEpoch-1].ValAUC, s.History[s.bestEpoch-1].ValLogLoss
	}
	res.LogSizeBytes = model.LogSize(s.Model)
	var secs []float64
	var trainSecs float64
	var samples int
	for _, e := range s.History {
		secs = append(secs, e.TrainSeconds+e.EvalSeconds)
		trainSecs += e.TrainSeconds
		samples += e.Samples
	}
	if len(secs) > 0 {
		slices.Sort(secs)
		res.EpochSeconds = secs[len(secs)/2]
		if len(secs)%2 == 0 {
			res.EpochSeconds = (secs[len(secs)/2-1] + secs[len(secs)/2]) / 2
		}
		res.SamplesPerSec = float64(samples) / trainSecs
	}
	return res
}
