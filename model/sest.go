package model

import "math"

// SEST, the squeeze-excitation and soft-threshold layer (paper §3.3, Figure
// 2, eq 1–8). Two parallel branches over E = [e_1..e_F], e_i ∈ R^K:
//
//	threshold:  z_i = mean_t |e_i,t|                    eq (1)
//	            a = sigmoid(W4 · ReLU(W3 · z))          eq (2), weights W3, W4 of eq (10)
//	            λ_i = z_i · a_i                          eq (4)
//	            η_i = sgn(e_i) ⊙ max(|e_i| − λ_i, 0)     eq (3)
//	SE weight:  z'_i = mean_t e_i,t                      eq (5)
//	            a' = σ2(W2 · ReLU(W1 · z'))              eq (6), weights W1, W2 of eq (9)
//	            m_i = a'_i · e_i                         eq (7)
//	output:     v_i = η_i + m_i                          eq (8)
//
// The threshold branch's σ2 is a sigmoid, so 0 < λ_i < z_i as in deep
// residual shrinkage networks (docs/design.md); the SE branch's σ2 is a switch
// (ReLU as FiBiNET/DeepCTR, sigmoid as the original SENET).
//
// That is the per-field reading (one a_i and a'_i per field, 4·F·R
// parameters). The paper's eq (7) gives a_i ∈ R^K and §3.3.4 counts 4fk
// parameters: the per-coordinate reading, a switch (sest_coordinate.go).

// SEST holds both branches and what Backward needs from Forward.
type SEST[T Float] struct {
	F, K      int
	Threshold *Excitation[T] // eq (2): a
	Weight    *Excitation[T] // eq (6): a'
	// PerCoordinate: a, a' and λ per coordinate (B, F·K) instead of per
	// field (B, F); sest_coordinate.go.
	PerCoordinate bool

	z      []T // (B, F) eq (1); per coordinate: λ's per-field scale
	zMean  []T // (B, F) eq (5); per coordinate: (B, F·K), z' = e
	lambda []T // (B, F) eq (4); per coordinate (B, F·K)
	dz     []T // (B, F) scratch; per coordinate (B, F·K)
	dzMean []T // (B, F) scratch; per coordinate (B, F·K)
	da     []T // (B, F) scratch; per coordinate (B, F·K)
	daW    []T // (B, F) scratch; per coordinate (B, F·K)
	zAbs   []T // per coordinate only: (B, F·K) squeeze |e| of eq (1)
	ds     []T // per coordinate only: (B, F) scratch
}

// SESTOptions are SEST's switches.
type SESTOptions struct {
	ReductionRatio int        // r, 3 (docs/design.md)
	SEActivation   Activation // σ2 of eq (6)
	Bias           bool       // biases in the excitation layers (not in the paper)
	SqueezeNorm    bool       // RMS-normalised squeeze (not in the paper)
	PerCoordinate  bool       // a_i ∈ R^K (eq 7, §3.3.4) instead of one a_i per field
}

// NewSEST declares both branches' excitation layers under the given name.
func NewSEST[T Float](a *Arena[T], name string, F, K, maxBatch int, o SESTOptions) *SEST[T] {
	s := &SEST[T]{F: F, K: K, PerCoordinate: o.PerCoordinate}
	width := F // the excitation layers' input and output width
	if o.PerCoordinate {
		width = F * K
	}
	s.Threshold = NewExcitation(a, name+".threshold", width, o.ReductionRatio, maxBatch, Sigmoid, o.Bias, o.SqueezeNorm)
	s.Weight = NewExcitation(a, name+".se", width, o.ReductionRatio, maxBatch, o.SEActivation, o.Bias, o.SqueezeNorm)
	s.Threshold.Tiled, s.Weight.Tiled = o.PerCoordinate, o.PerCoordinate
	s.z = make([]T, maxBatch*F)
	for _, p := range []*[]T{&s.zMean, &s.lambda, &s.dz, &s.dzMean, &s.da, &s.daW} {
		*p = make([]T, maxBatch*width)
	}
	if o.PerCoordinate {
		s.zAbs, s.ds = make([]T, maxBatch*width), make([]T, maxBatch*F)
	}
	return s
}

