package model

import "math"

// Regulation is EDCN's regulation module (Chen et al. 2021, §3.3): two
// field-wise gates, each a softmax over the F fields with temperature τ,
// give the cross network and the deep network each its own view of one
// input of F blocks of K:
//
//	g^c = softmax(θ^c / τ),  g^d = softmax(θ^d / τ)
//	x^c_{f,k} = g^c_f x_{f,k},  x^d_{f,k} = g^d_f x_{f,k}
//
// θ starts at ones (FuxiCTR), so every field starts at weight 1/F.
type Regulation[T Float] struct {
	F, K       int
	Tau        float64
	Cross      *Param[T] // θ^c (F)
	Deep       *Param[T] // θ^d (F)
	gc, gd     []T       // the gates (F), set by Forward
	sumC, sumD []T       // (F) Σ_{b,k} dy·x per field, Backward's scratch
}

// NewRegulation declares θ^c, θ^d for F fields of K coordinates.
func NewRegulation[T Float](a *Arena[T], name string, F, K int, tau float64) *Regulation[T] {
	return &Regulation[T]{
		F: F, K: K, Tau: tau,
		Cross: a.Declare(name+".cross", Init{Kind: InitConst, Value: 1}, F),
		Deep:  a.Declare(name+".deep", Init{Kind: InitConst, Value: 1}, F),
		gc:    make([]T, F), gd: make([]T, F), sumC: make([]T, F), sumD: make([]T, F),
	}
}

// softmaxScaled sets g = softmax(θ/τ).
func softmaxScaled[T Float](g, theta []T, tau float64) {
	mx := math.Inf(-1)
	for _, v := range theta {
		mx = math.Max(mx, float64(v)/tau)
	}
	var sum float64
	for f, v := range theta {
		e := exp(float64(v)/tau - mx)
		g[f] = T(e)
		sum += e
	}
	for f := range g {
		g[f] = T(float64(g[f]) / sum)
	}
}

// Forward sets xc and xd (n, F·K) from x (n, F·K).
func (r *Regulation[T]) Forward(xc, xd, x []T, n int) {
	softmaxScaled(r.gc, r.Cross.Value, r.Tau)
	softmaxScaled(r.gd, r.Deep.Value, r.Tau)
	FK := r.F * r.K
	for b := 0; b < n; b++ {
		for f := 0; f < r.F; f++ {
			o := b*FK + f*r.K
			gc, gd := r.gc[f], r.gd[f]
			for k := o; k < o+r.K; k++ {
				xc[k] = T(gc * x[k])
				xd[k] = T(gd * x[k])
			}
		}
	}
}

// Backward adds into dx (n, F·K) and θ's gradients, given dxc and dxd.
func (r *Regulation[T]) Backward(dx, dxc, dxd, x []T, n int) {
	FK := r.F * r.K
	clear(r.sumC)
	clear(r.sumD)
	for b := 0; b < n; b++ {
		for f := 0; f < r.F; f++ {
			o := b*FK + f*r.K
			gc, gd := r.gc[f], r.gd[f]
			var sc, sd T
			for k := o; k < o+r.K; k++ {
				sc += T(dxc[k] * x[k])
				sd += T(dxd[k] * x[k])
				dx[k] += T(gc*dxc[k]) + T(gd*dxd[k])
			}
			r.sumC[f] += sc
			r.sumD[f] += sd
		}
	}
	softmaxBackward(r.Cross.Grad, r.gc, r.sumC, r.Tau)
	softmaxBackward(r.Deep.Grad, r.gd, r.sumD, r.Tau)
}

// softmaxBackward adds ∂L/∂θ into dTheta for g = softmax(θ/τ), given
// dg = ∂L/∂g: dθ_f = g_f (dg_f − Σ_j g_j dg_j) / τ.
func softmaxBackward[T Float](dTheta, g, dg []T, tau float64) {
	var mean T
	for f, v := range g {
		mean += T(v * dg[f])
	}
	for f, v := range g {
		dTheta[f] += T(float64(T(v*(dg[f]-mean))) / tau)
	}
}
