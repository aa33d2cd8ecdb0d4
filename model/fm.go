package model

// FM, the factorization machine's pairwise term (Rendle 2010; DeepCTR's FM
// layer), on pooled field embeddings V (B, F, K):
//
//	y = ½ Σ_k [(Σ_i v_ik)² − Σ_i v_ik²] = Σ_{i<j} ⟨v_i, v_j⟩     (B)
//
// FwBI with one domain and r = 0.5 equals it (paper eq 15).

// FM has no parameters; it keeps Σ_i v_i for Backward.
type FM[T Float] struct {
	F, K int
	sum  []T // (B, K)
}

// NewFM sizes FM's buffer.
func NewFM[T Float](F, K, maxBatch int) *FM[T] {
	return &FM[T]{F: F, K: K, sum: make([]T, maxBatch*K)}
}

// Forward sets y (n) from V (n, F, K).
func (x *FM[T]) Forward(y, V []T, n int) {
	F, K := x.F, x.K
	for b := 0; b < n; b++ {
		s := x.sum[b*K : b*K+K]
		clear(s)
		var sq T
		for f := 0; f < F; f++ {
			for k, v := range V[(b*F+f)*K : (b*F+f)*K+K] {
				s[k] += v
				sq += T(v * v)
			}
		}
		var ss T
		for _, v := range s {
			ss += T(v * v)
		}
		y[b] = (ss - sq) / 2
	}
}

// Backward adds dV += dy·(Σ_j v_j − v_i), the derivative of y in v_i.
func (x *FM[T]) Backward(dV, dy, V []T, n int) {
	F, K := x.F, x.K
	for b := 0; b < n; b++ {
		g := dy[b]
		s := x.sum[b*K : b*K+K]
		for f := 0; f < F; f++ {
			o := (b*F + f) * K
			for k := 0; k < K; k++ {
				dV[o+k] += T(g * (s[k] - V[o+k]))
			}
		}
	}
}
