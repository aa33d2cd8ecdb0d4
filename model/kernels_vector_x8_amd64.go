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
// The element-by-element loops of the other layers are in
// kernels_vector_elementwise_x8_amd64.go.

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
	addRows:      addRowsX8,
	addBias:      addBiasX8,

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
