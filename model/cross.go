package model

// Cross is one layer of DCN's cross network as EDCN uses it (Wang et al.
// 2017, eq 3; EDCN, Chen et al. 2021, §3.1):
//
//	x_{l+1} = x_0 ⊙ (x_l · w) + b + x_l
//
// with w, b ∈ R^D: one scalar per sample scales x_0, so the layer raises the
// interaction order by one at 2D parameters.
type Cross[T Float] struct {
	D int
	W *Param[T] // (D), Glorot normal as a (D → 1) dense layer
	B *Param[T] // (D), zeros
	s []T       // (B) x_l · w per sample, saved for Backward
}

// NewCross declares w and b for width D and batches of up to maxBatch.
func NewCross[T Float](a *Arena[T], name string, D, maxBatch int) *Cross[T] {
	return &Cross[T]{
		D: D,
		W: a.Declare(name+".w", Init{Kind: InitGlorotNormal, FanIn: D, FanOut: 1}, D),
		B: a.Declare(name+".b", Init{Kind: InitZeros}, D),
		s: make([]T, maxBatch),
	}
}

// Forward sets y (n, D) from x0 and xl (n, D); y may not alias them.
func (c *Cross[T]) Forward(y, x0, xl []T, n int) {
	D, w, bias := c.D, c.W.Value, c.B.Value
	for b := 0; b < n; b++ {
		x0b, xlb, yb := x0[b*D:b*D+D], xl[b*D:b*D+D], y[b*D:b*D+D]
		var s T
		for d, v := range xlb {
			s += T(v * w[d])
		}
		c.s[b] = s
		for d := range yb {
			yb[d] = T(x0b[d]*s) + bias[d] + xlb[d]
		}
	}
}

// Backward adds into dx0 and dxl (n, D) and the parameters' gradients,
// given dy (n, D). dx0 and dxl may be the same slice (the first layer,
// where x_l is x_0).
func (c *Cross[T]) Backward(dx0, dxl, dy, x0, xl []T, n int) {
	D, w := c.D, c.W.Value
	dw, db := c.W.Grad, c.B.Grad
	for b := 0; b < n; b++ {
		x0b, xlb, dyb := x0[b*D:b*D+D], xl[b*D:b*D+D], dy[b*D:b*D+D]
		var ds T // ∂L/∂s = Σ_d dy_d x0_d
		for d, g := range dyb {
			ds += T(g * x0b[d])
			db[d] += g
		}
		s := c.s[b]
		dx0b, dxlb := dx0[b*D:b*D+D], dxl[b*D:b*D+D]
		for d, g := range dyb {
			dx0b[d] += T(g * s)
		}
		for d, g := range dyb {
			dxlb[d] += g + T(ds*w[d])
			dw[d] += T(ds * xlb[d])
		}
	}
}
