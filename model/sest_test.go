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
	s, E, V := sestForward(F, K, n, 7)
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

func TestSESTPerCoordinateGradients(t *testing.T) {
	const F, K, n = 4, 3, 4
	for _, o := range []SESTOptions{
		{ReductionRatio: 3, SEActivation: Sigmoid, PerCoordinate: true},
		{ReductionRatio: 3, SEActivation: ReLU, PerCoordinate: true},
		{ReductionRatio: 2, SEActivation: Sigmoid, Bias: true, SqueezeNorm: true, PerCoordinate: true},
	} {
		t.Run(name("%+v", o), func(t *testing.T) {
			var a Arena[float64]
			checkStreamTransform(t, &a, NewSEST(&a, "sest", F, K, n, o), rand.New(rand.NewPCG(13, 14)), F, K, n)
		})
	}
}

// Per coordinate the excitation layers read and write F·K values through
// ⌊F·K/r⌋ hidden units: 4·R·F·K parameters (§3.3.4), 21,504 for the
// quick preset's F = 8, K = 16, r = 3.
func TestSESTPerCoordinateParameterCount(t *testing.T) {
	var a Arena[float64]
	s := NewSEST(&a, "sest", 8, 16, 1, SESTOptions{ReductionRatio: 3, SEActivation: Sigmoid, PerCoordinate: true})
	count := 0
	for _, p := range a.Params {
		count += len(p.Value)
	}
	a.Finalize(rand.New(rand.NewPCG(1, 2)))
	count = 0
	for _, p := range a.Params {
		count += len(p.Value)
	}
	if s.Width() != 128 || s.Threshold.R != 42 || count != 21504 {
		t.Errorf("width %d, R %d, %d parameters: want 128, 42, 21504", s.Width(), s.Threshold.R, count)
	}
}

// Per coordinate, each coordinate has its own a_ij and a'_ij (eq 7),
// λ_ij = a_ij · mean_t |e_it| (eq 4 with the per-field scale), and the soft
// threshold zeroes exactly the coordinates with |e_ij| ≤ λ_ij — which
// happens, unlike with λ_ij = a_ij·|e_ij|.
func TestSESTPerCoordinateForward(t *testing.T) {
	const F, K, n = 5, 8, 3
	rng := rand.New(rand.NewPCG(11, 12))
	var a Arena[float64]
	s := NewSEST(&a, "sest", F, K, n, SESTOptions{ReductionRatio: 2, SEActivation: Sigmoid, PerCoordinate: true})
	a.Finalize(rng)
	randomizeParams(&a, rng, 1)
	E := randN(rng, n*F*K, 1)
	V := make([]float64, n*F*K)
	s.Forward(V, E, n)
	// The excitations, computed directly from the squeezes |E| and E.
	excite := func(x *Excitation[float64], z []float64, out Activation, b int) []float64 {
		W := x.Down.Value
		h := make([]float64, x.R)
		for r := range h {
			for c := 0; c < F*K; c++ {
				h[r] += W[r*F*K+c] * z[b*F*K+c]
			}
			h[r] = math.Max(h[r], 0)
		}
		A := make([]float64, F*K)
		for c := range A {
			for r, v := range h {
				A[c] += x.Up.Value[c*x.R+r] * v
			}
			if out == Sigmoid {
				A[c] = 1 / (1 + math.Exp(-A[c]))
			}
		}
		return A
	}
	absE := make([]float64, len(E))
	for i, e := range E {
		absE[i] = math.Abs(e)
	}
	zeroed, distinct := 0, false
	for b := 0; b < n; b++ {
		A := excite(s.Threshold, absE, Sigmoid, b)
		AW := excite(s.Weight, E, Sigmoid, b)
		for f := 0; f < F; f++ {
			var scale float64
			for k := 0; k < K; k++ {
				scale += math.Abs(E[(b*F+f)*K+k]) / K
			}
			for k := 0; k < K; k++ {
				j := (b*F+f)*K + k
				c := f*K + k
				if math.Abs(s.Threshold.A[j]-A[c]) > 1e-12 || math.Abs(s.Weight.A[j]-AW[c]) > 1e-12 {
					t.Fatalf("coordinate %d: a=%v a'=%v, direct %v %v", j, s.Threshold.A[j], s.Weight.A[j], A[c], AW[c])
				}
				if k > 0 && A[c] != A[c-1] {
					distinct = true
				}
				lam := A[c] * scale
				e := E[j]
				var eta float64
				if math.Abs(e) > lam {
					eta = math.Copysign(math.Abs(e)-lam, e)
				} else {
					zeroed++
				}
				if want := eta + AW[c]*e; math.Abs(V[j]-want) > 1e-12 {
					t.Errorf("coordinate %d: v=%v, want η+a'e=%v", j, V[j], want)
				}
			}
		}
	}
	if zeroed == 0 || zeroed == n*F*K || !distinct {
		t.Errorf("%d of %d coordinates zeroed, distinct a within a field %v: the test needs both kinds", zeroed, n*F*K, distinct)
	}
}

// SEST's forward pass, equation by equation, from slow references: z of
// eq (1) is mean |e| (the threshold's squeeze), z' of eq (5) is mean e
// (SENET's average pooling, not of |e|); a = Threshold(z) (eq 2),
// λ = a·z (eq 4), a' = Weight(z') (eq 6), and v = soft(e, λ) + a'·e
// (eq 3, 7, 8).
func TestSESTForwardIsTheEquations(t *testing.T) {
	const F, K, n = 4, 6, 3
	s, E, V := sestForward(F, K, n, 41)
	z, zMean := make([]float64, n*F), make([]float64, n*F)
	for bi := range z {
		for k := 0; k < K; k++ {
			z[bi] += math.Abs(E[bi*K+k]) / K
			zMean[bi] += E[bi*K+k] / K
		}
	}
	lambda := append([]float64(nil), s.Lambda()[:n*F]...)
	thr := append([]float64(nil), s.Threshold.Forward(z, n)[:n*F]...)
	se := append([]float64(nil), s.Weight.Forward(zMean, n)[:n*F]...)
	for bi := 0; bi < n*F; bi++ {
		if d := math.Abs(lambda[bi] - thr[bi]*z[bi]); d > 1e-12 {
			t.Fatalf("(b,f)=%d: λ = %v, a·z = %v", bi, lambda[bi], thr[bi]*z[bi])
		}
		for k := 0; k < K; k++ {
			e := E[bi*K+k]
			soft := math.Copysign(math.Max(math.Abs(e)-lambda[bi], 0), e)
			if want := soft + se[bi]*e; math.Abs(V[bi*K+k]-want) > 1e-12 {
				t.Fatalf("(b,f)=%d, k=%d: v = %v, soft(e, λ) + a'e = %v", bi, k, V[bi*K+k], want)
			}
		}
	}
}

// sestForward runs a per-field SEST with random weights (seeded) on a
// random E: the layer, E and V.
func sestForward(F, K, n int, seed uint64) (s *SEST[float64], E, V []float64) {
	rng := rand.New(rand.NewPCG(seed, seed+1))
	var a Arena[float64]
	s = NewSEST(&a, "sest", F, K, n, SESTOptions{ReductionRatio: 2, SEActivation: Sigmoid})
	a.Finalize(rng)
	randomizeParams(&a, rng, 1)
	E = randN(rng, n*F*K, 1)
	V = make([]float64, n*F*K)
	s.Forward(V, E, n)
	return s, E, V
}
