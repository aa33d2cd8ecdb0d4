package model

import (
	"fmt"
	"math"
)

// Trainer runs training steps: forward, binary cross-entropy, backward, L2,
// optimiser. A step allocates nothing.
type Trainer[T Float] struct {
	Model  Model[T]
	Opt    Optimizer[T]
	dLogit []T
	prob   []T
	lazy   *LazyAdam[T] // Opt, when it updates touched rows only
}

// NewTrainer pairs a model with its optimiser. A LazyAdam learns here
// which tables the model looks rows up in (RowTables).
func NewTrainer[T Float](m Model[T], opt Optimizer[T]) *Trainer[T] {
	t := &Trainer[T]{Model: m, Opt: opt, dLogit: make([]T, m.MaxBatch()), prob: make([]T, m.MaxBatch())}
	if o, ok := opt.(*LazyAdam[T]); ok {
		var tables [][]*Param[T]
		if rt, ok := m.(RowTables[T]); ok {
			tables = rt.RowTables()
		}
		o.rows = newSparseRows(m.Params(), tables)
		t.lazy = o
	}
	return t
}

// Touch records the rows b looks up, for a LazyAdam step whose batch
// includes b (data-parallel shards computed elsewhere); otherwise nothing.
func (t *Trainer[T]) Touch(b *Batch) {
	if t.lazy != nil {
		t.lazy.rows.touch(b)
	}
}

// Step trains on one batch and returns its mean cross-entropy (without the
// L2 penalty). If the loss or a gradient is not finite it returns an error
// wrapping ErrNonFinite before any weight changes: the model keeps its last
// good weights.
func (t *Trainer[T]) Step(b *Batch) (float64, error) {
	sum, err := t.Gradients(b, b.N)
	loss := sum / float64(b.N)
	if err != nil {
		return loss, err
	}
	return loss, t.Apply()
}

// Gradients sets the arena's gradients to those of the mean loss over a
// batch of total samples of which b is a part — Σ_{i∈b} ∂ℓ_i/∂w / total —
// and returns b's summed loss. Data-parallel training (engine.Replicas)
// adds the parts' gradients and then calls Apply once. A non-finite loss is
// an error wrapping ErrNonFinite, and leaves the gradients unset.
func (t *Trainer[T]) Gradients(b *Batch, total int) (float64, error) {
	a := t.Model.Params()
	if t.lazy != nil {
		t.lazy.rows.zeroGrad()
		t.lazy.rows.touch(b)
	} else {
		a.ZeroGrad()
	}
	logit := t.Model.Forward(b, true)
	sum := bceSum(t.dLogit[:b.N], logit, b.Label, b.N, total)
	if math.IsNaN(sum) || math.IsInf(sum, 0) {
		return sum, fmt.Errorf("step %d: %w (%v)", t.Steps()+1, ErrNonFinite, sum/float64(b.N))
	}
	t.Model.Backward(b, t.dLogit[:b.N])
	return sum, nil
}

// Apply adds the L2 gradient, checks every gradient is finite (else an
// error wrapping ErrNonFinite, and no weight changes) and steps the
// optimiser.
func (t *Trainer[T]) Apply() error {
	if t.lazy != nil {
		return t.lazyApply(t.lazy)
	}
	a := t.Model.Params()
	a.addL2Gradients()
	if i := firstNonFinite(a.Grad); i >= 0 {
		return errorfNonFinite(t.Steps()+1, a.ParamAt(i).Name, a.Grad[i])
	}
	t.Opt.Step(a)
	return nil
}

func errorfNonFinite[T Float](step int, param string, g T) error {
	return fmt.Errorf("step %d: gradient of %s is %v: %w", step, param, g, ErrNonFinite)
}

// Steps is the number of optimiser steps taken (0 for a replica, which has
// no optimiser).
func (t *Trainer[T]) Steps() int {
	if t.Opt == nil {
		return 0
	}
	return t.Opt.Steps()
}

// Predict sets out[i] = P(y=1) for each sample of b (inference: no dropout).
func Predict[T Float](m Model[T], b *Batch, out []T) {
	logit := m.Forward(b, false)
	for i := 0; i < b.N; i++ {
		out[i] = sigmoid(logit[i])
	}
}

// firstNonFinite returns the index of the first NaN or ±Inf in s, or −1.
// The fast path is branch-free: g·0 is 0 for finite g and NaN otherwise.
func firstNonFinite[T Float](s []T) int {
	if vk := vectorFor[T](len(s)); vk != nil {
		if vk.allFinite(float32s(s)) {
			return -1
		}
		return firstNonFiniteAt(s)
	}
	var acc T
	for _, g := range s {
		acc += T(g * 0)
	}
	if acc == 0 {
		return -1
	}
	return firstNonFiniteAt(s)
}

// firstNonFiniteAt is firstNonFinite's slow path: the index, found in order.
func firstNonFiniteAt[T Float](s []T) int {
	for i, g := range s {
		if g*0 != 0 {
			return i
		}
	}
	return -1
}
