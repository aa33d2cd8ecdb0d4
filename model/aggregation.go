package model

import "math"

// Aggregation is FinalMLP's multi-head bilinear fusion of its two streams'
// outputs x ∈ R^{Dx}, y ∈ R^{Dy} (Mao et al. 2023, §3.3, eq 5–6): both are
// cut into h heads x_j, y_j and
//
//	logit = w_xᵀx + w_yᵀy + b + Σ_j x_jᵀ W_j y_j
//
// so the heads' bilinear terms cost Dx·Dy/h parameters instead of Dx·Dy.
type Aggregation[T Float] struct {
	Dx, Dy, Heads int
	Wx, Wy, B     *Param[T] // (Dx), (Dy), (1)
	Wxy           *Param[T] // (h, Dx/h, Dy/h)
}

// NewAggregation declares the fusion; h must divide Dx and Dy (Config.Validate
// checks the MLP width).
func NewAggregation[T Float](a *Arena[T], name string, Dx, Dy, heads int) *Aggregation[T] {
	dx, dy := Dx/heads, Dy/heads
	return &Aggregation[T]{
		Dx: Dx, Dy: Dy, Heads: heads,
		Wx: a.Declare(name+".wx", Init{Kind: InitGlorotNormal, FanIn: Dx, FanOut: 1}, Dx),
		Wy: a.Declare(name+".wy", Init{Kind: InitGlorotNormal, FanIn: Dy, FanOut: 1}, Dy),
		B:  a.Declare(name+".b", Init{Kind: InitZeros}, 1),
		// xavier_normal over the (h·dx·dy, 1) matrix FuxiCTR declares.
		Wxy: a.Declare(name+".wxy", Init{Kind: InitNormal, Std: math.Sqrt(2 / float64(heads*dx*dy+1))}, heads, dx, dy),
	}
}

// Forward sets out (n) from x (n, Dx) and y (n, Dy).
func (g *Aggregation[T]) Forward(out, x, y []T, n int) {
	dx, dy := g.Dx/g.Heads, g.Dy/g.Heads
	for b := 0; b < n; b++ {
		xb, yb := x[b*g.Dx:(b+1)*g.Dx], y[b*g.Dy:(b+1)*g.Dy]
		s := g.B.Value[0]
		for i, v := range xb {
			s += T(v * g.Wx.Value[i])
		}
		for i, v := range yb {
			s += T(v * g.Wy.Value[i])
		}
		for h := 0; h < g.Heads; h++ {
			W := g.Wxy.Value[h*dx*dy : (h+1)*dx*dy]
			xh, yh := xb[h*dx:(h+1)*dx], yb[h*dy:(h+1)*dy]
			for i, xv := range xh {
				var r T // (W_h y_h)_i
				for j, yv := range yh {
					r += T(W[i*dy+j] * yv)
				}
				s += T(xv * r)
			}
		}
		out[b] = s
	}
}

// Backward adds into dx (n, Dx), dy (n, Dy) and the parameters' gradients,
// given dOut (n).
func (g *Aggregation[T]) Backward(dx, dy, dOut, x, y []T, n int) {
	hx, hy := g.Dx/g.Heads, g.Dy/g.Heads
	for b := 0; b < n; b++ {
		d := dOut[b]
		xb, yb := x[b*g.Dx:(b+1)*g.Dx], y[b*g.Dy:(b+1)*g.Dy]
		dxb, dyb := dx[b*g.Dx:(b+1)*g.Dx], dy[b*g.Dy:(b+1)*g.Dy]
		g.B.Grad[0] += d
		for i, v := range xb {
			g.Wx.Grad[i] += T(d * v)
			dxb[i] += T(d * g.Wx.Value[i])
		}
		for i, v := range yb {
			g.Wy.Grad[i] += T(d * v)
			dyb[i] += T(d * g.Wy.Value[i])
		}
		for h := 0; h < g.Heads; h++ {
			W := g.Wxy.Value[h*hx*hy : (h+1)*hx*hy]
			dW := g.Wxy.Grad[h*hx*hy : (h+1)*hx*hy]
			xh, yh := xb[h*hx:(h+1)*hx], yb[h*hy:(h+1)*hy]
			dxh, dyh := dxb[h*hx:(h+1)*hx], dyb[h*hy:(h+1)*hy]
			for i, xv := range xh {
				dxv := T(d * xv)
				var r T
				for j, yv := range yh {
					r += T(W[i*hy+j] * yv)
					dW[i*hy+j] += T(dxv * yv)
					dyh[j] += T(dxv * W[i*hy+j])
				}
				dxh[i] += T(d * r)
			}
		}
	}
}
