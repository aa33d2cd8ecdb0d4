package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

// y = x·Wᵀ + b element by element, and the backward against central
// differences, with and without bias.
func TestDense(t *testing.T) {
	const in, out, n = 5, 3, 4
	for _, bias := range []bool{true, false} {
		rng := rand.New(rand.NewPCG(23, 24))
		var a Arena[float64]
		d := NewDense(&a, "dense", in, out, bias)
		a.Finalize(rng)
		randomizeParams(&a, rng, 1)
		x, dy := randN(rng, n*in, 1), randN(rng, n*out, 1)
		y := make([]float64, n*out)
		d.Forward(y, x, n)
		for b := 0; b < n; b++ {
			for o := 0; o < out; o++ {
				var want float64
				if bias {
					want = d.B.Value[o]
				}
				for i := 0; i < in; i++ {
					want += x[b*in+i] * d.W.Value[o*in+i]
				}
				if math.Abs(y[b*out+o]-want) > 1e-12 {
					t.Fatalf("bias %v: y[%d,%d] = %v, want %v", bias, b, o, y[b*out+o], want)
				}
			}
		}
		loss := func() float64 { d.Forward(y, x, n); return dot(y, dy) }
		dx := make([]float64, n*in)
		a.ZeroGrad()
		d.Backward(dx, dy, x, n)
		gradCheck(t, loss, append(paramTensors(&a), checked{"x", x, dx}))
	}
}
