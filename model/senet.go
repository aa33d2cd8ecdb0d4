package model

// SENET, FiBiNET's squeeze-excitation network (DeepCTR's SENETLayer):
//
//	z_i = mean_k e_i,k;  A = ReLU(W2 · ReLU(W1 · z));  v_i = a_i · e_i     (B, F, K)
//
// It is SEST's SE-weight branch alone (eq 5–7 with σ2 = ReLU, no biases):
// Table 4 compares the two.

// SENET reweights fields.
type SENET[T Float] struct {
	F, K   int
	Weight *Excitation[T]
	zMean  []T // (B, F)
	dz     []T // (B, F)
	da     []T // (B, F)
}

// NewSENET declares the excitation layers.
func NewSENET[T Float](a *Arena[T], name string, F, K, ratio, maxBatch int) *SENET[T] {
	return &SENET[T]{F: F, K: K, Weight: NewExcitation(a, name, F, ratio, maxBatch, ReLU, false, false),
		zMean: make([]T, maxBatch*F), dz: make([]T, maxBatch*F), da: make([]T, maxBatch*F)}
}

// Forward sets V (n, F, K) from E.
func (s *SENET[T]) Forward(V, E []T, n int) {
	K := s.K
	for bi := 0; bi < n*s.F; bi++ {
		var sum T
		for _, x := range E[bi*K : bi*K+K] {
			sum += x
		}
		s.zMean[bi] = sum / T(K)
	}
	a := s.Weight.Forward(s.zMean, n)
	for bi := 0; bi < n*s.F; bi++ {
		w := a[bi]
		for t, x := range E[bi*K : bi*K+K] {
			V[bi*K+t] = w * x
		}
	}
}

// Backward adds into dE, given dV.
func (s *SENET[T]) Backward(dE, dV, E []T, n int) {
	K := s.K
	a := s.Weight.A
	for bi := 0; bi < n*s.F; bi++ {
		var da T
		e, dv, de := E[bi*K:bi*K+K], dV[bi*K:bi*K+K], dE[bi*K:bi*K+K]
		for t, x := range e {
			da += T(dv[t] * x)
			de[t] += T(a[bi] * dv[t])
		}
		s.da[bi] = da
	}
	clear(s.dz[:n*s.F])
	s.Weight.Backward(s.dz, s.da, n)
	for bi := 0; bi < n*s.F; bi++ {
		g := s.dz[bi] / T(K)
		for t := range dE[bi*K : bi*K+K] {
			dE[bi*K+t] += g
		}
	}
}
