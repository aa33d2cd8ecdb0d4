//go:build goexperiment.simd && amd64

package model

// The element-by-element loops of the layers other than the dense products
// (FwBI, SEST, biases, ReLU, embeddings, L2, Adam) on archsimd.Float32x8
// vectors: each mirrors its scalar loop operation for operation, one element
// per lane, so it changes no bit. Like kernels_vector_x8_amd64.go, this file
// is the source of the other widths (gen_vector_kernels.go); edit it, then
// `go generate ./model`.

import "simd/archsimd"

// addProductsX8 is FwBI's sum of weighted products: h[t] += (w·a[t])·b[t]
// for each term in order, a and b rows of base, each product rounded (Mul,
// Mul, then Add), as fwbi.go's scalar loop adds them term by term. h holds
// rows of K values; row r's terms read base from r·stride.
func addProductsX8(h, base []float32, terms []productTerm, K, stride int) {
	for r := 0; r*K+K <= len(h); r++ {
		hr, br := h[r*K:r*K+K], base[r*stride:]
		c := 0
		for ; c+lanesX8 <= K; c += lanesX8 {
			addProducts1X8(hr[c:c+lanesX8], br[c:], terms)
		}
		if c < K {
			addProductsPartX8(hr[c:], br[c:], terms)
		}
	}
	clearUpperBits()
}

// addProducts1X8 is addProductsX8 on one vector of h.
//
//go:noinline
func addProducts1X8(h, base []float32, terms []productTerm) {
	acc := archsimd.LoadFloat32x8(h[:lanesX8])
	for _, t := range terms {
		a, b := archsimd.LoadFloat32x8(base[t.a:][:lanesX8]), archsimd.LoadFloat32x8(base[t.b:][:lanesX8])
		acc = acc.Add(archsimd.BroadcastFloat32x8(t.w).Mul(a).Mul(b))
	}
	acc.Store(h[:lanesX8])
}

// addProductsPartX8 is addProducts1X8 on part of a vector (h shorter than
// one: the lanes past it load zeros and are not stored).
func addProductsPartX8(h, base []float32, terms []productTerm) {
	n := len(h)
	acc, _ := archsimd.LoadFloat32x8Part(h)
	for _, t := range terms {
		a, _ := archsimd.LoadFloat32x8Part(base[t.a:][:n])
		b, _ := archsimd.LoadFloat32x8Part(base[t.b:][:n])
		acc = acc.Add(archsimd.BroadcastFloat32x8(t.w).Mul(a).Mul(b))
	}
	acc.StorePart(h)
}

// addRowsX8 adds row i of x to row at[i] of y, in order, rows of
// len(x)/len(at) values.
func addRowsX8(y, x []float32, at []int) {
	K := len(x) / len(at)
	for i, r := range at {
		addOneX8(y[r*K:][:K], x[i*K:][:K])
	}
	clearUpperBits()
}

// addX8 sets y += x element by element.
func addX8(y, x []float32) {
	addOneX8(y, x)
	clearUpperBits()
}

// addOneX8 is addX8 without clearUpperBits, for the kernels that call it
// row by row.
func addOneX8(y, x []float32) {
	x = x[:len(y)]
	c := 0
	for ; c+lanesX8 <= len(y); c += lanesX8 {
		y8 := y[c : c+lanesX8]
		archsimd.LoadFloat32x8(y8).Add(archsimd.LoadFloat32x8(x[c : c+lanesX8])).Store(y8)
	}
	if c < len(y) {
		a, _ := archsimd.LoadFloat32x8Part(y[c:])
		b, _ := archsimd.LoadFloat32x8Part(x[c:])
		a.Add(b).StorePart(y[c:])
	}
}

// addBiasX8 adds b to every row of y (rows of len(b) values), then, with
// relu, applies reluX8's ReLU: the bits of addX8 on each row, then reluX8.
func addBiasX8(y, b []float32, relu bool) {
	C := len(b)
	var zero archsimd.Float32x8
	one := archsimd.BroadcastFloat32x8(1)
	for r := 0; r+C <= len(y); r += C {
		yr := y[r : r+C]
		c := 0
		for ; c+lanesX8 <= C; c += lanesX8 {
			y8 := yr[c : c+lanesX8]
			v := archsimd.LoadFloat32x8(y8).Add(archsimd.LoadFloat32x8(b[c : c+lanesX8]))
			if relu {
				v = v.Mul(one.Masked(v.Greater(zero))).Add(zero)
			}
			v.Store(y8)
		}
		if c < C {
			v, _ := archsimd.LoadFloat32x8Part(yr[c:])
			bc, _ := archsimd.LoadFloat32x8Part(b[c:])
			v = v.Add(bc)
			if relu {
				v = v.Mul(one.Masked(v.Greater(zero))).Add(zero)
			}
			v.StorePart(yr[c:])
		}
	}
	clearUpperBits()
}

