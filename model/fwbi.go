package model

import "math/rand/v2"

// FwBI, the field-weighted bi-interaction layer (paper §3.4, eq 12–14; FLEN).
// Fields are grouped into M general domains; e_(m) = Σ_{n∈m} e_n.
//
//	FM = Σ_m r[m][m] ((Σ_{n∈m} e_n)² − Σ_{n∈m} e_n²)     eq (12), within domains
//	   = Σ_m r[m][m] · 2 Σ_{a<b ∈ m} e_a ⊙ e_b
//	MF = Σ_{i<j} r[i][j] (e_(i) ⊙ e_(j))                 eq (13), across domains
//	h  = MF + FM (+ bias)  ∈ R^K                          eq (14) without the linear part
//
// The pairwise form of eq (12) lets DiceFactor (§3.4) drop single feature
// interactions: with rate p each product is kept with probability 1−p and
// scaled by 1/(1−p) during training, per sample (inverted dropout). FLEN
// initialises r[m][m] = 0.5 and r[i][j] = 1 (DeepCTR's FieldWiseBiInteraction
// has no extra ½), so with M = 1 FwBI starts as FM (eq 15); with M = F it is
// FwFM (eq 16). FLEN's two K-vector biases add up to one, kept as Bias.

type fieldPair struct{ a, b, m int } // fields a < b in domain m

// FwBI holds r and what Backward needs.
type FwBI[T Float] struct {
	F, K, M int
	Domain  []int     // field → domain
	RDiag   *Param[T] // r[m][m]   (M)
	ROff    *Param[T] // r[i][j], i < j, row by row   (M(M−1)/2)
	Bias    *Param[T] // (K) or nil
	Dice    float64   // DiceFactor rate p

	within []fieldPair
	across [][2]int      // domain pairs i < j
	sum    []T           // (B, M, K) e_(m)
	mask   []T           // (B, P) DiceFactor scale per interaction, P = len(within)+len(across)
	dsum   []T           // (B, M, K) scratch
	terms  []productTerm // one sample's products, for the vector kernels
}

// NewFwBI declares r for the schema's domains.
func NewFwBI[T Float](a *Arena[T], name string, s Schema, K, maxBatch int, dice float64, bias bool) *FwBI[T] {
	F, M := len(s.Fields), len(s.Domains)
	x := &FwBI[T]{F: F, K: K, M: M, Dice: dice}
	for _, f := range s.Fields {
		x.Domain = append(x.Domain, f.Domain)
	}
	for i := 0; i < F; i++ {
		for j := i + 1; j < F; j++ {
			if x.Domain[i] == x.Domain[j] {
				x.within = append(x.within, fieldPair{i, j, x.Domain[i]})
			}
		}
	}
	for i := 0; i < M; i++ {
		for j := i + 1; j < M; j++ {
			x.across = append(x.across, [2]int{i, j})
		}
	}
	x.RDiag = a.Declare(name+".r_diag", Init{Kind: InitConst, Value: 0.5}, M)
	if len(x.across) > 0 {
		x.ROff = a.Declare(name+".r_off", Init{Kind: InitConst, Value: 1}, len(x.across))
	}
	if bias {
		x.Bias = a.Declare(name+".bias", Init{Kind: InitZeros}, K)
	}
	x.sum = make([]T, maxBatch*M*K)
	x.dsum = make([]T, maxBatch*M*K)
	x.mask = make([]T, maxBatch*(len(x.within)+len(x.across)))
	x.terms = make([]productTerm, 0, max(len(x.within), len(x.across)))
	return x
}

// Interactions is P, the number of products DiceFactor can drop.
func (x *FwBI[T]) Interactions() int { return len(x.within) + len(x.across) }

