package model

import (
	"math/rand/v2"
	"testing"
)

func TestExcitationGradients(t *testing.T) {
	const F, n = 7, 5
	for _, out := range []Activation{Sigmoid, ReLU} {
		for _, bias := range []bool{false, true} {
			for _, norm := range []bool{false, true} {
				t.Run(name("%v/bias=%v/norm=%v", out, bias, norm), func(t *testing.T) {
					rng := rand.New(rand.NewPCG(3, 4))
					var a Arena[float64]
					x := NewExcitation(&a, "x", F, 3, n, out, bias, norm)
					a.Finalize(rng)
					randomizeParams(&a, rng, 0.8)
					Z := randN(rng, n*F, 1)
					dA := randN(rng, n*F, 1)
					loss := func() float64 { return dot(x.Forward(Z, n), dA) }
					loss()
					dZ := make([]float64, n*F)
					a.ZeroGrad()
					x.Backward(dZ, dA, n)
					gradCheck(t, loss, append(paramTensors(&a), checked{"Z", Z, dZ}))
				})
			}
		}
	}
}

func TestReducedWidth(t *testing.T) {
	// DeepCTR SENETLayer: reduction_size = max(1, field_size // ratio).
	for _, c := range []struct{ F, r, want int }{{8, 3, 2}, {10, 3, 3}, {2, 3, 1}, {8, 1, 8}} {
		if got := ReducedWidth(c.F, c.r); got != c.want {
			t.Errorf("ReducedWidth(%d, %d) = %d, want %d", c.F, c.r, got, c.want)
		}
	}
}
