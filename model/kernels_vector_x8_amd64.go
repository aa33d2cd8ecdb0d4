//go:build goexperiment.simd && amd64

package model

// The float32 kernels on archsimd.Float32x8 vectors (AVX2). This file is
// the source of the other widths: gen_vector_kernels.go writes the Float32x4
// file (wasm SIMD128) from it by renaming, so every width runs the same
// code. Edit this one, then `go generate ./model`.
//
// Each function mirrors a scalar kernel of kernels.go with vector lanes over
// outputs: an output's terms are multiplied, rounded and added in the
// scalar kernel's order and grouping (Mul then Add, never a fused
// multiply-add), so the results are the scalar kernels' bit for bit. The
// columns after the last whole vector take a vector of their own: padding
// (mulABt's transposed W) or a partial load and store (addAB).
//
// After the products come the element-by-element loops of the other layers
// (FwBI, SEST, biases, ReLU, embeddings, L2, Adam): each mirrors its scalar
// loop operation for operation, one element per lane, so it too changes no
// bit.

import "simd/archsimd"

//go:generate go run gen_vector_kernels.go

const lanesX8 = 8

var vectorKernelsX8 = &vectorKernels{
	name:         "Float32x8",
	lanes:        lanesX8,
	mulABtDense:  mulABtDenseX8,
	mulABtSparse: mulABtSparseX8,
	addGroups:    addGroupsX8,
	addProducts:  addProductsX8,
	add:          addX8,
	relu:         reluX8,

	softThresholdAdd: softThresholdAddX8,
	adam:             adamX8,
	addScaled:        addScaledX8,
	allFinite:        allFiniteX8,
}

// loadX8 loads the j-th vector of s.
func loadX8(s []float32, j int) archsimd.Float32x8 {
	return archsimd.LoadFloat32x8(s[j*lanesX8 : (j+1)*lanesX8])
}

// mulABtDenseX8 is mulABtDense: y (R, C) = x (R, S) · w (C, S)ᵀ, with wT
// the transpose of w padded to whole vectors (S, paddedCols(C, lanes)), so
// that a vector loads neighbouring outputs. Each output is one accumulator
// over i in order, as in the scalar kernel.
func mulABtDenseX8(y, x, wT []float32, R, S, C int) {
	ldw := paddedCols(C, lanesX8)
	var part [4 * lanesX8]float32 // the last vector of a tile, when C ends inside it
	r := 0
	for ; r+4 <= R; r += 4 {
		x0, x1, x2, x3 := x[r*S:r*S+S], x[(r+1)*S:(r+1)*S+S], x[(r+2)*S:(r+2)*S+S], x[(r+3)*S:(r+3)*S+S]
		c := 0
		for ; c+4*lanesX8 <= C; c += 4 * lanesX8 { // 1.07× dot4x2X8's tile under wasm, the same natively
			dot2x4X8(y[r*C+c:], C, x0, x1, wT[c:], ldw)
			dot2x4X8(y[(r+2)*C+c:], C, x2, x3, wT[c:], ldw)
		}
		for ; c+2*lanesX8 <= C; c += 2 * lanesX8 {
			dot4x2X8(y[r*C+c:], C, x0, x1, x2, x3, wT[c:], ldw)
		}
		for ; c+lanesX8 <= C; c += lanesX8 {
			dot4x1X8(y[r*C+c:], C, x0, x1, x2, x3, wT[c:], ldw)
		}
		if c < C {
			dot4x1X8(part[:], lanesX8, x0, x1, x2, x3, wT[c:], ldw)
			for j := range 4 {
				copy(y[(r+j)*C+c:(r+j)*C+C], part[j*lanesX8:])
			}
		}
	}
	for ; r < R; r++ {
		xr, yr := x[r*S:r*S+S], y[r*C:r*C+C]
		for c := 0; c < C; c += lanesX8 {
			dot1x1X8(part[:lanesX8], xr, wT[c:], ldw)
			copy(yr[c:], part[:lanesX8])
		}
	}
	clearUpperBits()
}

