//go:build goexperiment.simd && amd64

package model

// The float32 kernels on archsimd.Float32x8 vectors (AVX2). This file is
// the source of the other widths: gen_vector_kernels.go writes the Float32x4
// (wasm SIMD128) and Float32x16 (AVX-512) files from it by renaming, so
// every width runs the same code. Edit this one, then `go generate ./model`.
//
// Each function mirrors a scalar kernel of kernels.go with vector lanes over
// outputs: an output's terms are multiplied, rounded and added in the
// scalar kernel's order and grouping (Mul then Add, never a fused
// multiply-add), so the results are the scalar kernels' bit for bit. Columns
// left over after the last whole vector run the scalar kernel's expressions.

import "simd/archsimd"

//go:generate go run gen_vector_kernels.go

const lanesX8 = 8

var vectorKernelsX8 = &vectorKernels{
	name:         "Float32x8",
	lanes:        lanesX8,
	mulABtDense:  mulABtDenseX8,
	mulABtSparse: mulABtSparseX8,
	addABDense:   addABDenseX8,
	addABSparse:  addABSparseX8,
}

// mulABtDenseX8 is mulABtDense: y (R, C) = x (R, S) · w (C, S)ᵀ, with wT
// the transpose of w (S, C), so that a vector loads outputs side by side.
// Each output is one accumulator over i in order, as in the scalar kernel.
func mulABtDenseX8(y, x, wT, w []float32, R, S, C int) {
	r := 0
	for ; r+4 <= R; r += 4 {
		x0, x1, x2, x3 := x[r*S:r*S+S], x[(r+1)*S:(r+1)*S+S], x[(r+2)*S:(r+2)*S+S], x[(r+3)*S:(r+3)*S+S]
		c := 0
		for ; c+2*lanesX8 <= C; c += 2 * lanesX8 {
			dot4x2X8(y[r*C+c:], C, x0, x1, x2, x3, wT[c:], C)
		}
		for ; c+lanesX8 <= C; c += lanesX8 {
			dot4x1X8(y[r*C+c:], C, x0, x1, x2, x3, wT[c:], C)
		}
		for ; c < C; c++ {
			for j, xr := range [4][]float32{x0, x1, x2, x3} {
				y[(r+j)*C+c] = dotRow(xr, w[c*S:c*S+S])
			}
		}
	}
	for ; r < R; r++ {
		xr := x[r*S : r*S+S]
		c := 0
		for ; c+2*lanesX8 <= C; c += 2 * lanesX8 {
			dot1x2X8(y[r*C+c:r*C+c+2*lanesX8], xr, wT[c:], C)
		}
		for ; c < C; c++ {
			y[r*C+c] = dotRow(xr, w[c*S:c*S+S])
		}
	}
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

// dot4x1X8 is dot4x2X8 for one vector of outputs (the columns left over).
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

// dot1x2X8 is dot4x2X8 for one row (the rows left over).
//
//go:noinline
func dot1x2X8(y, x, wT []float32, ldw int) {
	var s0, s1 archsimd.Float32x8
	for i, a := range x {
		wi := wT[i*ldw:][:2*lanesX8]
		p := archsimd.BroadcastFloat32x8(a)
		s0 = s0.Add(p.Mul(archsimd.LoadFloat32x8(wi[:lanesX8])))
		s1 = s1.Add(p.Mul(archsimd.LoadFloat32x8(wi[lanesX8:])))
	}
	s0.Store(y[:lanesX8])
	s1.Store(y[lanesX8 : 2*lanesX8])
}

// mulABtSparseX8 is mulABtSparse: each row of y over the nonzero entries of
// its row of x, in order, four vectors of outputs at a time.
func mulABtSparseX8(y, x, wT, w []float32, R, S, C int) {
	var idx [maxSparseS]int32
	var val [maxSparseS]float32
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
		for ; c+4*lanesX8 <= C; c += 4 * lanesX8 {
			dotSparse1x4X8(yr[c:c+4*lanesX8], ix, vs, wT[c:], C)
		}
		for ; c+lanesX8 <= C; c += lanesX8 {
			dotSparse1x1X8(yr[c:c+lanesX8], ix, vs, wT[c:], C)
		}
		for ; c < C; c++ {
			wc := w[c*S : c*S+S]
			var s float32
			for j, i := range ix {
				s += float32(vs[j] * wc[i])
			}
			yr[c] = s
		}
	}
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

// addABDenseX8 is addABDense: y (R, C) += a (R, S) · d (S, C), rows in
// pairs adding four terms of s at a time, then one at a time, the odd last
// row one at a time, skipping the groups the scalar kernel skips.
func addABDenseX8(y, a, d []float32, R, S, C, ar, as int) {
	r := 0
	for ; r+2 <= R; r += 2 {
		y0 := y[r*C : r*C+C]
		y1 := y[(r+1)*C : (r+1)*C+C]
		s := 0
		for ; s+4 <= S; s += 4 {
			a00, a01, a02, a03 := a[r*ar+s*as], a[r*ar+(s+1)*as], a[r*ar+(s+2)*as], a[r*ar+(s+3)*as]
			a10, a11, a12, a13 := a[(r+1)*ar+s*as], a[(r+1)*ar+(s+1)*as], a[(r+1)*ar+(s+2)*as], a[(r+1)*ar+(s+3)*as]
			if a00 == 0 && a01 == 0 && a02 == 0 && a03 == 0 && a10 == 0 && a11 == 0 && a12 == 0 && a13 == 0 {
				continue
			}
			axpy2x4X8(y0, y1, d[s*C:s*C+C], d[(s+1)*C:(s+1)*C+C], d[(s+2)*C:(s+2)*C+C], d[(s+3)*C:(s+3)*C+C],
				[4]float32{a00, a01, a02, a03}, [4]float32{a10, a11, a12, a13})
		}
		for ; s < S; s++ {
			axpy2x1X8(y0, y1, d[s*C:s*C+C], a[r*ar+s*as], a[(r+1)*ar+s*as])
		}
	}
	for ; r < R; r++ {
		yr := y[r*C : r*C+C]
		for s := 0; s < S; s++ {
			axpy1X8(yr, d[s*C:s*C+C], a[r*ar+s*as])
		}
	}
}

// axpy2x4X8 adds to two rows of y their sums of four scaled rows of d:
// y0 += a0[0]·d0 + a0[1]·d1 + a0[2]·d2 + a0[3]·d3, summed left to right, and
// y1 likewise with a1.
//
//go:noinline
func axpy2x4X8(y0, y1, d0, d1, d2, d3 []float32, a0, a1 [4]float32) {
	y1, d0, d1, d2, d3 = y1[:len(y0)], d0[:len(y0)], d1[:len(y0)], d2[:len(y0)], d3[:len(y0)]
	p00, p01, p02, p03 := archsimd.BroadcastFloat32x8(a0[0]), archsimd.BroadcastFloat32x8(a0[1]), archsimd.BroadcastFloat32x8(a0[2]), archsimd.BroadcastFloat32x8(a0[3])
	p10, p11, p12, p13 := archsimd.BroadcastFloat32x8(a1[0]), archsimd.BroadcastFloat32x8(a1[1]), archsimd.BroadcastFloat32x8(a1[2]), archsimd.BroadcastFloat32x8(a1[3])
	c := 0
	for ; c+lanesX8 <= len(y0); c += lanesX8 {
		v0, v1 := archsimd.LoadFloat32x8(d0[c:][:lanesX8]), archsimd.LoadFloat32x8(d1[c:][:lanesX8])
		v2, v3 := archsimd.LoadFloat32x8(d2[c:][:lanesX8]), archsimd.LoadFloat32x8(d3[c:][:lanesX8])
		g0 := p00.Mul(v0).Add(p01.Mul(v1)).Add(p02.Mul(v2)).Add(p03.Mul(v3))
		g1 := p10.Mul(v0).Add(p11.Mul(v1)).Add(p12.Mul(v2)).Add(p13.Mul(v3))
		archsimd.LoadFloat32x8(y0[c:][:lanesX8]).Add(g0).Store(y0[c:][:lanesX8])
		archsimd.LoadFloat32x8(y1[c:][:lanesX8]).Add(g1).Store(y1[c:][:lanesX8])
	}
	for ; c < len(y0); c++ {
		v0, v1, v2, v3 := d0[c], d1[c], d2[c], d3[c]
		y0[c] += float32(a0[0]*v0) + float32(a0[1]*v1) + float32(a0[2]*v2) + float32(a0[3]*v3)
		y1[c] += float32(a1[0]*v0) + float32(a1[1]*v1) + float32(a1[2]*v2) + float32(a1[3]*v3)
	}
}

// axpy2x1X8 adds a0·d to y0 and a1·d to y1.
//
//go:noinline
func axpy2x1X8(y0, y1, d []float32, a0, a1 float32) {
	y1, d = y1[:len(y0)], d[:len(y0)]
	p0, p1 := archsimd.BroadcastFloat32x8(a0), archsimd.BroadcastFloat32x8(a1)
	c := 0
	for ; c+lanesX8 <= len(y0); c += lanesX8 {
		v := archsimd.LoadFloat32x8(d[c:][:lanesX8])
		archsimd.LoadFloat32x8(y0[c:][:lanesX8]).Add(p0.Mul(v)).Store(y0[c:][:lanesX8])
		archsimd.LoadFloat32x8(y1[c:][:lanesX8]).Add(p1.Mul(v)).Store(y1[c:][:lanesX8])
	}
	for ; c < len(y0); c++ {
		y0[c] += float32(a0 * d[c])
		y1[c] += float32(a1 * d[c])
	}
}

// addABSparseX8 is addABSparse: only the nonzero terms, each group of four
// keeping its nonzero terms in order.
func addABSparseX8(y, a, d []float32, R, S, C, ar, as int) {
	paired := R - R%2
	for r := 0; r < R; r++ {
		yr := y[r*C : r*C+C]
		s := 0
		if r < paired {
			for ; s+4 <= S; s += 4 {
				i := r*ar + s*as
				g := [4]float32{a[i], a[i+as], a[i+2*as], a[i+3*as]}
				if g == [4]float32{} {
					continue
				}
				var av [4]float32
				var off [4]int
				n := 0
				for j, v := range g {
					if v != 0 {
						av[n], off[n] = v, (s+j)*C
						n++
					}
				}
				switch n {
				case 1:
					axpy1X8(yr, d[off[0]:off[0]+C], av[0])
				case 2:
					axpy2X8(yr, d[off[0]:off[0]+C], d[off[1]:off[1]+C], av[0], av[1])
				case 3:
					axpy3X8(yr, d[off[0]:off[0]+C], d[off[1]:off[1]+C], d[off[2]:off[2]+C], av[0], av[1], av[2])
				case 4:
					axpy4X8(yr, d[off[0]:off[0]+C], d[off[1]:off[1]+C], d[off[2]:off[2]+C], d[off[3]:off[3]+C], av)
				}
			}
		}
		for ; s < S; s++ {
			if av := a[r*ar+s*as]; av != 0 {
				axpy1X8(yr, d[s*C:s*C+C], av)
			}
		}
	}
}

// axpy1X8 … axpy4X8 add the sum of n scaled rows to y, summed left to
// right, as kernels.go's axpy1 … axpy4.
//
//go:noinline
func axpy1X8(y, d0 []float32, a0 float32) {
	d0 = d0[:len(y)]
	p0 := archsimd.BroadcastFloat32x8(a0)
	c := 0
	for ; c+lanesX8 <= len(y); c += lanesX8 {
		yc := y[c:][:lanesX8]
		archsimd.LoadFloat32x8(yc).Add(p0.Mul(archsimd.LoadFloat32x8(d0[c:][:lanesX8]))).Store(yc)
	}
	for ; c < len(y); c++ {
		y[c] += float32(a0 * d0[c])
	}
}

//go:noinline
func axpy2X8(y, d0, d1 []float32, a0, a1 float32) {
	d0, d1 = d0[:len(y)], d1[:len(y)]
	p0, p1 := archsimd.BroadcastFloat32x8(a0), archsimd.BroadcastFloat32x8(a1)
	c := 0
	for ; c+lanesX8 <= len(y); c += lanesX8 {
		yc := y[c:][:lanesX8]
		g := p0.Mul(archsimd.LoadFloat32x8(d0[c:][:lanesX8])).Add(p1.Mul(archsimd.LoadFloat32x8(d1[c:][:lanesX8])))
		archsimd.LoadFloat32x8(yc).Add(g).Store(yc)
	}
	for ; c < len(y); c++ {
		y[c] += float32(a0*d0[c]) + float32(a1*d1[c])
	}
}

//go:noinline
func axpy3X8(y, d0, d1, d2 []float32, a0, a1, a2 float32) {
	d0, d1, d2 = d0[:len(y)], d1[:len(y)], d2[:len(y)]
	p0, p1, p2 := archsimd.BroadcastFloat32x8(a0), archsimd.BroadcastFloat32x8(a1), archsimd.BroadcastFloat32x8(a2)
	c := 0
	for ; c+lanesX8 <= len(y); c += lanesX8 {
		yc := y[c:][:lanesX8]
		g := p0.Mul(archsimd.LoadFloat32x8(d0[c:][:lanesX8])).Add(p1.Mul(archsimd.LoadFloat32x8(d1[c:][:lanesX8]))).Add(p2.Mul(archsimd.LoadFloat32x8(d2[c:][:lanesX8])))
		archsimd.LoadFloat32x8(yc).Add(g).Store(yc)
	}
	for ; c < len(y); c++ {
		y[c] += float32(a0*d0[c]) + float32(a1*d1[c]) + float32(a2*d2[c])
	}
}

//go:noinline
func axpy4X8(y, d0, d1, d2, d3 []float32, a [4]float32) {
	d0, d1, d2, d3 = d0[:len(y)], d1[:len(y)], d2[:len(y)], d3[:len(y)]
	p0, p1 := archsimd.BroadcastFloat32x8(a[0]), archsimd.BroadcastFloat32x8(a[1])
	p2, p3 := archsimd.BroadcastFloat32x8(a[2]), archsimd.BroadcastFloat32x8(a[3])
	c := 0
	for ; c+lanesX8 <= len(y); c += lanesX8 {
		yc := y[c:][:lanesX8]
		g := p0.Mul(archsimd.LoadFloat32x8(d0[c:][:lanesX8])).Add(p1.Mul(archsimd.LoadFloat32x8(d1[c:][:lanesX8])))
		g = g.Add(p2.Mul(archsimd.LoadFloat32x8(d2[c:][:lanesX8]))).Add(p3.Mul(archsimd.LoadFloat32x8(d3[c:][:lanesX8])))
		archsimd.LoadFloat32x8(yc).Add(g).Store(yc)
	}
	for ; c < len(y); c++ {
		y[c] += float32(a[0]*d0[c]) + float32(a[1]*d1[c]) + float32(a[2]*d2[c]) + float32(a[3]*d3[c])
	}
}
