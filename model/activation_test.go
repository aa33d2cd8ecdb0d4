package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The branch-free ReLU, its gradient and dropout give exactly what the
// branches they replaced gave: the same bits for every finite input, +0 for
// a dropped or negative value (never −0). Going forward a NaN stays NaN and
// −∞ becomes NaN (the branch made it 0): a diverging run is caught, not hidden.
func TestBranchFreeReLUAndDropoutMatchBranches(t *testing.T) {
	inputs := []float32{-3, -1e-30, float32(math.Copysign(0, -1)), 0, 1e-30, 0.5, 7, math.MaxFloat32}
	bits := math.Float32bits
	for _, v := range inputs {
		want := v // the old forward: if v < 0 { y = 0 }
		if v < 0 {
			want = 0
		}
		y := []float32{v}
		activate(ReLU, y)
		if bits(y[0]) != bits(want) && !(v == 0 && y[0] == 0 && !math.Signbit(float64(y[0]))) {
			t.Errorf("ReLU(%v) = %v, want %v", v, y[0], want)
		}
		if math.Signbit(float64(y[0])) && y[0] == 0 {
			t.Errorf("ReLU(%v) = −0", v)
		}
		for _, g := range []float32{-2, 0.25} {
			wantG := g // the old backward: if y <= 0 { dy = 0 }
			if y[0] <= 0 {
				wantG = 0
			}
			dy := []float32{g}
			activateBackward(ReLU, dy, y)
			if bits(dy[0]) != bits(wantG) {
				t.Errorf("ReLU'(y=%v)·%v = %v, want %v", y[0], g, dy[0], wantG)
			}
		}
	}
	odd := []float32{float32(math.NaN()), float32(math.Inf(-1)), float32(math.Inf(1))}
	activate(ReLU, odd)
	if !math.IsNaN(float64(odd[0])) || !math.IsNaN(float64(odd[1])) || !math.IsInf(float64(odd[2]), 1) {
		t.Errorf("ReLU(NaN, −∞, +∞) = %v, want NaN, NaN, +∞", odd)
	}

	// Dropout: kept values scaled, dropped ones +0, mask 0 or 1/(1−p); the
	// same random stream decides as before (one Float64 per value).
	d := NewDropout[float32](0.5, 1, 64)
	x := make([]float32, 64)
	for i := range x {
		x[i] = float32(i) - 31.5
	}
	y := make([]float32, 64)
	d.Forward(y, x, true, rand.New(rand.NewPCG(1, 2)))
	ref := rand.New(rand.NewPCG(1, 2))
	for i, v := range x {
		want := float32(0)
		if ref.Float64() < 0.5 {
			want = v * 2
		}
		if bits(y[i]) != bits(want) {
			t.Errorf("dropout y[%d] = %v, want %v", i, y[i], want)
		}
		if (d.mask[i] == 0) != (y[i] == 0) {
			t.Errorf("dropout mask[%d] = %v for y = %v", i, d.mask[i], y[i])
		}
	}
}
