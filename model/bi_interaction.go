package model

// Bi-interaction pooling, NFM's layer (He & Chua 2017; DeepCTR's
// BiInteractionPooling): the FM interaction kept as a K-vector,
//
//	y = ½ [(Σ_i v_i)² − Σ_i v_i²] ∈ R^K     (B, K)
//
// NFM feeds it to a DNN.

// BiInteraction has no parameters; it keeps Σ_i v_i for Backward.
type BiInteraction[T Float] struct {
	F, K int
	sum  []T // (B, K)
}

// NewBiInteraction sizes the buffer.
func NewBiInteraction[T Float](F, K, maxBatch int) *BiInteraction[T] {
	return &BiInteraction[T]{F: F, K: K, sum: make([]T, maxBatch*K)}
}

// Forward sets y (n, K) from V (n, F, K).
func (x *BiInteraction[T]) Forward(y, V []T, n int) {
	F, K := x.F, x.K
	for b := 0; b < n; b++ {
		s := x.sum[b*K : b*K+K]
		yb := y[b*K : b*K+K]
		clear(s)
		clear(yb)
		for f := 0; f < F; f++ {
			for k, v := range V[(b*F+f)*K : (b*F+f)*K+K] {
				s[k] += v
				yb[k] -= T(v * v)
			}
		}
		for k, v := range s {
			yb[k] = (yb[k] + T(v*v)) / 2
		}
	}
}

// Backward adds dV += dy ⊙ (Σ_j v_j − v_i).
func (x *BiInteraction[T]) Backward(dV, dy, V []T, n int) {
	F, K := x.F, x.K
	for b := 0; b < n; b++ {
		s, g := x.sum[b*K:b*K+K], dy[b*K:b*K+K]
		for f := 0; f < F; f++ {
			o := (b*F + f) * K
			for k := 0; k < K; k++ {
				dV[o+k] += T(g[k] * (s[k] - V[o+k]))
			}
		}
	}
}