// dot4x2X8 sets four rows of two vectors of outputs: y[j*ldy+k] =
// xj · column k of wT, for j < 4 and k < 2 vectors. Eight accumulators,
// two loads and four broadcasts per eight vector multiply-adds. Not
// inlined, so that its accumulators stay in registers (kernels.go's dot2x4
// says why).
//
//go:noinline
func dot4x2X8(y []float32, ldy int, x0, x1, x2, x3, wT []float32, ldw int) {
	x1, x2, x3 = x1[:len(x0)], x2[:len(x0)], x3[:len(x0)]
	var s00, s01, s10, s11, s20, s21, s30, s31 archsimd.Float32x8
	for i, a := range x0 {
		wi := wT[i*ldw:][:2*lanesX8]
		v0, v1 := archsimd.LoadFloat32x8(wi[:lanesX8]), archsimd.LoadFloat32x8(wi[lanesX8:])
		p := archsimd.BroadcastFloat32x8(a)
		s00, s01 = s00.Add(p.Mul(v0)), s01.Add(p.Mul(v1))
		p = archsimd.BroadcastFloat32x8(x1[i])
		s10, s11 = s10.Add(p.Mul(v0)), s11.Add(p.Mul(v1))
		p = archsimd.BroadcastFloat32x8(x2[i])
		s20, s21 = s20.Add(p.Mul(v0)), s21.Add(p.Mul(v1))
		p = archsimd.BroadcastFloat32x8(x3[i])
		s30, s31 = s30.Add(p.Mul(v0)), s31.Add(p.Mul(v1))
	}
	s00.Store(y[:lanesX8])
	s01.Store(y[lanesX8 : 2*lanesX8])
	s10.Store(y[ldy:][:lanesX8])
	s11.Store(y[ldy+lanesX8:][:lanesX8])
	s20.Store(y[2*ldy:][:lanesX8])
	s21.Store(y[2*ldy+lanesX8:][:lanesX8])
	s30.Store(y[3*ldy:][:lanesX8])
	s31.Store(y[3*ldy+lanesX8:][:lanesX8])
}

// dot2x4X8 is dot4x2X8 for two rows and four vectors of outputs: four
// loads and two broadcasts per eight vector multiply-adds.
//
//go:noinline
func dot2x4X8(y []float32, ldy int, x0, x1, wT []float32, ldw int) {
	x1 = x1[:len(x0)]
	var s00, s01, s02, s03, s10, s11, s12, s13 archsimd.Float32x8
	for i, a := range x0 {
		wi := wT[i*ldw:][:4*lanesX8]
		v0, v1, v2, v3 := loadX8(wi, 0), loadX8(wi, 1), loadX8(wi, 2), loadX8(wi, 3)
		p := archsimd.BroadcastFloat32x8(a)
		s00, s01, s02, s03 = s00.Add(p.Mul(v0)), s01.Add(p.Mul(v1)), s02.Add(p.Mul(v2)), s03.Add(p.Mul(v3))
		p = archsimd.BroadcastFloat32x8(x1[i])
		s10, s11, s12, s13 = s10.Add(p.Mul(v0)), s11.Add(p.Mul(v1)), s12.Add(p.Mul(v2)), s13.Add(p.Mul(v3))
	}
	for j, v := range [4]archsimd.Float32x8{s00, s01, s02, s03} {
		v.Store(y[j*lanesX8 : (j+1)*lanesX8])
	}
	for j, v := range [4]archsimd.Float32x8{s10, s11, s12, s13} {
		v.Store(y[ldy+j*lanesX8 : ldy+(j+1)*lanesX8])
	}
}

// dot4x1X8 is dot4x2X8 for one vector of outputs.
//
//go:noinline
func dot4x1X8(y []float32, ldy int, x0, x1, x2, x3, wT []float32, ldw int) {
	x1, x2, x3 = x1[:len(x0)], x2[:len(x0)], x3[:len(x0)]
	var s0, s1, s2, s3 archsimd.Float32x8
	for i, a := range x0 {
		v := archsimd.LoadFloat32x8(wT[i*ldw:][:lanesX8])
		s0 = s0.Add(archsimd.BroadcastFloat32x8(a).Mul(v))
		s1 = s1.Add(archsimd.BroadcastFloat32x8(x1[i]).Mul(v))
		s2 = s2.Add(archsimd.BroadcastFloat32x8(x2[i]).Mul(v))
		s3 = s3.Add(archsimd.BroadcastFloat32x8(x3[i]).Mul(v))
	}
	s0.Store(y[:lanesX8])
	s1.Store(y[ldy:][:lanesX8])
	s2.Store(y[2*ldy:][:lanesX8])
	s3.Store(y[3*ldy:][:lanesX8])
}

