package model

import (
	"math/rand/v2"
	"testing"
)

func TestFeatureGateGradients(t *testing.T) {
	const in, H, D, n = 4, 3, 5, 3
	rng := rand.New(rand.NewPCG(81, 82))
	var a Arena[float64]
	g := NewFeatureGate(&a, "gate", in, H, D, n)
	a.Finalize(rng)
	randomizeParams(&a, rng, 0.7)
	x, ctx, dy := randN(rng, n*D, 1), randN(rng, n*in, 1), randN(rng, n*D, 1)
	y := make([]float64, n*D)
	loss := func() float64 { g.Forward(y, x, ctx, n); return dot(y, dy) }
	loss()
	a.ZeroGrad()
	dx, dctx := make([]float64, n*D), make([]float64, n*in)
	g.Backward(dx, dctx, dy, x, ctx, n)
	gradCheck(t, loss, append(paramTensors(&a), checked{"x", x, dx}, checked{"ctx", ctx, dctx}))
}
