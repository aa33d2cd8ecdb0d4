package model

import (
	"math/rand/v2"
	"testing"
)

func TestDenseAndMLPGradients(t *testing.T) {
	const in, n = 7, 5
	for _, act := range []Activation{ReLU, Tanh, Sigmoid} {
		for _, p := range []float64{0, 0.3} {
			t.Run(name("%v/dropout=%v", act, p), func(t *testing.T) {
				rng := rand.New(rand.NewPCG(23, 24))
				var a Arena[float64]
				m := NewMLP(&a, "mlp", in, []int{6, 5, 3}, act, p, n)
				a.Finalize(rng)
				randomizeParams(&a, rng, 0.6)
				x := randN(rng, n*in, 1)
				dOut := randN(rng, n*3, 1)
				loss := func() float64 {
					return dot(m.Forward(x, n, true, rand.New(rand.NewPCG(7, 7)))[:n*3], dOut)
				}
				loss()
				dx := make([]float64, n*in)
				a.ZeroGrad()
				m.Backward(dx, append([]float64(nil), dOut...), n)
				gradCheck(t, loss, append(paramTensors(&a), checked{"x", x, dx}))
			})
		}
	}
}
