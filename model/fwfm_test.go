package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestFwFMGradients(t *testing.T) {
	const F, K, n = 5, 4, 3
	rng := rand.New(rand.NewPCG(17, 18))
	V := randN(rng, n*F*K, 1)
	dy := randN(rng, n, 1)
	y := make([]float64, n)
	var a Arena[float64]
	fw := NewFwFM(&a, "fwfm", F, K)
	a.Finalize(rng)
	loss := func() float64 { fw.Forward(y, V, n); return dot(y, dy) }
	loss()
	dV := make([]float64, n*F*K)
	a.ZeroGrad()
	fw.Backward(dV, dy, V, n)
	gradCheck(t, loss, append(paramTensors(&a), checked{"FwFM V", V, dV}))
}

// y = Σ_{i<j} r_ij ⟨v_i, v_j⟩, summed the slow way over every ordered pair.
func TestFwFMMatchesDefinition(t *testing.T) {
	const F, K, n = 4, 3, 2
	rng := rand.New(rand.NewPCG(19, 20))
	var a Arena[float64]
	fw := NewFwFM(&a, "fwfm", F, K)
	a.Finalize(rng)
	randomizeParams(&a, rng, 1)
	V := randN(rng, n*F*K, 1)
	y := make([]float64, n)
	fw.Forward(y, V, n)
	for b := 0; b < n; b++ {
		var want float64
		for i := 0; i < F; i++ {
			for j := 0; j < F; j++ {
				if i >= j {
					continue
				}
				r := fw.R.Value[i*F-i*(i+1)/2+(j-i-1)] // row i of the upper triangle
				for k := 0; k < K; k++ {
					want += r * V[(b*F+i)*K+k] * V[(b*F+j)*K+k]
				}
			}
		}
		if math.Abs(y[b]-want) > 1e-12 {
			t.Errorf("sample %d: y = %v, definition %v", b, y[b], want)
		}
	}
}
