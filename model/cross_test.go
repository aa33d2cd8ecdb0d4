package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestCrossGradients(t *testing.T) {
	const D, n = 5, 3
	rng := rand.New(rand.NewPCG(71, 72))
	var a Arena[float64]
	c := NewCross(&a, "cross", D, n)
	a.Finalize(rng)
	randomizeParams(&a, rng, 0.5)
	x0, xl, dy := randN(rng, n*D, 1), randN(rng, n*D, 1), randN(rng, n*D, 1)
	y := make([]float64, n*D)
	loss := func() float64 { c.Forward(y, x0, xl, n); return dot(y, dy) }
	loss()
	a.ZeroGrad()
	dx0, dxl := make([]float64, n*D), make([]float64, n*D)
	c.Backward(dx0, dxl, dy, x0, xl, n)
	gradCheck(t, loss, append(paramTensors(&a), checked{"x0", x0, dx0}, checked{"xl", xl, dxl}))
	// x_{l+1} = x_0 (x_l·w) + b + x_l by hand, for sample 1, coordinate 2.
	var s float64
	for d := 0; d < D; d++ {
		s += xl[D+d] * c.W.Value[d]
	}
	c.Forward(y, x0, xl, n)
	if want := x0[D+2]*s + c.B.Value[2] + xl[D+2]; math.Abs(y[D+2]-want) > 1e-12 {
		t.Errorf("y = %v, want %v", y[D+2], want)
	}
}
