package engine

import (
	"errors"
	"fmt"
	"math"

	"github.com/flsest/flsest/model"
)

// Data-parallel training: each batch is cut into Workers contiguous shards;
// the session's own model takes shard 0 and each replica — a copy of the
// model with the session's current weights — one other shard; their
// gradients (each already divided by the whole batch's size) are added in
// replica order and the session's optimiser steps once. That is the
// batch's gradient up to the order of float additions, so training follows
// the one-worker run in distribution; dropout masks differ (each replica
// has its own stream), so the numbers are not the same digits. For a given
// number of workers a run is deterministic, and the same natively
// (LocalReplicas, goroutines) and in the browser (one Web Worker per
// replica, wasm/worker).

// Replicas compute the gradients of shards of a batch alongside the
// session's model.
type Replicas interface {
	// Count is the number of replicas (the session's model not counted).
	Count() int
	// Start hands replica i the weights and shards[i], whose gradients are
	// to be divided by total; it returns without waiting.
	Start(weights []float32, shards []*model.Batch, total int) error
	// Wait adds each replica's gradient into sum, in replica order, and
	// returns the replicas' summed loss.
	Wait(sum []float32) (float64, error)
	// Close ends the replicas.
	Close()
}

// ReplicaSpec is what a replica needs to build its copy of the model.
type ReplicaSpec struct {
	Schema   model.Schema `json:"schema"`
	Model    model.Config `json:"model"`
	MaxBatch int          `json:"max_batch"`
	Seed     uint64       `json:"seed"` // the run's seed; replica i draws dropout from its own stream
	Params   int          `json:"params"`
}

// ReplicaSeed is replica i's seed (1-based): distinct streams for dropout.
func ReplicaSeed(seed uint64, i int) uint64 { return seed ^ (0x9e3779b97f4a7c15 * uint64(i)) }

// Replica is one copy of the model computing shard gradients: what each
// goroutine of LocalReplicas and each browser helper worker runs.
type Replica struct {
	net     *model.Net[float32]
	trainer *model.Trainer[float32]
}

// NewReplica builds replica i (1-based) of spec.
func NewReplica(spec ReplicaSpec, i int) (*Replica, error) {
	m, err := model.NewNet[float32](spec.Schema, spec.Model, spec.MaxBatch, ReplicaSeed(spec.Seed, i))
	if err != nil {
		return nil, err
	}
	if m.Params().Count() != spec.Params {
		return nil, fmt.Errorf("replica %d has %d parameters, the model %d", i, m.Params().Count(), spec.Params)
	}
	return &Replica{net: m, trainer: model.NewTrainer[float32](m, nil)}, nil
}

// Gradients loads weights, computes shard's gradient part (divided by
// total) and returns the gradient (the replica's own buffer) and the
// shard's summed loss.
func (r *Replica) Gradients(weights []float32, shard *model.Batch, total int) ([]float32, float64, error) {
	a := r.net.Params()
	if len(weights) != len(a.Value) {
		return nil, 0, fmt.Errorf("replica: %d weights for %d parameters", len(weights), len(a.Value))
	}
	copy(a.Value, weights)
	loss, err := r.trainer.Gradients(shard, total)
	return a.Grad, loss, err
}

// shardCap bounds the size of a batch's shard among workers (Shards).
func shardCap(batch, workers int) int { return batch/workers + 1 }

// Shards cuts n samples into k contiguous parts [lo, hi), sizes differing
// by at most one.
func Shards(n, k int) [][2]int {
	out := make([][2]int, k)
	for i := range k {
		out[i] = [2]int{n * i / k, n * (i + 1) / k}
	}
	return out
}

// LocalReplicas runs replicas on goroutines: data-parallel training on
// several cores natively (flsest train -workers N).
type LocalReplicas struct {
	work []chan replicaJob
	done []chan replicaResult
}

type replicaJob struct {
	weights []float32
	shard   *model.Batch
	total   int
}

type replicaResult struct {
	grad []float32
	loss float64
	err  error
}

// NewLocalReplicas starts n replicas of spec.
func NewLocalReplicas(n int, spec ReplicaSpec) (*LocalReplicas, error) {
	lr := &LocalReplicas{}
	for i := 1; i <= n; i++ {
		r, err := NewReplica(spec, i)
		if err != nil {
			lr.Close()
			return nil, err
		}
		work, done := make(chan replicaJob), make(chan replicaResult, 1)
		lr.work, lr.done = append(lr.work, work), append(lr.done, done)
		go func() {
			for j := range work {
				g, loss, err := r.Gradients(j.weights, j.shard, j.total)
				done <- replicaResult{g, loss, err}
			}
		}()
	}
	return lr, nil
}