// R returns r as a dense M×M matrix (upper triangle and diagonal; the lower
// triangle is zero), for inspection.
func (x *FwBI[T]) R() [][]float64 {
	r := make([][]float64, x.M)
	for i := range r {
		r[i] = make([]float64, x.M)
		r[i][i] = float64(x.RDiag.Value[i])
	}
	for q, p := range x.across {
		r[p[0]][p[1]] = float64(x.ROff.Value[q])
	}
	return r
}

// Forward sets h (B, K) from X (B, F, K). In training, rng draws the
// DiceFactor masks.
func (x *FwBI[T]) Forward(h, X []T, n int, train bool, rng *rand.Rand) {
	F, K, M := x.F, x.K, x.M
	mustLen("fwbi X", X, n*F*K)
	mustLen("fwbi h", h, n*K)
	P := x.Interactions()
	mask := x.mask[:n*P]
	if train && x.Dice > 0 {
		keep, scale := 1-x.Dice, T(1/(1-x.Dice))
		for i := range mask {
			mask[i] = 0
			if rng.Float64() < keep {
				mask[i] = scale
			}
		}
	} else {
		for i := range mask {
			mask[i] = 1
		}
	}
	sum := x.sum[:n*M*K]
	clear(sum)
	vk := vectorFor[T](K)
	for b := 0; b < n; b++ {
		if vk != nil {
			vk.addRows(float32s(sum[b*M*K:(b+1)*M*K]), float32s(X[b*F*K:(b+1)*F*K]), x.Domain)
			continue
		}
		for f := 0; f < F; f++ {
			src := X[(b*F+f)*K : (b*F+f)*K+K]
			dst := sum[(b*M+x.Domain[f])*K : (b*M+x.Domain[f])*K+K]
			for t, v := range src {
				dst[t] += v // e_(m) = Σ_{n∈m} e_n
			}
		}
	}
	for b := 0; b < n; b++ {
		hb := h[b*K : b*K+K]
		if x.Bias != nil {
			copy(hb, x.Bias.Value)
		} else {
			clear(hb)
		}
	}
	if vk != nil {
		x.forwardProducts(vk, h[:n*K], X[:n*F*K], sum, mask, n, train && x.Dice > 0)
		return
	}
	for b := 0; b < n; b++ {
		hb := h[b*K : b*K+K]
		mb := mask[b*P : b*P+P]
		for p, pr := range x.within { // eq (12)
			w := 2 * x.RDiag.Value[pr.m] * mb[p]
			if w == 0 {
				continue
			}
			ea := X[(b*F+pr.a)*K : (b*F+pr.a)*K+K]
			eb := X[(b*F+pr.b)*K : (b*F+pr.b)*K+K]
			for t, v := range ea {
				hb[t] += T(w * v * eb[t])
			}
		}
		for q, pr := range x.across { // eq (13)
			w := x.ROff.Value[q] * mb[len(x.within)+q]
			if w == 0 {
				continue
			}
			ei := sum[(b*M+pr[0])*K : (b*M+pr[0])*K+K]
			ej := sum[(b*M+pr[1])*K : (b*M+pr[1])*K+K]
			for t, v := range ei {
				hb[t] += T(w * v * ej[t])
			}
		}
	}
}

// forwardProducts is Forward's sum of products on vectors: for each
// sample, the terms with a nonzero weight in the scalar loop's order
// (within domains from X, then across from sum), so h gets the same bits.
// Unless masked (DiceFactor in training), every sample has the same terms,
// listed once and added to all n rows by one call.
func (x *FwBI[T]) forwardProducts(v *vectorKernels, h, X, sum, mask []T, n int, masked bool) {
	F, K, M, P := x.F, x.K, x.M, x.Interactions()
	rows := n
	if masked {
		rows = 1
	}
	terms := x.terms[:0]
	for b := 0; b < n; b += rows {
		mb, hb := mask[b*P:b*P+P], float32s(h[b*K:(b+rows)*K])
		terms = terms[:0]
		for p, pr := range x.within { // eq (12)
			if w := 2 * x.RDiag.Value[pr.m] * mb[p]; w != 0 {
				terms = append(terms, productTerm{float32(w), pr.a * K, pr.b * K})
			}
		}
		v.addProducts(hb, float32s(X[b*F*K:(b+rows)*F*K]), terms, K, F*K)
		terms = terms[:0]
		for q, pr := range x.across { // eq (13)
			if w := x.ROff.Value[q] * mb[len(x.within)+q]; w != 0 {
				terms = append(terms, productTerm{float32(w), pr[0] * K, pr[1] * K})
			}
		}
		v.addProducts(hb, float32s(sum[b*M*K:(b+rows)*M*K]), terms, K, M*K)
	}
	x.terms = terms
}

