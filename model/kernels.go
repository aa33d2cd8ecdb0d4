package model

// Dense matrix kernels, row-major, written for Go's compiler under both
// amd64 and wasm (no assembly, no goroutines): each has a naive twin that is
// the reference, and kernels_test.go checks they agree.
//
// Shapes: R rows, S the shared (summed) dimension, C columns.
//
// The tiled and sparse paths add each output's terms in the same order and
// grouping, each product rounded before it is added (T(a*b): no fused
// multiply-add), so which of them runs never changes a bit (the naive
// twins group differently; tests compare them within rounding). The innermost
// loops are small functions of their own for Go's wasm back end, which
// spills registers inside big ones (BENCHMARKS.md, "Kernels").

// mulABt sets y = x · wᵀ: y (R, C), x (R, S), w (C, S). Dense layers keep W
// as (out, in) so each output is a dot product of two contiguous rows.
//
// After ReLU and dropout most of x is zero; then only the nonzero inputs
// are multiplied (mulABtSparse). Both paths add each output's products in
// the same order with one accumulator, and a skipped zero product changes
// no sum, so they agree bit for bit and the choice never changes a result.
func mulABt[T Float](y, x, w []T, R, S, C int) {
	mustLen("mulABt y", y, R*C)
	mustLen("mulABt x", x, R*S)
	mustLen("mulABt w", w, C*S)
	sparse := S <= maxSparseS && isSparse(x)
	if v := vectorFor[T](C); v != nil && R >= minVectorRows {
		v.mulABt(float32s(y), float32s(x), float32s(w), R, S, C, sparse)
		return
	}
	if sparse {
		mulABtSparse(y, x, w, R, S, C)
		return
	}
	mulABtDense(y, x, w, R, S, C)
}

// maxSparseS bounds the shared dimension of the sparse paths, whose index
// buffers live on the stack.
const maxSparseS = 1024

// isSparse reports whether fewer than 40% of v are nonzero; below that the
// sparse paths were faster natively and under wasm (BENCHMARKS.md). It
// stops counting, a block at a time, once 40% are nonzero: dense inputs
// (embeddings, ReLU's output in inference) are read only in part.
func isSparse[T Float](v []T) bool {
	const block = 64
	nz, limit := 0, (len(v)*2+4)/5 // nz ≥ limit ⇔ nz·5 ≥ len·2
	for len(v) > 0 {
		b := v[:min(block, len(v))]
		for _, x := range b {
			if x != 0 {
				nz++
			}
		}
		if nz >= limit {
			return false
		}
		v = v[len(b):]
	}
	return nz < limit // false when v is empty, as 0·5 < 0·2 is
}

// mulABtSparse is mulABt over the nonzero entries of each row of x.
func mulABtSparse[T Float](y, x, w []T, R, S, C int) {
	var idx [maxSparseS]int32
	var val [maxSparseS]T
	for r := 0; r < R; r++ {
		xr := x[r*S : r*S+S]
		yr := y[r*C : r*C+C]
		n := 0
		for i, v := range xr {
			if v != 0 {
				idx[n], val[n] = int32(i), v
				n++
			}
		}
		ix, vs := idx[:n], val[:n]
		c := 0
		for ; c+4 <= C; c += 4 {
			dotSparse1x4(yr[c:c+4], ix, vs, w[c*S:c*S+S], w[(c+1)*S:(c+1)*S+S], w[(c+2)*S:(c+2)*S+S], w[(c+3)*S:(c+3)*S+S])
		}
		for ; c < C; c++ {
			wc := w[c*S : c*S+S]
			var s0 T
			for j, i := range ix {
				s0 += T(vs[j] * wc[i])
			}
			yr[c] = s0
		}
	}
}

// mulABtDense is mulABt with a 2×4 register tile.
func mulABtDense[T Float](y, x, w []T, R, S, C int) {
	r := 0
	for ; r+2 <= R; r += 2 {
		x0 := x[r*S : r*S+S]
		x1 := x[(r+1)*S : (r+1)*S+S]
		y0 := y[r*C : r*C+C]
		y1 := y[(r+1)*C : (r+1)*C+C]
		c := 0
		// 2×4 register tile: 8 accumulators, 6 loads per 8 multiply-adds.
		for ; c+4 <= C; c += 4 {
			dot2x4(y0[c:c+4], y1[c:c+4], x0, x1, w[c*S:c*S+S], w[(c+1)*S:(c+1)*S+S], w[(c+2)*S:(c+2)*S+S], w[(c+3)*S:(c+3)*S+S])
		}
		for ; c < C; c++ {
			wc := w[c*S : c*S+S]
			var s0, s1 T
			for i, v := range wc {
				s0 += T(x0[i] * v)
				s1 += T(x1[i] * v)
			}
			y0[c], y1[c] = s0, s1
		}
	}
	for ; r < R; r++ {
		xr := x[r*S : r*S+S]
		for c := 0; c < C; c++ {
			wc := w[c*S : c*S+S]
			var s T
			for i, v := range wc {
				s += T(xr[i] * v)
			}
			y[r*C+c] = s
		}
	}
}

