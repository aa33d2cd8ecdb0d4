package model

import "math/rand/v2"

// Dropout (inverted): in training each unit is kept with probability 1−p and
// scaled by 1/(1−p), so inference needs no rescaling. DeepCTR's DNN order:
// Dense → activation → dropout.
type Dropout[T Float] struct {
	P    float64
	mask []T // (B, width): 0 or 1/(1−p)
}

// NewDropout sizes the mask for maxBatch×width units.
func NewDropout[T Float](p float64, maxBatch, width int) *Dropout[T] {
	return &Dropout[T]{P: p, mask: make([]T, maxBatch*width)}
}

// Forward sets y = x ⊙ mask in training, y = x otherwise (x, y may alias).
func (d *Dropout[T]) Forward(y, x []T, train bool, rng *rand.Rand) {
	if !train || d.P == 0 {
		copy(y, x)
		return
	}
	keep, scale := 1-d.P, T(1/(1-d.P))
	mask := d.mask[:len(x)]
	for i, v := range x {
		m := zeroUnless(rng.Float64() < keep, scale)
		mask[i] = m
		y[i] = T(v*m) + 0 // +0 when dropped, as y = 0 was (see zeroUnless)
	}
}

// Backward sets dx = dy ⊙ mask (dx, dy may alias). train must be the value
// Forward saw.
func (d *Dropout[T]) Backward(dx, dy []T, train bool) {
	if !train || d.P == 0 {
		copy(dx, dy)
		return
	}
	mask := d.mask[:len(dy)]
	for i, v := range dy {
		dx[i] = v * mask[i]
	}
}
