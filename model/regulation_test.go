package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestRegulationGradientsAndGates(t *testing.T) {
	const F, K, n = 4, 3, 3
	rng := rand.New(rand.NewPCG(73, 74))
	var a Arena[float64]
	r := NewRegulation(&a, "reg", F, K, 0.7)
	a.Finalize(rng)
	// At the initial θ = 1 every gate is 1/F.
	x := randN(rng, n*F*K, 1)
	xc, xd := make([]float64, n*F*K), make([]float64, n*F*K)
	r.Forward(xc, xd, x, n)
	for i := range x {
		if math.Abs(xc[i]-x[i]/F) > 1e-15 || math.Abs(xd[i]-x[i]/F) > 1e-15 {
			t.Fatalf("initial gates: x %v gives %v, %v, want x/F", x[i], xc[i], xd[i])
		}
	}
	randomizeParams(&a, rng, 1)
	dc, dd := randN(rng, n*F*K, 1), randN(rng, n*F*K, 1)
	loss := func() float64 { r.Forward(xc, xd, x, n); return dot(xc, dc) + dot(xd, dd) }
	loss()
	a.ZeroGrad()
	dx := make([]float64, n*F*K)
	r.Backward(dx, dc, dd, x, n)
	gradCheck(t, loss, append(paramTensors(&a), checked{"x", x, dx}))
}