// Count implements Replicas.
func (lr *LocalReplicas) Count() int { return len(lr.work) }

// Start implements Replicas. The replicas read weights until Wait returns.
func (lr *LocalReplicas) Start(weights []float32, shards []*model.Batch, total int) error {
	if len(shards) != len(lr.work) {
		return fmt.Errorf("%d shards for %d replicas", len(shards), len(lr.work))
	}
	for i, w := range lr.work {
		w <- replicaJob{weights, shards[i], total}
	}
	return nil
}

// Wait implements Replicas.
func (lr *LocalReplicas) Wait(sum []float32) (float64, error) {
	var loss float64
	var errs []error
	for _, d := range lr.done {
		r := <-d
		if r.err != nil {
			errs = append(errs, r.err)
			continue
		}
		AddInto(sum, r.grad)
		loss += r.loss
	}
	return loss, errors.Join(errs...)
}

// Close implements Replicas.
func (lr *LocalReplicas) Close() {
	for _, w := range lr.work {
		close(w)
	}
	lr.work, lr.done = nil, nil
}

// AddInto adds a replica's gradients g into the step's sum: every
// Replicas.Wait does.
func AddInto(sum, g []float32) {
	g = g[:len(sum)]
	for i, v := range g {
		sum[i] += v
	}
}

// UseReplicas makes s train data-parallel with r (nil: alone again) and
// closes the replicas it used before.
func (s *Session) UseReplicas(r Replicas) {
	if s.replicas != nil {
		s.replicas.Close()
	}
	s.replicas, s.shards = r, nil
	if r == nil {
		return
	}
	for range r.Count() + 1 {
		s.shards = append(s.shards, s.Data.NewBatch(shardCap(s.Cfg.BatchSize, r.Count()+1)))
	}
}

// Replicas is the session's data-parallel pool, or nil.
func (s *Session) Replicas() Replicas { return s.replicas }

// Close ends the session's replicas.
func (s *Session) Close() { s.UseReplicas(nil) }

// ReplicaSpec describes s's model for its replicas.
func (s *Session) ReplicaSpec() (ReplicaSpec, error) {
	mc, err := s.Cfg.ModelConfig()
	if err != nil {
		return ReplicaSpec{}, err
	}
	return ReplicaSpec{Schema: s.Data.Schema, Model: mc, MaxBatch: shardCap(s.Cfg.BatchSize, max(s.Cfg.Workers, 1)), Seed: s.Cfg.Seed, Params: s.Model.Params().Count()}, nil
}

// parallelStep is one data-parallel training step over the samples idx:
// the replicas start on shards 1…, the session's model computes shard 0
// meanwhile, their gradients are added, and the optimiser steps once.
func (s *Session) parallelStep(idx []int32) (float64, error) {
	parts := Shards(len(idx), len(s.shards))
	for i, p := range parts {
		s.Data.Fill(s.shards[i], idx[p[0]:p[1]])
	}
	a := s.Model.Params()
	if err := s.replicas.Start(a.Value, s.shards[1:], len(idx)); err != nil {
		return 0, err
	}
	own, err := s.Trainer.Gradients(s.shards[0], len(idx))
	for _, sh := range s.shards[1:] {
		s.Trainer.Touch(sh) // a lazy optimiser updates the replicas' rows too
	}
	rest, werr := s.replicas.Wait(a.Grad) // always collect, so the replicas are free again
	loss := (own + rest) / float64(len(idx))
	if err != nil {
		return loss, err
	}
	if werr != nil {
		return loss, fmt.Errorf("replicas: %w", werr)
	}
	if math.IsNaN(rest) || math.IsInf(rest, 0) {
		return loss, fmt.Errorf("step %d: %w (%v)", s.Trainer.Steps()+1, model.ErrNonFinite, loss)
	}
	return loss, s.Trainer.Apply()
}

// NewSessionWorkers is NewSession, training data-parallel on goroutines
// when cfg.Workers > 1 (the CLI's way; the browser's replicas are workers).
func NewSessionWorkers(cfg TrainConfig, data *Data) (*Session, error) {
	s, err := NewSession(cfg, data)
	if err != nil || cfg.Workers <= 1 {
		return s, err
	}
	spec, err := s.ReplicaSpec()
	if err != nil {
		return nil, err
	}
	r, err := NewLocalReplicas(cfg.Workers-1, spec)
	if err != nil {
		return nil, err
	}
	s.UseReplicas(r)
	return s, nil
}
