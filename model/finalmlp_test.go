package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestFeatureGateGradients(t *testing.T) {
	const in, H, D, n = 4, 3, 5, 3
	rng := rand.New(rand.NewPCG(81, 82))
	var a Arena[float64]
	g := NewFeatureGate(&a, "gate", in, H, D, n)
	a.Finalize(rng)
	randomizeParams(&a, rng, 0.7)
	x, ctx, dy := randN(rng, n*D, 1), randN(rng, n*in, 1), randN(rng, n*D, 1)
	y := make([]float64, n*D)
	loss := func() float64 { g.Forward(y, x, ctx, n); return dot(y, dy) }
	loss()
	a.ZeroGrad()
	dx, dctx := make([]float64, n*D), make([]float64, n*in)
	g.Backward(dx, dctx, dy, x, ctx, n)
	gradCheck(t, loss, append(paramTensors(&a), checked{"x", x, dx}, checked{"ctx", ctx, dctx}))
}

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

func TestFinalMLPGradients(t *testing.T) {
	const F, K, n = 4, 2, 3
	rng := rand.New(rand.NewPCG(85, 86))
	var a Arena[float64]
	m := NewFinalMLP(&a, "finalmlp", F, K, [2][]int{{0, 1}, {2, 3}}, []int{4, 4}, ReLU, 0.3, 2, n)
	a.Finalize(rng)
	randomizeParams(&a, rng, 0.7)
	x, dOut := randN(rng, n*F*K, 1), randN(rng, n, 1)
	out := make([]float64, n)
	drop := rand.NewPCG(5, 6)
	loss := func() float64 {
		drop.Seed(5, 6)
		m.Forward(out, x, n, true, rand.New(drop))
		return dot(out, dOut)
	}
	loss()
	a.ZeroGrad()
	dx := make([]float64, n*F*K)
	m.Backward(dx, dOut, n)
	gradCheck(t, loss, append(paramTensors(&a), checked{"x", x, dx}))
}