// dot2x4 sets y0[j] = x0·wj and y1[j] = x1·wj for j < 4: the 2×4 register
// tile, 8 accumulators, 6 loads per 8 multiply-adds. Not inlined, so that
// under wasm its accumulators and index stay in registers (inlined into
// mulABtDense, Go's wasm back end spilled some to the stack each iteration).
//
//go:noinline
func dot2x4[T Float](y0, y1, x0, x1, w0, w1, w2, w3 []T) {
	x1, w0, w1, w2, w3 = x1[:len(x0)], w0[:len(x0)], w1[:len(x0)], w2[:len(x0)], w3[:len(x0)]
	var s00, s01, s02, s03, s10, s11, s12, s13 T
	for i, a := range x0 {
		b := x1[i]
		v0, v1, v2, v3 := w0[i], w1[i], w2[i], w3[i]
		s00 += T(a * v0)
		s01 += T(a * v1)
		s02 += T(a * v2)
		s03 += T(a * v3)
		s10 += T(b * v0)
		s11 += T(b * v1)
		s12 += T(b * v2)
		s13 += T(b * v3)
	}
	y0[0], y0[1], y0[2], y0[3] = s00, s01, s02, s03
	y1[0], y1[1], y1[2], y1[3] = s10, s11, s12, s13
}

// dotSparse1x4 sets y[j] = Σ vs[k]·wj[ix[k]] for j < 4: four outputs of
// one row over its nonzero inputs (not inlined, as dot2x4).
//
//go:noinline
func dotSparse1x4[T Float](y []T, ix []int32, vs []T, w0, w1, w2, w3 []T) {
	vs = vs[:len(ix)]
	var s0, s1, s2, s3 T
	for j, i := range ix {
		a := vs[j]
		s0 += T(a * w0[i])
		s1 += T(a * w1[i])
		s2 += T(a * w2[i])
		s3 += T(a * w3[i])
	}
	y[0], y[1], y[2], y[3] = s0, s1, s2, s3
}

// mulABtNaive is mulABt's reference.
func mulABtNaive[T Float](y, x, w []T, R, S, C int) {
	for r := 0; r < R; r++ {
		for c := 0; c < C; c++ {
			var s T
			for i := 0; i < S; i++ {
				s += T(x[r*S+i] * w[c*S+i])
			}
			y[r*C+c] = s
		}
	}
}

// addAB adds a · d into y: y (R, C) += a (R, S) · d (S, C), where a is read
// with strides: a[r][s] = a[r*ar + s*as]. With (ar, as) = (S, 1) a is
// row-major; with (1, R) it is the transpose of a row-major (S, R) matrix.
// Dense backward uses it twice: dX += dY·W and dW += dYᵀ·X.
//
// In both, a is dY, mostly zero behind ReLU and dropout; then only its
// nonzero terms are added (addABSparse), in the order and grouping of the
// tiled path, so the two agree bit for bit (as in mulABt).
func addAB[T Float](y, a, d []T, R, S, C, ar, as int) {
	mustLen("addAB y", y, R*C)
	mustLen("addAB d", d, S*C)
	mustLen("addAB a", a, (R-1)*ar+(S-1)*as+1)
	sparse := isSparse(a[:(R-1)*ar+(S-1)*as+1])
	if v := vectorFor[T](C); v != nil {
		v.addAB(float32s(y), float32s(a), float32s(d), R, S, C, ar, as, sparse)
		return
	}
	if sparse {
		addABSparse(y, a, d, R, S, C, ar, as)
		return
	}
	addABDense(y, a, d, R, S, C, ar, as)
}

// addABSparse is addAB adding only nonzero terms. The tiled path sums four
// terms of s at a time for rows in pairs, and one at a time for an odd last
// row; a sum without its zero terms is the same number (up to the sign of a
// zero, which the += into y absorbs), so each group keeps its nonzero terms
// in order.
func addABSparse[T Float](y, a, d []T, R, S, C, ar, as int) {
	paired := R - R%2
	for r := 0; r < R; r++ {
		yr := y[r*C : r*C+C]
		s := 0
		if r < paired {
			for ; s+4 <= S; s += 4 {
				i := r*ar + s*as
				g := [4]T{a[i], a[i+as], a[i+2*as], a[i+3*as]}
				if g == [4]T{} {
					continue // the common case: a quarter nonzero leaves a third of groups empty
				}
				var av [4]T
				var off [4]int // rows of d, as offsets
				n := 0
				for j, v := range g {
					if v != 0 {
						av[n], off[n] = v, (s+j)*C
						n++
					}
				}
				switch n {
				case 1:
					axpy1(yr, d[off[0]:off[0]+C], av[0])
				case 2:
					axpy2(yr, d[off[0]:off[0]+C], d[off[1]:off[1]+C], av[0], av[1])
				case 3:
					axpy3(yr, d[off[0]:off[0]+C], d[off[1]:off[1]+C], d[off[2]:off[2]+C], av[0], av[1], av[2])
				case 4:
					axpy4(yr, d[off[0]:off[0]+C], d[off[1]:off[1]+C], d[off[2]:off[2]+C], d[off[3]:off[3]+C], av[0], av[1], av[2], av[3])
				}
			}
		}
		for ; s < S; s++ {
			av := a[r*ar+s*as]
			if av == 0 {
				continue
			}
			ds := d[s*C : s*C+C][:len(yr)]
			for c, v := range ds {
				yr[c] += T(av * v)
			}
		}
	}
}