// reluX8 is ReLU as activation.go's zeroUnless computes it: y·k + 0 with
// k = 1 where y > 0, else 0 (so −0 and a negative y give +0, as there).
func reluX8(y []float32) {
	var zero archsimd.Float32x8
	one := archsimd.BroadcastFloat32x8(1)
	c := 0
	for ; c+lanesX8 <= len(y); c += lanesX8 {
		v := loadX8(y[c:], 0)
		v.Mul(one.Masked(v.Greater(zero))).Add(zero).Store(y[c : c+lanesX8])
	}
	if c < len(y) {
		v, _ := archsimd.LoadFloat32x8Part(y[c:])
		v.Mul(one.Masked(v.Greater(zero))).Add(zero).StorePart(y[c:])
	}
	clearUpperBits()
}

// softThresholdAddX8 sets row i of v to softThreshold(e, λ[i]) + w[i]·e
// element by element, e row i of e (sest.go), rows of len(v)/len(lambda)
// values: e − λ where e > λ, else e + λ where e < −λ, else +0; then the
// rounded w·e added.
func softThresholdAddX8(v, e, lambda, w []float32) {
	K := len(v) / len(lambda)
	w = w[:len(lambda)]
	var zero archsimd.Float32x8
	for i, lam := range lambda {
		vr, er := v[i*K:][:K], e[i*K:][:K]
		l, nl, wv := archsimd.BroadcastFloat32x8(lam), archsimd.BroadcastFloat32x8(-lam), archsimd.BroadcastFloat32x8(w[i])
		c := 0
		for ; c+lanesX8 <= K; c += lanesX8 {
			x := archsimd.LoadFloat32x8(er[c : c+lanesX8])
			st := x.Sub(l).IfElse(x.Greater(l), x.Add(l).IfElse(x.Less(nl), zero))
			st.Add(wv.Mul(x)).Store(vr[c : c+lanesX8])
		}
		if c < K {
			x, _ := archsimd.LoadFloat32x8Part(er[c:])
			st := x.Sub(l).IfElse(x.Greater(l), x.Add(l).IfElse(x.Less(nl), zero))
			st.Add(wv.Mul(x)).StorePart(vr[c:])
		}
	}
	clearUpperBits()
}

// adamX8 is adamStep.update (optimizer.go) on the whole vectors at the
// start of g, each operation rounded as there (a float32 square root is
// the float64 one rounded: both are correctly rounded); it returns how
// many values it updated.
func adamX8(w, g, m, v []float32, s adamStep[float32]) int {
	n := len(g) &^ (lanesX8 - 1)
	w, m, v = w[:n], m[:n], v[:n]
	b1, b2 := archsimd.BroadcastFloat32x8(s.b1), archsimd.BroadcastFloat32x8(s.b2)
	c1, c2 := archsimd.BroadcastFloat32x8(1-s.b1), archsimd.BroadcastFloat32x8(1-s.b2)
	step, inv, eps := archsimd.BroadcastFloat32x8(s.stepSize), archsimd.BroadcastFloat32x8(s.invBC2), archsimd.BroadcastFloat32x8(s.eps)
	for i := 0; i < n; i += lanesX8 {
		gi := loadX8(g[i:], 0)
		mi := b1.Mul(loadX8(m[i:], 0)).Add(c1.Mul(gi))
		vi := b2.Mul(loadX8(v[i:], 0)).Add(c2.Mul(gi).Mul(gi))
		mi.Store(m[i : i+lanesX8])
		vi.Store(v[i : i+lanesX8])
		d := vi.Sqrt().Mul(inv).Add(eps)
		loadX8(w[i:], 0).Sub(step.Mul(mi).Div(d)).Store(w[i : i+lanesX8])
	}
	clearUpperBits()
	return n
}

// addScaledX8 sets y += c·x, each product rounded, on the whole vectors at
// the start of y; it returns how many values it did.
func addScaledX8(y, x []float32, c float32) int {
	n := len(y) &^ (lanesX8 - 1)
	x = x[:n]
	cv := archsimd.BroadcastFloat32x8(c)
	for i := 0; i < n; i += lanesX8 {
		loadX8(y[i:], 0).Add(cv.Mul(loadX8(x[i:], 0))).Store(y[i : i+lanesX8])
	}
	clearUpperBits()
	return n
}

// allFiniteX8 is train.go's firstNonFinite test on vectors: s·0 is 0 for a
// finite s and NaN otherwise, so each lane's sum stays 0 unless one of its
// values is not finite.
func allFiniteX8(s []float32) bool {
	var acc, zero archsimd.Float32x8
	i := 0
	for ; i+lanesX8 <= len(s); i += lanesX8 {
		acc = acc.Add(loadX8(s[i:], 0).Mul(zero))
	}
	if i < len(s) {
		v, _ := archsimd.LoadFloat32x8Part(s[i:])
		acc = acc.Add(v.Mul(zero))
	}
	var sums [lanesX8]float32
	acc.Store(sums[:])
	clearUpperBits()
	for _, v := range sums {
		if v != 0 {
			return false
		}
	}
	return true
}
