package model

import (
	"math/rand/v2"
	"testing"
)

// Inverted dropout: in training each unit is 0 or x·(1/(1−p)), about p of them
// 0; the backward applies the same mask; at inference it is the identity.
func TestDropout(t *testing.T) {
	const p, n = 0.25, 4000
	scale := 1 / (1 - p)
	d := NewDropout[float64](p, 1, n)
	rng := rand.New(rand.NewPCG(29, 30))
	x := randN(rng, n, 1)
	y, dx := make([]float64, n), make([]float64, n)
	dy := randN(rng, n, 1)
	d.Forward(y, x, true, rng)
	d.Backward(dx, dy, true)
	dropped := 0
	for i := range x {
		switch y[i] {
		case 0:
			dropped++
			if dx[i] != 0 {
				t.Fatalf("unit %d dropped, gradient %v", i, dx[i])
			}
		case x[i] * scale:
			if dx[i] != dy[i]*scale {
				t.Fatalf("unit %d kept, gradient %v, want %v", i, dx[i], dy[i]*scale)
			}
		default:
			t.Fatalf("unit %d: %v from %v, want 0 or x/(1−p)", i, y[i], x[i])
		}
	}
	if share := float64(dropped) / n; share < p-0.03 || share > p+0.03 {
		t.Errorf("%.3f of the units dropped, want about %v", share, p)
	}
	d.Forward(y, x, false, rng)
	d.Backward(dx, dy, false)
	for i := range x {
		if y[i] != x[i] || dx[i] != dy[i] {
			t.Fatalf("inference: unit %d changed", i)
		}
	}
}
