package model

import (
	"math/rand/v2"
	"testing"
)

func TestBilinearGradients(t *testing.T) {
	const F, K, n = 4, 3, 3
	for _, typ := range []string{BilinearInteraction, BilinearEach, BilinearAll} {
		t.Run(typ, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(93, 94))
			var a Arena[float64]
			x, err := NewBilinear(&a, "bilinear", F, K, n, typ)
			if err != nil {
				t.Fatal(err)
			}
			a.Finalize(rng)
			V := randN(rng, n*F*K, 1)
			dy := randN(rng, n*x.Width(), 1)
			y := make([]float64, n*x.Width())
			loss := func() float64 { x.Forward(y, V, n); return dot(y, dy) }
			loss()
			dV := make([]float64, n*F*K)
			a.ZeroGrad()
			x.Backward(dV, dy, V, n)
			gradCheck(t, loss, append(paramTensors(&a), checked{"V", V, dV}))
		})
	}
	var a Arena[float64]
	if _, err := NewBilinear(&a, "b", 3, 2, 1, "pairs"); err == nil {
		t.Error("unknown bilinear type accepted")
	}
}
