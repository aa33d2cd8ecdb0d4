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
	BestEpoch     int           `json:"best_epoch"` // 0: stopped before any epoch ended; the test used the last weights
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

// Phase is what a session's next Step does.
type Phase int

const (
	PhaseTrain    Phase = iota // train one batch
	PhaseValidate              // evaluate one chunk of the validation split (after an epoch)
	PhaseTest                  // evaluate one chunk of the test split (at the best epoch's weights)
	PhaseDone
)

// StepInfo says what a Step did.
type StepInfo struct {
	Phase  Phase        // the phase the step ran in
	Loss   float64      // mean cross-entropy of the batch (PhaseTrain)
	Epoch  *EpochResult // set when the step completed an epoch's validation
	Result *Result      // set when the step completed the test evaluation
}

// EvalChunk is the number of samples one evaluation step scores: small
// enough that a step stays short in the browser (DESIGN: the engine answers
// pause/stop within 250 ms), large enough to amortise call overhead.
const EvalChunk = 1024

// Session trains one model on one dataset in bounded steps: one training
// batch, or one chunk of an evaluation.
type Session struct {
	Cfg     TrainConfig
	Data    *Data
	Model   *model.Net[float32]
	Trainer *model.Trainer[float32]
	History []EpochResult

	phase      Phase
	rng        *rand.Rand
	order      []int32 // this epoch's training order
	pos        int     // next position in order
	epochBatch int     // batches done in this epoch
	lossSum    float64
	lossN      int
	trainTime  time.Duration
	evalTime   time.Duration
	samples    int
	steps      int
	eval       evaluation

	best      float64
	bestEpoch int
	bestValue []float32 // weights at the best epoch
	sinceBest int
	stopped   bool
	result    *Result
	batch     *model.Batch
	evalBatch *model.Batch

	replicas Replicas       // nil: train alone
	shards   []*model.Batch // per worker, shard 0 the session's own
}

// evaluation scores a split chunk by chunk.
type evaluation struct {
	idx    []int32
	pos    int
	prob   []float32
	labels []float32
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
	m, err := model.NewNet[float32](data.Schema, mc, max(cfg.BatchSize, EvalChunk), cfg.Seed)
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
		evalBatch: data.NewBatch(EvalChunk),
	}
	s.newEpoch()
	return s, nil
}

func (s *Session) newEpoch() {
	s.rng.Shuffle(len(s.order), func(i, j int) { s.order[i], s.order[j] = s.order[j], s.order[i] })
	s.pos, s.epochBatch, s.lossSum, s.lossN, s.samples, s.trainTime, s.evalTime = 0, 0, 0, 0, 0, 0, 0
	s.phase = PhaseTrain
}

// Phase is what the next Step does.
func (s *Session) Phase() Phase { return s.phase }

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
func (s *Session) Steps() int { return s.steps }

// Done reports whether the test evaluation has finished.
func (s *Session) Done() bool { return s.phase == PhaseDone }

// StoppedEarly reports whether the monitor stopped improving for Patience epochs.
func (s *Session) StoppedEarly() bool { return s.stopped }

// Result is the finished run, or nil before Done.
func (s *Session) Result() *Result { return s.result }

// Stop ends training now: the next steps evaluate the test split with the
// best epoch's weights (or the current ones if no epoch has ended).
func (s *Session) Stop() {
	if s.phase == PhaseTrain || s.phase == PhaseValidate {
		s.startTest()
	}
}

// Step does one bounded unit of work. A non-finite loss returns an error
// wrapping model.ErrNonFinite; the weights are those before the failed step
// and the session can go on (with other settings, or after a reset).
func (s *Session) Step() (StepInfo, error) {
	switch s.phase {
	case PhaseTrain:
		return s.trainStep()
	case PhaseValidate:
		info := StepInfo{Phase: PhaseValidate}
		if s.evalStep() {
			r := s.endEpoch()
			info.Epoch = &r
		}
		return info, nil
	case PhaseTest:
		info := StepInfo{Phase: PhaseTest}
		if s.evalStep() {
			info.Result = s.finish()
		}
		return info, nil
	}
	return StepInfo{Phase: PhaseDone}, fmt.Errorf("training has finished")
}