// dot1x1X8 is dot4x2X8 for one row and one vector (the rows left over).
//
//go:noinline
func dot1x1X8(y, x, wT []float32, ldw int) {
	var s archsimd.Float32x8
	for i, a := range x {
		s = s.Add(archsimd.BroadcastFloat32x8(a).Mul(archsimd.LoadFloat32x8(wT[i*ldw:][:lanesX8])))
	}
	s.Store(y[:lanesX8])
}

// mulABtSparseX8 is mulABtSparse: each row of y over the nonzero entries of
// its row of x, in order, eight vectors of outputs at a time (then four,
// then one). wT is as for
// mulABtDenseX8.
func mulABtSparseX8(y, x, wT []float32, R, S, C int) {
	ldw := paddedCols(C, lanesX8)
	var idx [maxSparseS]int32
	var val [maxSparseS]float32
	var part [lanesX8]float32
	for r := 0; r < R; r++ {
		n := 0
		for i, v := range x[r*S : r*S+S] {
			if v != 0 {
				idx[n], val[n] = int32(i), v
				n++
			}
		}
		ix, vs := idx[:n], val[:n]
		yr := y[r*C : r*C+C]
		c := 0
		for ; c+8*lanesX8 <= C; c += 8 * lanesX8 {
			dotSparse1x8X8(yr[c:c+8*lanesX8], ix, vs, wT[c:], ldw)
		}
		for ; c+4*lanesX8 <= C; c += 4 * lanesX8 {
			dotSparse1x4X8(yr[c:c+4*lanesX8], ix, vs, wT[c:], ldw)
		}
		for ; c < C; c += lanesX8 {
			dotSparse1x1X8(part[:], ix, vs, wT[c:], ldw)
			copy(yr[c:], part[:])
		}
	}
	clearUpperBits()
}

// dotSparse1x4X8 sets four vectors of outputs of one row: y[k] = Σ vs[j] ·
// wT[ix[j]*ldw+k], in the order of ix.
//
//go:noinline
func dotSparse1x4X8(y []float32, ix []int32, vs, wT []float32, ldw int) {
	vs = vs[:len(ix)]
	var s0, s1, s2, s3 archsimd.Float32x8
	for j, i := range ix {
		wi := wT[int(i)*ldw:][:4*lanesX8]
		p := archsimd.BroadcastFloat32x8(vs[j])
		s0 = s0.Add(p.Mul(archsimd.LoadFloat32x8(wi[:lanesX8])))
		s1 = s1.Add(p.Mul(archsimd.LoadFloat32x8(wi[lanesX8 : 2*lanesX8])))
		s2 = s2.Add(p.Mul(archsimd.LoadFloat32x8(wi[2*lanesX8 : 3*lanesX8])))
		s3 = s3.Add(p.Mul(archsimd.LoadFloat32x8(wi[3*lanesX8:])))
	}
	s0.Store(y[:lanesX8])
	s1.Store(y[lanesX8 : 2*lanesX8])
	s2.Store(y[2*lanesX8 : 3*lanesX8])
	s3.Store(y[3*lanesX8 : 4*lanesX8])
}

// dotSparse1x8X8 is dotSparse1x4X8 for eight vectors of outputs (1.2×
// four under wasm, 1.05× natively).
//
//go:noinline
func dotSparse1x8X8(y []float32, ix []int32, vs, wT []float32, ldw int) {
	vs = vs[:len(ix)]
	var s0, s1, s2, s3, s4, s5, s6, s7 archsimd.Float32x8
	for j, i := range ix {
		wi := wT[int(i)*ldw:][:8*lanesX8]
		p := archsimd.BroadcastFloat32x8(vs[j])
		s0, s1, s2, s3 = s0.Add(p.Mul(loadX8(wi, 0))), s1.Add(p.Mul(loadX8(wi, 1))), s2.Add(p.Mul(loadX8(wi, 2))), s3.Add(p.Mul(loadX8(wi, 3)))
		s4, s5, s6, s7 = s4.Add(p.Mul(loadX8(wi, 4))), s5.Add(p.Mul(loadX8(wi, 5))), s6.Add(p.Mul(loadX8(wi, 6))), s7.Add(p.Mul(loadX8(wi, 7)))
	}
	for j, v := range [8]archsimd.Float32x8{s0, s1, s2, s3, s4, s5, s6, s7} {
		v.Store(y[j*lanesX8 : (j+1)*lanesX8])
	}
}

