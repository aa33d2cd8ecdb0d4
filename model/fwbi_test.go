package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

// testSchema has F fields in the given domains (field f → domains[f]).
func testSchema(domains []int, vocab int) Schema {
	M := 0
	for _, d := range domains {
		M = max(M, d+1)
	}
	s := Schema{}
	for m := 0; m < M; m++ {
		s.Domains = append(s.Domains, name("d%d", m))
	}
	for f, d := range domains {
		s.Fields = append(s.Fields, Field{Name: name("f%d", f), Vocab: vocab, Domain: d})
	}
	return s
}

func TestFwBIGradients(t *testing.T) {
	const K, n = 4, 5
	for _, c := range []struct {
		name    string
		domains []int
		dice    float64
		bias    bool
	}{
		{"user/item", []int{0, 0, 0, 1, 1}, 0, true},
		{"three domains with DiceFactor", []int{0, 0, 1, 1, 2, 0}, 0.3, false},
		{"one domain", []int{0, 0, 0, 0}, 0, false},
		{"one per field", []int{0, 1, 2, 3}, 0.2, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(9, 10))
			s := testSchema(c.domains, 3)
			F := len(s.Fields)
			var a Arena[float64]
			x := NewFwBI(&a, "fwbi", s, K, n, c.dice, c.bias)
			a.Finalize(rng)
			randomizeParams(&a, rng, 0.8)
			X := randN(rng, n*F*K, 1)
			dh := randN(rng, n*K, 1)
			h := make([]float64, n*K)
			// The same DiceFactor masks on every evaluation.
			loss := func() float64 {
				x.Forward(h, X, n, true, rand.New(rand.NewPCG(1, 1)))
				return dot(h, dh)
			}
			loss()
			dX := make([]float64, n*F*K)
			a.ZeroGrad()
			x.Backward(dX, dh, X, n)
			gradCheck(t, loss, append(paramTensors(&a), checked{"X", X, dX}))
		})
	}
}

// fwbiEq12 is eq (12) + (13) as printed: square of the domain sum minus the
// sum of squares, weighted by r[m][m], plus r[i][j]-weighted cross-domain
// products.
func fwbiEq12(X []float64, dom []int, M, K int, r [][]float64) []float64 {
	F := len(dom)
	h := make([]float64, K)
	sum := make([][]float64, M)
	sq := make([][]float64, M)
	for m := range sum {
		sum[m], sq[m] = make([]float64, K), make([]float64, K)
	}
	for f := 0; f < F; f++ {
		for k := 0; k < K; k++ {
			v := X[f*K+k]
			sum[dom[f]][k] += v
			sq[dom[f]][k] += v * v
		}
	}
	for k := 0; k < K; k++ {
		for m := 0; m < M; m++ {
			h[k] += r[m][m] * (sum[m][k]*sum[m][k] - sq[m][k])
			for j := m + 1; j < M; j++ {
				h[k] += r[m][j] * sum[m][k] * sum[j][k]
			}
		}
	}
	return h
}

// FwBI's pairwise implementation equals eq (12)–(13) as printed.
func TestFwBIMatchesEquation12(t *testing.T) {
	const K = 5
	rng := rand.New(rand.NewPCG(11, 12))
	dom := []int{0, 0, 0, 0, 0, 1, 1, 1, 2, 2}
	s := testSchema(dom, 2)
	var a Arena[float64]
	x := NewFwBI(&a, "fwbi", s, K, 1, 0, false)
	a.Finalize(rng)
	randomizeParams(&a, rng, 1)
	X := randN(rng, len(dom)*K, 1)
	h := make([]float64, K)
	x.Forward(h, X, 1, false, nil)
	want := fwbiEq12(X, dom, 3, K, x.R())
	for k := range h {
		if math.Abs(h[k]-want[k]) > 1e-12 {
			t.Errorf("h[%d] = %v, eq (12)–(13) give %v", k, h[k], want[k])
		}
	}
}

