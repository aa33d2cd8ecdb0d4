package model

import (
	"math/rand/v2"
	"testing"
)

func TestFinalMLPGradients(t *testing.T) {
	const F, K, n = 4, 2, 3
	rng := rand.New(rand.NewPCG(85, 86))
	var a Arena[float64]
	m := NewFinalMLP(&a, "finalmlp", F, K, [2][]int{{0, 1}, {2, 3}}, []int{4, 4}, ReLU, 0.3, 2, n)
	a.Finalize(rng)
	randomizeParams(&a, rng, 0.7)
	x, dOut := randN(rng, n*F*K, 1), randN(rng, n, 1)
	out := make([]float64, n)
	drop := rand.NewPCG(5, 6)
	loss := func() float64 {
		drop.Seed(5, 6)
		m.Forward(out, x, n, true, rand.New(drop))
		return dot(out, dOut)
	}
	loss()
	a.ZeroGrad()
	dx := make([]float64, n*F*K)
	m.Backward(dx, dOut, n)
	gradCheck(t, loss, append(paramTensors(&a), checked{"x", x, dx}))
}
