package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestCrossGradients(t *testing.T) {
	const D, n = 5, 3
	rng := rand.New(rand.NewPCG(71, 72))
	var a Arena[float64]
	c := NewCross(&a, "cross", D, n)
	a.Finalize(rng)
	randomizeParams(&a, rng, 0.5)
	x0, xl, dy := randN(rng, n*D, 1), randN(rng, n*D, 1), randN(rng, n*D, 1)
	y := make([]float64, n*D)
	loss := func() float64 { c.Forward(y, x0, xl, n); return dot(y, dy) }
	loss()
	a.ZeroGrad()
	dx0, dxl := make([]float64, n*D), make([]float64, n*D)
	c.Backward(dx0, dxl, dy, x0, xl, n)
	gradCheck(t, loss, append(paramTensors(&a), checked{"x0", x0, dx0}, checked{"xl", xl, dxl}))
	// x_{l+1} = x_0 (x_l·w) + b + x_l by hand, for sample 1, coordinate 2.
	var s float64
	for d := 0; d < D; d++ {
		s += xl[D+d] * c.W.Value[d]
	}
	c.Forward(y, x0, xl, n)
	if want := x0[D+2]*s + c.B.Value[2] + xl[D+2]; math.Abs(y[D+2]-want) > 1e-12 {
		t.Errorf("y = %v, want %v", y[D+2], want)
	}
}

func TestRegulationGradientsAndGates(t *testing.T) {
	const F, K, n = 4, 3, 3
	rng := rand.New(rand.NewPCG(73, 74))
	var a Arena[float64]
	r := NewRegulation(&a, "reg", F, K, 0.7)
	a.Finalize(rng)
	// At the initial θ = 1 every gate is 1/F.
	x := randN(rng, n*F*K, 1)
	xc, xd := make([]float64, n*F*K), make([]float64, n*F*K)
	r.Forward(xc, xd, x, n)
	for i := range x {
		if math.Abs(xc[i]-x[i]/F) > 1e-15 || math.Abs(xd[i]-x[i]/F) > 1e-15 {
			t.Fatalf("initial gates: x %v gives %v, %v, want x/F", x[i], xc[i], xd[i])
		}
	}
	randomizeParams(&a, rng, 1)
	dc, dd := randN(rng, n*F*K, 1), randN(rng, n*F*K, 1)
	loss := func() float64 { r.Forward(xc, xd, x, n); return dot(xc, dc) + dot(xd, dd) }
	loss()
	a.ZeroGrad()
	dx := make([]float64, n*F*K)
	r.Backward(dx, dc, dd, x, n)
	gradCheck(t, loss, append(paramTensors(&a), checked{"x", x, dx}))
}

func TestEDCNGradients(t *testing.T) {
	const F, K, n = 3, 2, 4
	for _, layers := range []int{1, 3} {
		t.Run(name("layers=%d", layers), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(75, 76))
			var a Arena[float64]
			e := NewEDCN(&a, "edcn", F, K, layers, 1, Tanh, 0.3, n)
			a.Finalize(rng)
			randomizeParams(&a, rng, 0.7)
			x := randN(rng, n*F*K, 1)
			dy := randN(rng, n*e.OutWidth(), 1)
			y := make([]float64, n*e.OutWidth())
			drop := rand.NewPCG(5, 6)
			loss := func() float64 {
				drop.Seed(5, 6) // the same dropout masks every time
				e.Forward(y, x, n, true, rand.New(drop))
				return dot(y, dy)
			}
			loss()
			a.ZeroGrad()
			dx := make([]float64, n*F*K)
			e.Backward(dx, append([]float64(nil), dy...), n)
			gradCheck(t, loss, append(paramTensors(&a), checked{"x", x, dx}))
		})
	}
}
