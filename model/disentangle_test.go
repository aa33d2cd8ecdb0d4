package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestDisentangleGradients(t *testing.T) {
	const K, n = 4, 3
	for _, C := range []int{1, 2, 4} {
		t.Run(name("channels=%d", C), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(87, 88))
			s := testSchema([]int{0, 0, 0, 1, 1, 2}, 5)
			d := NewDisentangle[float64](s, K, C, n)
			F := len(s.Fields)
			X, dOut := randN(rng, n*F*K, 1), randN(rng, n*d.OutWidth(), 1)
			out := make([]float64, n*d.OutWidth())
			loss := func() float64 { d.Forward(out, X, n); return dot(out, dOut) }
			loss()
			dX := make([]float64, n*F*K)
			d.Backward(dX, dOut, X, n)
			gradCheck(t, loss, []checked{{"X", X, dX}})
		})
	}
}

// With one channel each neighbour's weight is 1, so z_u is the sum of the
// user domain's embeddings and a the dot product of the two sums.
func TestDisentangleOneChannelIsSumOfDomain(t *testing.T) {
	const K, n = 3, 2
	rng := rand.New(rand.NewPCG(89, 90))
	s := testSchema([]int{0, 0, 1, 1, 1}, 5)
	d := NewDisentangle[float64](s, K, 1, n)
	X := randN(rng, n*5*K, 1)
	out := make([]float64, n*d.OutWidth())
	d.Forward(out, X, n)
	for b := 0; b < n; b++ {
		var a float64
		for k := 0; k < K; k++ {
			u := X[b*5*K+k] + X[b*5*K+K+k]
			i := X[b*5*K+2*K+k] + X[b*5*K+3*K+k] + X[b*5*K+4*K+k]
			a += u * i
			if math.Abs(out[b*d.OutWidth()+k]-u) > 1e-12 || math.Abs(out[b*d.OutWidth()+K+k]-i) > 1e-12 {
				t.Fatalf("sample %d coordinate %d: z = %v, %v, want %v, %v", b, k, out[b*d.OutWidth()+k], out[b*d.OutWidth()+K+k], u, i)
			}
		}
		if got := out[b*d.OutWidth()+2*K]; math.Abs(got-a) > 1e-12 {
			t.Errorf("sample %d: affinity %v, want %v", b, got, a)
		}
	}
}
