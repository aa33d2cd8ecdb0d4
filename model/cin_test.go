package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestCINGradients(t *testing.T) {
	const F, K, n = 4, 3, 3
	for _, c := range []struct {
		sizes []int
		split bool
		act   Activation
	}{{[]int{6, 4}, true, ReLU}, {[]int{5, 3}, false, Identity}, {[]int{4}, true, ReLU}, {[]int{6, 6, 4}, true, Identity}} {
		t.Run(name("%v/split=%v/%v", c.sizes, c.split, c.act), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(95, 96))
			var a Arena[float64]
			cin := NewCIN(&a, "cin", F, K, n, c.sizes, c.split, c.act)
			a.Finalize(rng)
			randomizeParams(&a, rng, 0.6)
			E := randN(rng, n*F*K, 1)
			dOut := randN(rng, n*cin.OutWidth(), 1)
			out := make([]float64, n*cin.OutWidth())
			loss := func() float64 { cin.Forward(out, E, n); return dot(out, dOut) }
			loss()
			dE := make([]float64, n*F*K)
			a.ZeroGrad()
			cin.Backward(dE, dOut, n)
			gradCheck(t, loss, append(paramTensors(&a), checked{"E", E, dE}))
		})
	}
}

// CIN's first layer by the definition, one sample: X^1_c,k = Σ_ij W_c,(i,j)
// e_i,k e_j,k + b_c, summed over k (one layer: everything is output).
func TestCINMatchesDefinition(t *testing.T) {
	const F, K, H = 3, 4, 2
	rng := rand.New(rand.NewPCG(97, 98))
	var a Arena[float64]
	cin := NewCIN(&a, "cin", F, K, 1, []int{H}, true, Identity)
	a.Finalize(rng)
	randomizeParams(&a, rng, 1)
	E := randN(rng, F*K, 1)
	out := make([]float64, H)
	cin.Forward(out, E, 1)
	for c := 0; c < H; c++ {
		var want float64
		for k := 0; k < K; k++ {
			s := cin.Bias[0].Value[c]
			for i := 0; i < F; i++ {
				for j := 0; j < F; j++ {
					s += cin.W[0].Value[c*F*F+i*F+j] * E[i*K+k] * E[j*K+k]
				}
			}
			want += s
		}
		if math.Abs(out[c]-want) > 1e-12 {
			t.Errorf("map %d: %v, definition %v", c, out[c], want)
		}
	}
}