// Eq (15): with one domain and r[m][m] = 0.5, Σ_k FwBI = FM.
func TestFwBIOneDomainIsFM(t *testing.T) {
	const F, K, n = 7, 6, 4
	rng := rand.New(rand.NewPCG(13, 14))
	s := testSchema(make([]int, F), 2)
	var a Arena[float64]
	x := NewFwBI(&a, "fwbi", s, K, n, 0, false)
	a.Finalize(rng) // FLEN init: r[m][m] = 0.5
	if x.RDiag.Value[0] != 0.5 {
		t.Fatalf("r[0][0] starts at %v, want 0.5 (FLEN)", x.RDiag.Value[0])
	}
	X := randN(rng, n*F*K, 1)
	h := make([]float64, n*K)
	x.Forward(h, X, n, false, nil)
	y := make([]float64, n)
	NewFM[float64](F, K, n).Forward(y, X, n)
	for b := 0; b < n; b++ {
		var s float64
		for k := 0; k < K; k++ {
			s += h[b*K+k]
		}
		if math.Abs(s-y[b]) > 1e-12*(1+math.Abs(y[b])) {
			t.Errorf("sample %d: Σ_k FwBI = %v, FM = %v", b, s, y[b])
		}
	}
}

// Eq (16): with one domain per field, Σ_k FwBI = FwFM with the same r.
func TestFwBIOneDomainPerFieldIsFwFM(t *testing.T) {
	const F, K, n = 6, 5, 4
	rng := rand.New(rand.NewPCG(15, 16))
	dom := make([]int, F)
	for f := range dom {
		dom[f] = f
	}
	s := testSchema(dom, 2)
	var a, b Arena[float64]
	x := NewFwBI(&a, "fwbi", s, K, n, 0, false)
	fw := NewFwFM(&b, "fwfm", F, K)
	a.Finalize(rng)
	b.Finalize(rng)
	randomizeParams(&a, rng, 1)
	copy(fw.R.Value, x.ROff.Value) // same pair order: (i, j), i < j, row by row
	X := randN(rng, n*F*K, 1)
	h := make([]float64, n*K)
	x.Forward(h, X, n, false, nil)
	y := make([]float64, n)
	fw.Forward(y, X, n)
	for i := 0; i < n; i++ {
		var s float64
		for k := 0; k < K; k++ {
			s += h[i*K+k]
		}
		if math.Abs(s-y[i]) > 1e-12*(1+math.Abs(y[i])) {
			t.Errorf("sample %d: Σ_k FwBI = %v, FwFM = %v", i, s, y[i])
		}
	}
}

// DiceFactor drops whole interactions: with rate p, about p of the masks
// are zero, the rest 1/(1−p); at inference nothing is dropped.
func TestDiceFactorMasks(t *testing.T) {
	const K, n, p = 2, 512, 0.25
	s := testSchema([]int{0, 0, 0, 1, 1}, 2)
	var a Arena[float64]
	x := NewFwBI(&a, "fwbi", s, K, n, p, false)
	a.Finalize(rand.New(rand.NewPCG(1, 2)))
	X := randN(rand.New(rand.NewPCG(3, 4)), n*5*K, 1)
	h := make([]float64, n*K)
	x.Forward(h, X, n, true, rand.New(rand.NewPCG(5, 6)))
	zeros := 0
	for _, m := range x.mask[:n*x.Interactions()] {
		switch {
		case m == 0:
			zeros++
		case math.Abs(m-1/(1-p)) > 1e-12:
			t.Fatalf("mask value %v, want 0 or %v", m, 1/(1-p))
		}
	}
	if frac := float64(zeros) / float64(n*x.Interactions()); math.Abs(frac-p) > 0.03 {
		t.Errorf("dropped share %.3f, want ≈ %v", frac, p)
	}
	x.Forward(h, X, n, false, nil)
	for _, m := range x.mask[:n*x.Interactions()] {
		if m != 1 {
			t.Fatal("inference dropped an interaction")
		}
	}
}
