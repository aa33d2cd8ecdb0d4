package model

// FwFM, the field-weighted factorization machine's pairwise term (Pan et al.
// 2018), on pooled field embeddings V (B, F, K):
//
//	y = Σ_{i<j} r_ij ⟨v_i, v_j⟩     (B)
//
// r is one weight per field pair, initialised truncated normal with σ 0.05
// (docs/design.md). FwBI with one domain per field equals it (paper eq 16).

// FwFM holds r and the field pairs.
type FwFM[T Float] struct {
	F, K  int
	R     *Param[T] // (F(F−1)/2), pairs (i, j) with i < j, row by row
	pairs [][2]int
}

// NewFwFM declares r.
func NewFwFM[T Float](a *Arena[T], name string, F, K int) *FwFM[T] {
	x := &FwFM[T]{F: F, K: K}
	for i := 0; i < F; i++ {
		for j := i + 1; j < F; j++ {
			x.pairs = append(x.pairs, [2]int{i, j})
		}
	}
	x.R = a.Declare(name+".r", Init{Kind: InitTruncNormal, Std: 0.05}, len(x.pairs))
	return x
}

// Forward sets y (n) from V (n, F, K).
func (x *FwFM[T]) Forward(y, V []T, n int) {
	F, K := x.F, x.K
	for b := 0; b < n; b++ {
		var s T
		for q, p := range x.pairs {
			vi := V[(b*F+p[0])*K : (b*F+p[0])*K+K]
			vj := V[(b*F+p[1])*K : (b*F+p[1])*K+K]
			var d T
			for k, v := range vi {
				d += T(v * vj[k])
			}
			s += T(x.R.Value[q] * d)
		}
		y[b] = s
	}
}

// Backward adds into dV and r's gradient, given dy (n).
func (x *FwFM[T]) Backward(dV, dy, V []T, n int) {
	F, K := x.F, x.K
	for b := 0; b < n; b++ {
		g := dy[b]
		for q, p := range x.pairs {
			o1, o2 := (b*F+p[0])*K, (b*F+p[1])*K
			r := x.R.Value[q]
			var d T
			for k := 0; k < K; k++ {
				vi, vj := V[o1+k], V[o2+k]
				d += T(vi * vj)
				dV[o1+k] += T(g * r * vj)
				dV[o2+k] += T(g * r * vi)
			}
			x.R.Grad[q] += T(g * d)
		}
	}
}