// Forward sets V (B, F, K) from E (B, F, K).
func (s *SEST[T]) Forward(V, E []T, n int) {
	F, K := s.F, s.K
	mustLen("sest E", E, n*F*K)
	mustLen("sest V", V, n*F*K)
	if s.PerCoordinate {
		s.forwardPerCoordinate(V, E, n)
		return
	}
	invK := 1 / T(K)
	nF := n * F
	bi := 0
	for ; bi+2 <= nF; bi += 2 { // two fields at once: four sums in flight, each in order
		e0, e1 := E[bi*K:bi*K+K], E[(bi+1)*K : (bi+1)*K+K][:K]
		var sa0, sm0, sa1, sm1 T
		for t, x := range e0 {
			y := e1[t]
			sa0, sm0 = sa0+absNoBranch(x), sm0+x
			sa1, sm1 = sa1+absNoBranch(y), sm1+y
		}
		s.z[bi], s.z[bi+1] = sa0*invK, sa1*invK         // eq (1)
		s.zMean[bi], s.zMean[bi+1] = sm0*invK, sm1*invK // eq (5)
	}
	for ; bi < nF; bi++ {
		var sa, sm T
		for _, x := range E[bi*K : bi*K+K] {
			sa, sm = sa+absNoBranch(x), sm+x
		}
		s.z[bi], s.zMean[bi] = sa*invK, sm*invK // eq (1), (5)
	}
	a := s.Threshold.Forward(s.z, n)   // eq (2)
	aW := s.Weight.Forward(s.zMean, n) // eq (6)
	for bi := range nF {
		s.lambda[bi] = T(s.z[bi] * a[bi]) // eq (4)
	}
	if vk := vectorFor[T](K); vk != nil {
		vk.softThresholdAdd(float32s(V[:nF*K]), float32s(E[:nF*K]), float32s(s.lambda[:nF]), float32s(aW[:nF]))
		return
	}
	for bi := range nF {
		lam, w := s.lambda[bi], aW[bi]
		e := E[bi*K : bi*K+K]
		v := V[bi*K : bi*K+K]
		for t, x := range e {
			v[t] = softThreshold(x, lam) + T(w*x) // eq (8) = η + m, m from eq (7)
		}
	}
}

// absNoBranch is |x| without a branch (the signs of embeddings fall at
// random, which a branch predicts badly): the same number as abs, up to
// the sign of a zero, which a sum of absolute values starting at +0
// absorbs.
func absNoBranch[T Float](x T) T { return T(math.Abs(float64(x))) }

// Backward adds into dE (B, F, K) and the excitation gradients, given dV.
func (s *SEST[T]) Backward(dE, dV, E []T, n int) {
	if s.PerCoordinate {
		s.backwardPerCoordinate(dE, dV, E, n)
		return
	}
	F, K := s.F, s.K
	a, aW := s.Threshold.A, s.Weight.A
	for bi := 0; bi < n*F; bi++ {
		lam, w := s.lambda[bi], aW[bi]
		e := E[bi*K : bi*K+K]
		dv := dV[bi*K : bi*K+K]
		de := dE[bi*K : bi*K+K]
		var dLam, dW T
		for t, x := range e {
			g := dv[t]
			de[t] += T(w * g) // through m = a'·e
			dW += T(g * x)    // ∂m/∂a' = e
			if x > lam {      // η = e − λ: ∂η/∂e = 1, ∂η/∂λ = −1
				de[t] += g
				dLam -= g
			} else if x < -lam { // η = e + λ
				de[t] += g
				dLam += g
			}
		}
		s.daW[bi] = dW
		s.da[bi] = dLam * s.z[bi] // λ = z·a
		s.dz[bi] = dLam * a[bi]
	}
	clear(s.dzMean[:n*F])
	s.Threshold.Backward(s.dz, s.da, n)   // adds ∂a/∂z into dz
	s.Weight.Backward(s.dzMean, s.daW, n) // adds ∂a'/∂z' into dzMean
	invK := 1 / T(K)
	for bi := 0; bi < n*F; bi++ {
		gz, gm := T(s.dz[bi]*invK), T(s.dzMean[bi]*invK)
		e := E[bi*K : bi*K+K]
		de := dE[bi*K : bi*K+K]
		for t, x := range e {
			de[t] += T(gz*sign(x)) + gm // eq (1): ∂z/∂e = sgn(e)/K; eq (5): ∂z'/∂e = 1/K
		}
	}
}

// softThreshold is η of eq (3) for one coordinate: sgn(x)·max(|x| − λ, 0).
func softThreshold[T Float](x, lambda T) T {
	if x > lambda {
		return x - lambda
	} else if x < -lambda {
		return x + lambda
	}
	return 0
}

// Width is the number of a (and a') values per sample: F per field, F·K
// per coordinate.
func (s *SEST[T]) Width() int { return s.Threshold.F }

// Lambda returns λ (B, Width) of the last Forward.
func (s *SEST[T]) Lambda() []T { return s.lambda }

// Z returns z (B, F) of eq (1) from the last Forward: mean |e_i| per field
// (per coordinate, the scale of λ).
func (s *SEST[T]) Z() []T { return s.z }
