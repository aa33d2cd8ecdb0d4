package model

import (
	"math/rand/v2"
	"strconv"
)

// EDCN (Chen et al., "Enhancing Explicit and Implicit Feature Interactions
// via Information Sharing for Parallel Deep CTR Models", 2021): a cross
// network and a deep network side by side over the flat embeddings
// x = flat(E) ∈ R^D, D = F·K, exchanging information at every layer:
//
//	(c_0, d_0) = Regulation_0(x)                 §3.3
//	c_{l+1}   = Cross_l(c_0, c_l)                 §3.1 (DCN's cross layer)
//	d_{l+1}   = dropout(σ(W_l d_l + b_l))         a D → D dense layer
//	b_{l+1}   = c_{l+1} ⊙ d_{l+1}                 §3.2, the bridge (Hadamard product)
//	(c_{l+1}, d_{l+1}) = Regulation_{l+1}(b_{l+1}) before every layer but the first
//
// and the part's output is [c_L, d_L, b_L] (3D), which the fusion maps to
// a logit (FuxiCTR's final fc). The order is FuxiCTR's EDCN.
type EDCN[T Float] struct {
	D, Layers  int
	Regulation []*Regulation[T]
	Cross      []*Cross[T]
	Deep       []*MLP[T] // one D → D layer each
	// per layer l, (B, D): the cross and deep inputs and outputs and the
	// bridge, and their gradients.
	crossIn, deepIn, crossOut, deepOut, bridge      [][]T
	dCrossIn, dDeepIn, dCrossOut, dDeepOut, dBridge [][]T
	dX0                                             []T // (B, D) ∂L/∂c_0 over every cross layer
	x                                               []T // the last Forward's input
}

// NewEDCN declares the EDCN part for F fields of K coordinates.
func NewEDCN[T Float](a *Arena[T], name string, F, K, layers int, tau float64, act Activation, dropout float64, maxBatch int) *EDCN[T] {
	D := F * K
	e := &EDCN[T]{D: D, Layers: layers, dX0: make([]T, maxBatch*D)}
	buf := func() []T { return make([]T, maxBatch*D) }
	for l := 0; l < layers; l++ {
		sfx := strconv.Itoa(l)
		e.Regulation = append(e.Regulation, NewRegulation(a, name+".regulation"+sfx, F, K, tau))
		e.Cross = append(e.Cross, NewCross(a, name+".cross"+sfx, D, maxBatch))
		e.Deep = append(e.Deep, NewMLP(a, name+".deep"+sfx, D, []int{D}, act, dropout, maxBatch))
		e.crossIn, e.deepIn, e.crossOut = append(e.crossIn, buf()), append(e.deepIn, buf()), append(e.crossOut, buf())
		e.bridge = append(e.bridge, buf())
		e.dCrossIn, e.dDeepIn, e.dCrossOut = append(e.dCrossIn, buf()), append(e.dDeepIn, buf()), append(e.dCrossOut, buf())
		e.dDeepOut, e.dBridge = append(e.dDeepOut, buf()), append(e.dBridge, buf())
		e.deepOut = append(e.deepOut, nil) // aliases Deep[l]'s output
	}
	return e
}

// OutWidth is 3D: [c_L, d_L, b_L].
func (e *EDCN[T]) OutWidth() int { return 3 * e.D }

// Forward sets out (n, 3D) from x (n, D).
func (e *EDCN[T]) Forward(out, x []T, n int, train bool, rng *rand.Rand) {
	D, m := e.D, n*e.D
	e.x = x[:m]
	e.Regulation[0].Forward(e.crossIn[0][:m], e.deepIn[0][:m], e.x, n)
	c0 := e.crossIn[0][:m]
	for l := 0; l < e.Layers; l++ {
		if l > 0 {
			e.Regulation[l].Forward(e.crossIn[l][:m], e.deepIn[l][:m], e.bridge[l-1][:m], n)
		}
		e.Cross[l].Forward(e.crossOut[l][:m], c0, e.crossIn[l][:m], n)
		e.deepOut[l] = e.Deep[l].Forward(e.deepIn[l][:m], n, train, rng)
		br, co, do := e.bridge[l][:m], e.crossOut[l][:m], e.deepOut[l]
		for i := range br {
			br[i] = T(co[i] * do[i])
		}
	}
	L := e.Layers - 1
	for b := 0; b < n; b++ {
		o := out[b*3*D : (b+1)*3*D]
		copy(o[:D], e.crossOut[L][b*D:(b+1)*D])
		copy(o[D:2*D], e.deepOut[L][b*D:(b+1)*D])
		copy(o[2*D:], e.bridge[L][b*D:(b+1)*D])
	}
}

// Backward adds into dx (n, D) and the parameters' gradients, given dOut
// (n, 3D), for the input of the last Forward.
func (e *EDCN[T]) Backward(dx, dOut []T, n int) {
	D, m, L := e.D, n*e.D, e.Layers-1
	for l := 0; l < e.Layers; l++ {
		clear(e.dCrossOut[l][:m])
		clear(e.dDeepOut[l][:m])
		clear(e.dBridge[l][:m])
		clear(e.dCrossIn[l][:m])
		clear(e.dDeepIn[l][:m])
	}
	clear(e.dX0[:m])
	for b := 0; b < n; b++ {
		o := dOut[b*3*D : (b+1)*3*D]
		copy(e.dCrossOut[L][b*D:(b+1)*D], o[:D])
		copy(e.dDeepOut[L][b*D:(b+1)*D], o[D:2*D])
		copy(e.dBridge[L][b*D:(b+1)*D], o[2*D:])
	}
	c0 := e.crossIn[0][:m]
	for l := L; l >= 0; l-- {
		dbr, dco, ddo := e.dBridge[l][:m], e.dCrossOut[l][:m], e.dDeepOut[l][:m]
		co, do := e.crossOut[l][:m], e.deepOut[l]
		for i, g := range dbr { // the bridge b = c ⊙ d
			dco[i] += T(g * do[i])
			ddo[i] += T(g * co[i])
		}
		e.Deep[l].Backward(e.dDeepIn[l][:m], ddo, n)
		if l == 0 { // c_l is c_0: both gradients go to dX0
			e.Cross[l].Backward(e.dX0[:m], e.dX0[:m], dco, c0, c0, n)
			e.Regulation[0].Backward(dx[:m], e.dX0[:m], e.dDeepIn[0][:m], e.x, n)
			break
		}
		e.Cross[l].Backward(e.dX0[:m], e.dCrossIn[l][:m], dco, c0, e.crossIn[l][:m], n)
		e.Regulation[l].Backward(e.dBridge[l-1][:m], e.dCrossIn[l][:m], e.dDeepIn[l][:m], e.bridge[l-1][:m], n)
	}
}