// axpy1 … axpy4 add the sum of n scaled rows to y, grouped as the tiled
// path groups them. They are functions of their own, not inlined, so that
// under wasm the loop keeps its index in a register: inside addABSparse,
// Go's wasm back end spilled it to the stack on every iteration.
//
//go:noinline
func axpy1[T Float](y, d0 []T, a0 T) {
	d0 = d0[:len(y)]
	c := 0
	for ; c+4 <= len(y); c += 4 { // unrolled: under wasm each loop back edge is dear
		y4, d4 := y[c:c+4:c+4], d0[c:c+4:c+4]
		y4[0] += T(a0 * d4[0])
		y4[1] += T(a0 * d4[1])
		y4[2] += T(a0 * d4[2])
		y4[3] += T(a0 * d4[3])
	}
	for ; c < len(y); c++ {
		y[c] += T(a0 * d0[c])
	}
}

//go:noinline
func axpy2[T Float](y, d0, d1 []T, a0, a1 T) {
	d0, d1 = d0[:len(y)], d1[:len(y)]
	for c := range y {
		y[c] += T(a0*d0[c]) + T(a1*d1[c])
	}
}

//go:noinline
func axpy3[T Float](y, d0, d1, d2 []T, a0, a1, a2 T) {
	d0, d1, d2 = d0[:len(y)], d1[:len(y)], d2[:len(y)]
	for c := range y {
		y[c] += T(a0*d0[c]) + T(a1*d1[c]) + T(a2*d2[c])
	}
}

//go:noinline
func axpy4[T Float](y, d0, d1, d2, d3 []T, a0, a1, a2, a3 T) {
	d0, d1, d2, d3 = d0[:len(y)], d1[:len(y)], d2[:len(y)], d3[:len(y)]
	for c := range y {
		y[c] += T(a0*d0[c]) + T(a1*d1[c]) + T(a2*d2[c]) + T(a3*d3[c])
	}
}

// addABDense is addAB with a 2×4 register tile.
func addABDense[T Float](y, a, d []T, R, S, C, ar, as int) {
	r := 0
	for ; r+2 <= R; r += 2 {
		y0 := y[r*C : r*C+C]
		y1 := y[(r+1)*C : (r+1)*C+C]
		s := 0
		// 2×4 tile: four rows of d update two rows of y per pass.
		for ; s+4 <= S; s += 4 {
			a00, a01, a02, a03 := a[r*ar+s*as], a[r*ar+(s+1)*as], a[r*ar+(s+2)*as], a[r*ar+(s+3)*as]
			a10, a11, a12, a13 := a[(r+1)*ar+s*as], a[(r+1)*ar+(s+1)*as], a[(r+1)*ar+(s+2)*as], a[(r+1)*ar+(s+3)*as]
			if a00 == 0 && a01 == 0 && a02 == 0 && a03 == 0 && a10 == 0 && a11 == 0 && a12 == 0 && a13 == 0 {
				continue // ReLU and dropout zero much of dY
			}
			d0 := d[s*C : s*C+C]
			d1 := d[(s+1)*C : (s+1)*C+C]
			d2 := d[(s+2)*C : (s+2)*C+C]
			d3 := d[(s+3)*C : (s+3)*C+C]
			for c, v0 := range d0 {
				v1, v2, v3 := d1[c], d2[c], d3[c]
				y0[c] += T(a00*v0) + T(a01*v1) + T(a02*v2) + T(a03*v3)
				y1[c] += T(a10*v0) + T(a11*v1) + T(a12*v2) + T(a13*v3)
			}
		}
		for ; s < S; s++ {
			a0, a1 := a[r*ar+s*as], a[(r+1)*ar+s*as]
			ds := d[s*C : s*C+C]
			for c, v := range ds {
				y0[c] += T(a0 * v)
				y1[c] += T(a1 * v)
			}
		}
	}
	for ; r < R; r++ {
		yr := y[r*C : r*C+C]
		for s := 0; s < S; s++ {
			av := a[r*ar+s*as]
			ds := d[s*C : s*C+C]
			for c, v := range ds {
				yr[c] += T(av * v)
			}
		}
	}
}

// addABNaive is addAB's reference.
func addABNaive[T Float](y, a, d []T, R, S, C, ar, as int) {
	for r := 0; r < R; r++ {
		for c := 0; c < C; c++ {
			var sum T
			for s := 0; s < S; s++ {
				sum += T(a[r*ar+s*as] * d[s*C+c])
			}
			y[r*C+c] += sum
		}
	}
}
