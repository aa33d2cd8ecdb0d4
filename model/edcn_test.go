package model

import (
	"math/rand/v2"
	"testing"
)

func TestEDCNGradients(t *testing.T) {
	const F, K, n = 3, 2, 4
	for _, layers := range []int{1, 3} {
		t.Run(name("layers=%d", layers), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(75, 76))
			var a Arena[float64]
			e := NewEDCN(&a, "edcn", F, K, layers, 1, Tanh, 0.3, n)
			a.Finalize(rng)
			randomizeParams(&a, rng, 0.7)
			x := randN(rng, n*F*K, 1)
			dy := randN(rng, n*e.OutWidth(), 1)
			y := make([]float64, n*e.OutWidth())
			drop := rand.NewPCG(5, 6)
			loss := func() float64 {
				drop.Seed(5, 6) // the same dropout masks every time
				e.Forward(y, x, n, true, rand.New(drop))
				return dot(y, dy)
			}
			loss()
			a.ZeroGrad()
			dx := make([]float64, n*F*K)
			e.Backward(dx, append([]float64(nil), dy...), n)
			gradCheck(t, loss, append(paramTensors(&a), checked{"x", x, dx}))
		})
	}
}
