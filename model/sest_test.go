package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestSESTGradients(t *testing.T) {
	const F, K, n = 6, 5, 4
	for _, o := range []SESTOptions{
		{ReductionRatio: 3, SEActivation: Sigmoid},
		{ReductionRatio: 3, SEActivation: ReLU},
		{ReductionRatio: 2, SEActivation: Sigmoid, Bias: true, SqueezeNorm: true},
	} {
		t.Run(name("%+v", o), func(t *testing.T) {
			var a Arena[float64]
			checkStreamTransform(t, &a, NewSEST(&a, "sest", F, K, n, o), rand.New(rand.NewPCG(5, 6)), F, K, n)
		})
	}
}

// streamTransform is a layer V = T(E) on (n, F, K) embeddings: SEST, SENET.
type streamTransform interface {
	Forward(V, E []float64, n int)
	Backward(dE, dV, E []float64, n int)
}

// checkStreamTransform finalises a (x's arena) from rng and checks x's
// gradients, for its parameters and E, against central differences.
func checkStreamTransform(t *testing.T, a *Arena[float64], x streamTransform, rng *rand.Rand, F, K, n int) {
	t.Helper()
	a.Finalize(rng)
	randomizeParams(a, rng, 0.8)
	E := randN(rng, n*F*K, 1)
	dV := randN(rng, n*F*K, 1)
	V := make([]float64, n*F*K)
	loss := func() float64 { x.Forward(V, E, n); return dot(V, dV) }
	loss()
	dE := make([]float64, n*F*K)
	a.ZeroGrad()
	x.Backward(dE, dV, E, n)
	gradCheck(t, loss, append(paramTensors(a), checked{"E", E, dE}))
}

// The soft threshold of eq (3) zeroes exactly the coordinates with
// |e| ≤ λ and shrinks the others by λ towards zero.
func TestSoftThresholdZeroesExactlyBelowLambda(t *testing.T) {
	const F, K, n = 5, 8, 3
	rng := rand.New(rand.NewPCG(7, 8))
	var a Arena[float64]
	s := NewSEST(&a, "sest", F, K, n, SESTOptions{ReductionRatio: 2, SEActivation: Sigmoid})
	a.Finalize(rng)
	randomizeParams(&a, rng, 1)
	E := randN(rng, n*F*K, 1)
	V := make([]float64, n*F*K)
	s.Forward(V, E, n)
	aW := s.Weight.A
	zeroed := 0
	for bi := 0; bi < n*F; bi++ {
		lam := s.lambda[bi]
		var z float64
		for k := 0; k < K; k++ {
			z += math.Abs(E[bi*K+k])
		}
		z /= K
		if math.Abs(s.z[bi]-z) > 1e-12 || !(lam > 0 && lam < z) {
			t.Fatalf("(b,f)=%d: z=%v (want %v), λ=%v: want 0 < λ < z", bi, s.z[bi], z, lam)
		}
		for k := 0; k < K; k++ {
			e := E[bi*K+k]
			eta := V[bi*K+k] - aW[bi]*e // V = η + a'e, eq (8)
			if math.Abs(e) <= lam {
				zeroed++
				if eta != 0 {
					t.Errorf("|e|=%v ≤ λ=%v but η=%v", math.Abs(e), lam, eta)
				}
			} else if want := math.Copysign(math.Abs(e)-lam, e); math.Abs(eta-want) > 1e-12 {
				t.Errorf("|e|=%v > λ=%v: η=%v, want %v", math.Abs(e), lam, eta, want)
			}
		}
	}
	if zeroed == 0 || zeroed == n*F*K {
		t.Errorf("%d of %d coordinates zeroed: the test needs both kinds", zeroed, n*F*K)
	}
}