// Backward adds into dX (B, F, K) and r's gradients, given dh (B, K).
func (x *FwBI[T]) Backward(dX, dh, X []T, n int) {
	F, K, M := x.F, x.K, x.M
	P := x.Interactions()
	dsum := x.dsum[:n*M*K]
	clear(dsum)
	for b := 0; b < n; b++ {
		g := dh[b*K : b*K+K]
		if x.Bias != nil {
			for t, v := range g {
				x.Bias.Grad[t] += v
			}
		}
		mb := x.mask[b*P : b*P+P]
		for p, pr := range x.within {
			if mb[p] == 0 {
				continue
			}
			r := x.RDiag.Value[pr.m]
			ea := X[(b*F+pr.a)*K : (b*F+pr.a)*K+K]
			eb := X[(b*F+pr.b)*K : (b*F+pr.b)*K+K]
			da := dX[(b*F+pr.a)*K : (b*F+pr.a)*K+K]
			db := dX[(b*F+pr.b)*K : (b*F+pr.b)*K+K]
			w := 2 * r * mb[p]
			var dr T
			for t, gt := range g {
				dr += T(gt * ea[t] * eb[t])
				da[t] += T(w * gt * eb[t])
				db[t] += T(w * gt * ea[t])
			}
			x.RDiag.Grad[pr.m] += T(2 * mb[p] * dr)
		}
		for q, pr := range x.across {
			s := mb[len(x.within)+q]
			if s == 0 {
				continue
			}
			w := x.ROff.Value[q] * s
			ei := x.sum[(b*M+pr[0])*K : (b*M+pr[0])*K+K]
			ej := x.sum[(b*M+pr[1])*K : (b*M+pr[1])*K+K]
			di := dsum[(b*M+pr[0])*K : (b*M+pr[0])*K+K]
			dj := dsum[(b*M+pr[1])*K : (b*M+pr[1])*K+K]
			var dr T
			for t, gt := range g {
				dr += T(gt * ei[t] * ej[t])
				di[t] += T(w * gt * ej[t])
				dj[t] += T(w * gt * ei[t])
			}
			x.ROff.Grad[q] += T(s * dr)
		}
	}
	for b := 0; b < n; b++ {
		for f := 0; f < F; f++ {
			src := dsum[(b*M+x.Domain[f])*K : (b*M+x.Domain[f])*K+K]
			dst := dX[(b*F+f)*K : (b*F+f)*K+K]
			for t, v := range src {
				dst[t] += v
			}
		}
	}
}

// pairWeight is the weight of the product e_i ⊙ e_j in h: 2·r[m][m] when
// fields i and j share domain m (eq 12's pairwise form), r[m_i][m_j] across
// domains (eq 13; the domain sums expand into field products).
func (x *FwBI[T]) pairWeight(i, j int) float64 {
	mi, mj := x.Domain[i], x.Domain[j]
	if mi == mj {
		return 2 * float64(x.RDiag.Value[mi])
	}
	if mi > mj {
		mi, mj = mj, mi
	}
	for q, p := range x.across {
		if p[0] == mi && p[1] == mj {
			return float64(x.ROff.Value[q])
		}
	}
	return 0
}