// dotSparse1x1X8 is dotSparse1x4X8 for one vector of outputs.
//
//go:noinline
func dotSparse1x1X8(y []float32, ix []int32, vs, wT []float32, ldw int) {
	vs = vs[:len(ix)]
	var s archsimd.Float32x8
	for j, i := range ix {
		s = s.Add(archsimd.BroadcastFloat32x8(vs[j]).Mul(archsimd.LoadFloat32x8(wT[int(i)*ldw:][:lanesX8])))
	}
	s.Store(y[:lanesX8])
}

// addGroupsX8 adds each group's sum to y in order: y += Σ_k a[k]·d[off[k]:],
// each group summed left to right (kernels_vector.go's addAB builds the
// groups as the scalar kernels group their terms). Eight vectors of y (then
// four, then one) stay in registers across all the groups: wider chunks
// were faster, 1.15× for eight over four under wasm, 2 vectors 0.65×.
func addGroupsX8(y, d []float32, groups []termGroup) {
	c := 0
	for ; c+8*lanesX8 <= len(y); c += 8 * lanesX8 {
		addGroups8X8(y[c:c+8*lanesX8], d[c:], groups)
	}
	for ; c+4*lanesX8 <= len(y); c += 4 * lanesX8 {
		addGroups4X8(y[c:c+4*lanesX8], d[c:], groups)
	}
	for ; c < len(y); c += lanesX8 {
		addGroups1X8(y[c:min(c+lanesX8, len(y))], d[c:], groups)
	}
	clearUpperBits()
}

// addGroups4X8 is addGroupsX8 on four vectors of y.
//
//go:noinline
func addGroups4X8(y, d []float32, groups []termGroup) {
	y0, y1 := archsimd.LoadFloat32x8(y[:lanesX8]), archsimd.LoadFloat32x8(y[lanesX8:2*lanesX8])
	y2, y3 := archsimd.LoadFloat32x8(y[2*lanesX8:3*lanesX8]), archsimd.LoadFloat32x8(y[3*lanesX8:4*lanesX8])
	for g := range groups {
		t := &groups[g]
		dk := d[t.off[0]:][:4*lanesX8]
		p := archsimd.BroadcastFloat32x8(t.a[0])
		g0, g1 := p.Mul(archsimd.LoadFloat32x8(dk[:lanesX8])), p.Mul(archsimd.LoadFloat32x8(dk[lanesX8:2*lanesX8]))
		g2, g3 := p.Mul(archsimd.LoadFloat32x8(dk[2*lanesX8:3*lanesX8])), p.Mul(archsimd.LoadFloat32x8(dk[3*lanesX8:]))
		for k := 1; k < int(t.n); k++ {
			dk := d[t.off[k]:][:4*lanesX8]
			p := archsimd.BroadcastFloat32x8(t.a[k])
			g0, g1 = g0.Add(p.Mul(archsimd.LoadFloat32x8(dk[:lanesX8]))), g1.Add(p.Mul(archsimd.LoadFloat32x8(dk[lanesX8:2*lanesX8])))
			g2, g3 = g2.Add(p.Mul(archsimd.LoadFloat32x8(dk[2*lanesX8:3*lanesX8]))), g3.Add(p.Mul(archsimd.LoadFloat32x8(dk[3*lanesX8:])))
		}
		y0, y1, y2, y3 = y0.Add(g0), y1.Add(g1), y2.Add(g2), y3.Add(g3)
	}
	y0.Store(y[:lanesX8])
	y1.Store(y[lanesX8 : 2*lanesX8])
	y2.Store(y[2*lanesX8 : 3*lanesX8])
	y3.Store(y[3*lanesX8 : 4*lanesX8])
}

