package model

import "fmt"

// Bilinear interaction, FiBiNET's layer (Huang et al. 2019; DeepCTR's
// BilinearInteraction): for every field pair i < j,
//
//	p_ij = (v_i · W) ⊙ v_j ∈ R^K        output (B, P·K), P = F(F−1)/2
//
// with W per pair ("interaction", the default), per field i ("each") or
// one for all ("all"); W is K×K, Glorot normal.

// Bilinear types.
const (
	BilinearInteraction = "interaction"
	BilinearEach        = "each"
	BilinearAll         = "all"
)

// Bilinear holds the W matrices.
type Bilinear[T Float] struct {
	F, K  int
	Type  string
	W     *Param[T] // (nW, K, K): row-major W[w][a][c], (v·W)_c = Σ_a v_a W[a][c]
	pairs [][2]int
	vw    []T // (B, P, K) v_i · W, kept for Backward
	dvw   []T // (K) scratch
}

// NewBilinear declares the W matrices for F fields.
func NewBilinear[T Float](a *Arena[T], name string, F, K, maxBatch int, typ string) (*Bilinear[T], error) {
	x := &Bilinear[T]{F: F, K: K, Type: typ}
	for i := 0; i < F; i++ {
		for j := i + 1; j < F; j++ {
			x.pairs = append(x.pairs, [2]int{i, j})
		}
	}
	n := 0
	switch typ {
	case BilinearInteraction:
		n = len(x.pairs)
	case BilinearEach:
		n = F
	case BilinearAll:
		n = 1
	default:
		return nil, errorf("bilinear_type", "%q is not interaction, each or all", typ)
	}
	x.W = a.Declare(name+".W", Init{Kind: InitGlorotNormal, FanIn: K, FanOut: K}, n, K, K)
	x.vw = make([]T, maxBatch*len(x.pairs)*K)
	x.dvw = make([]T, K)
	return x, nil
}

// Width is the output width P·K.
func (x *Bilinear[T]) Width() int { return len(x.pairs) * x.K }

// matrix is the index of pair p's K×K matrix in W: one per pair
// (interaction), one per field of the pair's first member (each), or one
// for all.
func (x *Bilinear[T]) matrix(p int) int {
	switch x.Type {
	case BilinearInteraction:
		return p
	case BilinearEach:
		return x.pairs[p][0]
	}
	return 0
}

func (x *Bilinear[T]) w(p int) []T {
	i, KK := x.matrix(p), x.K*x.K
	return x.W.Value[i*KK : (i+1)*KK]
}

func (x *Bilinear[T]) wGrad(p int) []T {
	i, KK := x.matrix(p), x.K*x.K
	return x.W.Grad[i*KK : (i+1)*KK]
}

// Forward sets y (n, P·K) from V (n, F, K).
func (x *Bilinear[T]) Forward(y, V []T, n int) {
	F, K, P := x.F, x.K, len(x.pairs)
	mustLen("bilinear y", y, n*P*K)
	for b := 0; b < n; b++ {
		for p, pr := range x.pairs {
			vi := V[(b*F+pr[0])*K : (b*F+pr[0])*K+K]
			vj := V[(b*F+pr[1])*K : (b*F+pr[1])*K+K]
			W := x.w(p)
			vw := x.vw[(b*P+p)*K : (b*P+p)*K+K]
			clear(vw)
			for a, va := range vi {
				row := W[a*K : a*K+K]
				for c, w := range row {
					vw[c] += T(va * w)
				}
			}
			out := y[(b*P+p)*K : (b*P+p)*K+K]
			for c := range out {
				out[c] = vw[c] * vj[c]
			}
		}
	}
}

// Backward adds into dV and dW, given dy (n, P·K).
func (x *Bilinear[T]) Backward(dV, dy, V []T, n int) {
	F, K, P := x.F, x.K, len(x.pairs)
	for b := 0; b < n; b++ {
		for p, pr := range x.pairs {
			vi := V[(b*F+pr[0])*K : (b*F+pr[0])*K+K]
			vj := V[(b*F+pr[1])*K : (b*F+pr[1])*K+K]
			dvi := dV[(b*F+pr[0])*K : (b*F+pr[0])*K+K]
			dvj := dV[(b*F+pr[1])*K : (b*F+pr[1])*K+K]
			g := dy[(b*P+p)*K : (b*P+p)*K+K]
			vw := x.vw[(b*P+p)*K : (b*P+p)*K+K]
			d := x.dvw
			for c := range d {
				d[c] = g[c] * vj[c] // ∂/∂(vW)_c
				dvj[c] += T(g[c] * vw[c])
			}
			W, dW := x.w(p), x.wGrad(p)
			for a, va := range vi {
				row, drow := W[a*K:a*K+K], dW[a*K:a*K+K]
				var s T
				for c, dc := range d {
					s += T(dc * row[c])
					drow[c] += T(va * dc)
				}
				dvi[a] += s
			}
		}
	}
}

func (x *Bilinear[T]) String() string {
	return fmt.Sprintf("bilinear(%s, %d pairs)", x.Type, len(x.pairs))
}