func (s *Session) trainStep() (StepInfo, error) {
	end := min(s.pos+s.Cfg.BatchSize, len(s.order))
	n := end - s.pos
	t0 := time.Now()
	var loss float64
	var err error
	if s.replicas != nil && n >= 2*len(s.shards) {
		loss, err = s.parallelStep(s.order[s.pos:end])
	} else {
		s.Data.Fill(s.batch, s.order[s.pos:end])
		loss, err = s.Trainer.Step(s.batch)
	}
	s.trainTime += time.Since(t0)
	info := StepInfo{Phase: PhaseTrain, Loss: loss}
	if err != nil {
		return info, fmt.Errorf("epoch %d, batch %d: %w", s.Epoch()+1, s.epochBatch+1, err)
	}
	s.steps++
	s.samples += n
	s.lossSum += float64(loss * float64(n))
	s.lossN += n
	s.pos = end
	s.epochBatch++
	if s.pos >= len(s.order) || s.epochBatch == s.BatchesPerEpoch() {
		s.phase = PhaseValidate
		s.startEval(s.Data.Split.Val)
	}
	return info, nil
}

func (s *Session) startEval(idx []int32) {
	s.eval = evaluation{idx: idx, prob: make([]float32, len(idx)), labels: make([]float32, len(idx))}
	for i, j := range idx {
		s.eval.labels[i] = s.Data.Enc.Label[j]
	}
}

// evalStep scores the next chunk and reports whether the split is done.
func (s *Session) evalStep() bool {
	t0 := time.Now()
	e := &s.eval
	end := min(e.pos+EvalChunk, len(e.idx))
	s.Data.Fill(s.evalBatch, e.idx[e.pos:end])
	model.Predict[float32](s.Model, s.evalBatch, e.prob[e.pos:end])
	e.pos = end
	s.evalTime += time.Since(t0)
	return e.pos == len(e.idx)
}

func (s *Session) endEpoch() EpochResult {
	auc, ll := model.AUC(s.eval.prob, s.eval.labels), model.LogLoss(s.eval.prob, s.eval.labels)
	r := EpochResult{
		Epoch: len(s.History) + 1, TrainLoss: s.lossSum / float64(max(s.lossN, 1)),
		ValAUC: auc, ValLogLoss: ll, Monitor: auc,
		TrainSeconds: s.trainTime.Seconds(), EvalSeconds: s.evalTime.Seconds(), Samples: s.samples,
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
	if s.stopped || len(s.History) >= s.Cfg.Epochs {
		s.startTest()
	} else {
		s.newEpoch()
	}
	return r
}

// startTest restores the best epoch's weights (paper §4.3.1; the README,
// "Results") and begins the test evaluation.
func (s *Session) startTest() {
	if s.bestValue != nil {
		copy(s.Model.Arena.Value, s.bestValue)
	}
	s.phase = PhaseTest
	s.startEval(s.Data.Split.Test)
}

func (s *Session) finish() *Result {
	res := &Result{BestEpoch: s.bestEpoch, Epochs: s.History, StoppedEarly: s.stopped, Parameters: s.Model.Arena.Count()}
	res.TestAUC, res.TestLogLoss = model.AUC(s.eval.prob, s.eval.labels), model.LogLoss(s.eval.prob, s.eval.labels)
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
	s.result = res
	s.phase = PhaseDone
	return res
}

// RunToEnd steps until the session is done (the CLI's loop without a UI).
func (s *Session) RunToEnd() (*Result, error) {
	for !s.Done() {
		if _, err := s.Step(); err != nil {
			return nil, err
		}
	}
	return s.result, nil
}

// Predict sets prob[i] = P(like) for the samples idx (len(prob) ≥ len(idx)).
func (s *Session) Predict(idx []int32, prob []float32) {
	for i := 0; i < len(idx); i += EvalChunk {
		end := min(i+EvalChunk, len(idx))
		s.Data.Fill(s.evalBatch, idx[i:end])
		model.Predict[float32](s.Model, s.evalBatch, prob[i:end])
	}
}

// Evaluate returns AUC (eq 19) and LogLoss (eq 20) on the samples idx, in
// one call (for tests and the CLI; the browser uses Step's chunks).
func (s *Session) Evaluate(idx []int32) (auc, logloss float64) {
	prob := make([]float32, len(idx))
	labels := make([]float32, len(idx))
	s.Predict(idx, prob)
	for i, j := range idx {
		labels[i] = s.Data.Enc.Label[j]
	}
	return model.AUC(prob, labels), model.LogLoss(prob, labels)
}
