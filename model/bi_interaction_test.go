package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestBiInteractionGradientAndFMIdentity(t *testing.T) {
	const F, K, n = 5, 4, 3
	rng := rand.New(rand.NewPCG(91, 92))
	V := randN(rng, n*F*K, 1)
	dy := randN(rng, n*K, 1)
	y := make([]float64, n*K)
	bi := NewBiInteraction[float64](F, K, n)
	loss := func() float64 { bi.Forward(y, V, n); return dot(y, dy) }
	loss()
	dV := make([]float64, n*F*K)
	bi.Backward(dV, dy, V, n)
	gradCheck(t, loss, []checked{{"V", V, dV}})
	// Σ_k of bi-interaction pooling is FM's pairwise term.
	fm := make([]float64, n)
	NewFM[float64](F, K, n).Forward(fm, V, n)
	bi.Forward(y, V, n)
	for b := 0; b < n; b++ {
		var s float64
		for k := 0; k < K; k++ {
			s += y[b*K+k]
		}
		if math.Abs(s-fm[b]) > 1e-12 {
			t.Errorf("sample %d: Σ_k bi = %v, FM = %v", b, s, fm[b])
		}
	}
}