// addGroups8X8 is addGroupsX8 on eight vectors of y.
//
//go:noinline
func addGroups8X8(y, d []float32, groups []termGroup) {
	y0, y1, y2, y3 := loadX8(y, 0), loadX8(y, 1), loadX8(y, 2), loadX8(y, 3)
	y4, y5, y6, y7 := loadX8(y, 4), loadX8(y, 5), loadX8(y, 6), loadX8(y, 7)
	for g := range groups {
		t := &groups[g]
		dk := d[t.off[0]:][:8*lanesX8]
		p := archsimd.BroadcastFloat32x8(t.a[0])
		g0, g1, g2, g3 := p.Mul(loadX8(dk, 0)), p.Mul(loadX8(dk, 1)), p.Mul(loadX8(dk, 2)), p.Mul(loadX8(dk, 3))
		g4, g5, g6, g7 := p.Mul(loadX8(dk, 4)), p.Mul(loadX8(dk, 5)), p.Mul(loadX8(dk, 6)), p.Mul(loadX8(dk, 7))
		for k := 1; k < t.n; k++ {
			dk := d[t.off[k&3]:][:8*lanesX8]
			p := archsimd.BroadcastFloat32x8(t.a[k&3])
			g0, g1, g2, g3 = g0.Add(p.Mul(loadX8(dk, 0))), g1.Add(p.Mul(loadX8(dk, 1))), g2.Add(p.Mul(loadX8(dk, 2))), g3.Add(p.Mul(loadX8(dk, 3)))
			g4, g5, g6, g7 = g4.Add(p.Mul(loadX8(dk, 4))), g5.Add(p.Mul(loadX8(dk, 5))), g6.Add(p.Mul(loadX8(dk, 6))), g7.Add(p.Mul(loadX8(dk, 7)))
		}
		y0, y1, y2, y3 = y0.Add(g0), y1.Add(g1), y2.Add(g2), y3.Add(g3)
		y4, y5, y6, y7 = y4.Add(g4), y5.Add(g5), y6.Add(g6), y7.Add(g7)
	}
	for j, v := range [8]archsimd.Float32x8{y0, y1, y2, y3, y4, y5, y6, y7} {
		v.Store(y[j*lanesX8 : (j+1)*lanesX8])
	}
}

// addGroups1X8 is addGroupsX8 on one vector, or part of one (y shorter
// than a vector: the lanes past it load zeros and are not stored).
//
//go:noinline
func addGroups1X8(y, d []float32, groups []termGroup) {
	n := len(y)
	acc, _ := archsimd.LoadFloat32x8Part(y)
	for g := range groups {
		t := &groups[g]
		v, _ := archsimd.LoadFloat32x8Part(d[t.off[0]:][:n])
		s := archsimd.BroadcastFloat32x8(t.a[0]).Mul(v)
		for k := 1; k < int(t.n); k++ {
			v, _ := archsimd.LoadFloat32x8Part(d[t.off[k]:][:n])
			s = s.Add(archsimd.BroadcastFloat32x8(t.a[k]).Mul(v))
		}
		acc = acc.Add(s)
	}
	acc.StorePart(y)
}

// addProductsX8 is FwBI's sum of weighted products: h[t] += (w·a[t])·b[t]
// for each term in order, a and b rows of base, each product rounded (Mul,
// Mul, then Add), as fwbi.go's scalar loop adds them term by term.
func addProductsX8(h, base []float32, terms []productTerm) {
	c := 0
	for ; c+lanesX8 <= len(h); c += lanesX8 {
		addProducts1X8(h[c:c+lanesX8], base[c:], terms)
	}
	if c < len(h) {
		addProductsPartX8(h[c:], base[c:], terms)
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

// addX8 sets y += x element by element.
func addX8(y, x []float32) {
	x = x[:len(y)]
	c := 0
	for ; c+lanesX8 <= len(y); c += lanesX8 {
		loadX8(y[c:], 0).Add(loadX8(x[c:], 0)).Store(y[c : c+lanesX8])
	}
	if c < len(y) {
		a, _ := archsimd.LoadFloat32x8Part(y[c:])
		b, _ := archsimd.LoadFloat32x8Part(x[c:])
		a.Add(b).StorePart(y[c:])
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

// softThresholdAddX8 sets v = softThreshold(e, λ) + w·e element by element
// (sest.go): e − λ where e > λ, else e + λ where e < −λ, else +0; then the
// rounded w·e added.
func softThresholdAddX8(v, e []float32, lambda, w float32) {
	e = e[:len(v)]
	var zero archsimd.Float32x8
	l, nl, wv := archsimd.BroadcastFloat32x8(lambda), archsimd.BroadcastFloat32x8(-lambda), archsimd.BroadcastFloat32x8(w)
	c := 0
	for ; c+lanesX8 <= len(v); c += lanesX8 {
		x := loadX8(e[c:], 0)
		st := x.Sub(l).IfElse(x.Greater(l), x.Add(l).IfElse(x.Less(nl), zero))
		st.Add(wv.Mul(x)).Store(v[c : c+lanesX8])
	}
	if c < len(v) {
		x, _ := archsimd.LoadFloat32x8Part(e[c:])
		st := x.Sub(l).IfElse(x.Greater(l), x.Add(l).IfElse(x.Less(nl), zero))
		st.Add(wv.Mul(x)).StorePart(v[c:])
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
