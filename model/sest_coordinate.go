package model

// SEST per coordinate: the paper's eq (7) read literally, a_i ∈ R^K, and
// §3.3.4's 4fk parameters. Both squeezes keep every one of the F·K
// coordinates, and the excitation layers map F·K inputs to F·K weights
// through R = ⌊F·K/r⌋ hidden units:
//
//	threshold:  z_ij = |e_ij|                                eq (1), per coordinate
//	            a = sigmoid(W4 · ReLU(W3 · z)),  a ∈ R^{F·K}  eq (2)
//	            λ_ij = a_ij · s_i,  s_i = mean_t |e_it|       eq (4), scaled per field
//	            η_ij = sgn(e_ij) · max(|e_ij| − λ_ij, 0)      eq (3)
//	SE weight:  z'_ij = e_ij                                 eq (5), per coordinate
//	            a' = σ2(W2 · ReLU(W1 · z')),  a' ∈ R^{F·K}    eq (6)
//	            m_ij = a'_ij · e_ij                          eq (7)
//	output:     v_ij = η_ij + m_ij                           eq (8)
//
// λ is scaled by the field's mean magnitude s_i, as deep residual shrinkage
// networks scale each channel's threshold by that channel's mean |x|: with
// λ_ij = a_ij·|e_ij| the threshold would be below |e_ij| always and zero
// nothing (docs/sest.md).

// forwardPerCoordinate is Forward when PerCoordinate.
func (s *SEST[T]) forwardPerCoordinate(V, E []T, n int) {
	F, K := s.F, s.K
	invK := 1 / T(K)
	zAbs, zE := s.zAbs[:n*F*K], s.zMean[:n*F*K]
	for bi := 0; bi < n*F; bi++ {
		e := E[bi*K : bi*K+K]
		var sa T
		for t, x := range e {
			zAbs[bi*K+t] = abs(x) // eq (1), one coordinate
			zE[bi*K+t] = x        // eq (5), one coordinate
			sa += abs(x)
		}
		s.z[bi] = sa * invK // λ's per-field scale
	}
	a := s.Threshold.Forward(zAbs, n) // eq (2)
	aW := s.Weight.Forward(zE, n)     // eq (6)
	for bi := 0; bi < n*F; bi++ {
		scale := s.z[bi]
		e := E[bi*K : bi*K+K]
		v := V[bi*K : bi*K+K]
		for t, x := range e {
			j := bi*K + t
			lam := T(a[j] * scale) // eq (4)
			s.lambda[j] = lam
			var eta T // eq (3)
			if x > lam {
				eta = x - lam
			} else if x < -lam {
				eta = x + lam
			}
			v[t] = eta + T(aW[j]*x) // eq (8) = η + m, m from eq (7)
		}
	}
}

// backwardPerCoordinate is Backward when PerCoordinate.
func (s *SEST[T]) backwardPerCoordinate(dE, dV, E []T, n int) {
	F, K := s.F, s.K
	a, aW := s.Threshold.A, s.Weight.A
	for bi := 0; bi < n*F; bi++ {
		scale := s.z[bi]
		e := E[bi*K : bi*K+K]
		dv := dV[bi*K : bi*K+K]
		de := dE[bi*K : bi*K+K]
		var dScale T
		for t, x := range e {
			j := bi*K + t
			g, lam := dv[t], s.lambda[j]
			de[t] += T(aW[j] * g) // through m = a'·e
			s.daW[j] = T(g * x)   // ∂m/∂a' = e
			var dLam T
			if x > lam { // η = e − λ: ∂η/∂e = 1, ∂η/∂λ = −1
				de[t] += g
				dLam = -g
			} else if x < -lam { // η = e + λ
				de[t] += g
				dLam = g
			}
			s.da[j] = T(dLam * scale) // λ = a·s
			dScale += T(dLam * a[j])
		}
		s.ds[bi] = dScale
	}
	dzAbs, dzE := s.dz[:n*F*K], s.dzMean[:n*F*K]
	clear(dzAbs)
	clear(dzE)
	s.Threshold.Backward(dzAbs, s.da, n) // adds ∂a/∂z into dz
	s.Weight.Backward(dzE, s.daW, n)     // adds ∂a'/∂z' into dz'
	invK := 1 / T(K)
	for bi := 0; bi < n*F; bi++ {
		gs := T(s.ds[bi] * invK)
		e := E[bi*K : bi*K+K]
		de := dE[bi*K : bi*K+K]
		for t, x := range e {
			j := bi*K + t
			// eq (1): ∂|e|/∂e = sgn(e), and ∂s/∂e = sgn(e)/K; eq (5): ∂z'/∂e = 1
			de[t] += T((dzAbs[j]+gs)*sign(x)) + dzE[j]
		}
	}
}
