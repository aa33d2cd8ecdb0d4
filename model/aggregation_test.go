package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestAggregationGradientsAndReference(t *testing.T) {
	const Dx, Dy, n = 6, 4, 3
	for _, heads := range []int{1, 2} {
		t.Run(name("heads=%d", heads), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(83, 84))
			var a Arena[float64]
			g := NewAggregation(&a, "agg", Dx, Dy, heads)
			a.Finalize(rng)
			randomizeParams(&a, rng, 0.7)
			x, y, dOut := randN(rng, n*Dx, 1), randN(rng, n*Dy, 1), randN(rng, n, 1)
			out := make([]float64, n)
			loss := func() float64 { g.Forward(out, x, y, n); return dot(out, dOut) }
			loss()
			a.ZeroGrad()
			dx, dy := make([]float64, n*Dx), make([]float64, n*Dy)
			g.Backward(dx, dy, dOut, x, y, n)
			gradCheck(t, loss, append(paramTensors(&a), checked{"x", x, dx}, checked{"y", y, dy}))
			// The bilinear term by its definition: Σ_j Σ_{i,l} x_{j,i} W_{j,i,l} y_{j,l}.
			hx, hy := Dx/heads, Dy/heads
			loss() // gradCheck's last call left a coordinate perturbed
			for b := 0; b < n; b++ {
				want := g.B.Value[0] + dot(x[b*Dx:(b+1)*Dx], g.Wx.Value) + dot(y[b*Dy:(b+1)*Dy], g.Wy.Value)
				for j := 0; j < heads; j++ {
					for i := 0; i < hx; i++ {
						for l := 0; l < hy; l++ {
							want += x[b*Dx+j*hx+i] * g.Wxy.Value[(j*hx+i)*hy+l] * y[b*Dy+j*hy+l]
						}
					}
				}
				if math.Abs(out[b]-want) > 1e-12 {
					t.Errorf("sample %d: %v, want %v", b, out[b], want)
				}
			}
		})
	}
}
