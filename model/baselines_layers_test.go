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

func TestSENETGradients(t *testing.T) {
	const F, K, n = 6, 4, 3
	var a Arena[float64]
	checkStreamTransform(t, &a, NewSENET(&a, "senet", F, K, 2, n), rand.New(rand.NewPCG(99, 100)), F, K, n)
}
