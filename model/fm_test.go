package model

import (
	"math/rand/v2"
	"testing"
)

func TestFMGradients(t *testing.T) {
	const F, K, n = 5, 4, 3
	rng := rand.New(rand.NewPCG(17, 18))
	V := randN(rng, n*F*K, 1)
	dy := randN(rng, n, 1)
	y := make([]float64, n)
	fm := NewFM[float64](F, K, n)
	loss := func() float64 { fm.Forward(y, V, n); return dot(y, dy) }
	loss()
	dV := make([]float64, n*F*K)
	fm.Backward(dV, dy, V, n)
	gradCheck(t, loss, []checked{{"FM V", V, dV}})

}
