package model

import (
	"math"
	"sync"
	"unsafe"
)

// vectorKernels is one set of float32 kernels on the CPU's vector unit
// (kernels_vector_*.go, with Go's simd/archsimd under GOEXPERIMENT=simd):
// Float32x4 under wasm (SIMD128), Float32x8 on amd64 (AVX2; on Float32x16,
// kernels_vector_amd64.go). Each mirrors a scalar kernel with vector lanes over outputs,
// adding every output's rounded products in the scalar order and grouping
// (Mul then Add: no fused multiply-add), so a set changes speed, never a
// bit; kernels_vector_test.go checks each against the scalar kernels.
type vectorKernels struct {
	name  string
	lanes int
	// mulABtDense and mulABtSparse take w transposed and padded with zero
	// columns to whole vectors, (S, paddedCols(C, lanes)), so that a vector
	// loads neighbouring outputs.
	mulABtDense, mulABtSparse func(y, x, wT []float32, R, S, C int)
	// addGroups adds to a row y the sum of each termGroup, in order.
	addGroups func(y, d []float32, groups []termGroup)
	// addProducts adds to each row of h (rows of K) each productTerm's
	// product, in order, the terms' rows read from base at row·stride
	// (FwBI).
	addProducts func(h, base []float32, terms []productTerm, K, stride int)
	// Element by element, any length: add sets y += x (embeddings), relu
	// sets y = zeroUnless(y > 0, y). The others take rows, each one call
	// for many rows: addRows adds row i of x to row at[i] of y, in order
	// (FwBI's domain sums); addBias adds b to every row of y, then with
	// relu applies relu (Dense's bias and σ); softThresholdAdd sets row i
	// of v to softThreshold(e, λ[i]) + w[i]·e, e row i of e (SEST, eq 8).
	add              func(y, x []float32)
	relu             func(y []float32)
	addRows          func(y, x []float32, at []int)
	addBias          func(y, b []float32, relu bool)
	softThresholdAdd func(v, e, lambda, w []float32)
	// adam is optimizer.go's adamStep.update on the whole vectors at the
	// start of g; it returns how many values it updated.
	adam func(w, g, m, v []float32, s adamStep[float32]) int
	// addScaled sets y += c·x, each product rounded, on the whole vectors
	// at the start of y (L2's gradient); it returns how many it did.
	addScaled func(y, x []float32, c float32) int
	// allFinite reports whether no value of s is NaN or ±Inf.
	allFinite func(s []float32) bool
}

// vectorKernelSets are the sets this build and CPU can run, and vector the
// one the kernels use (nil: the scalar kernels). The architecture's file
// fills them at start-up; tests switch between them.
var (
	vectorKernelSets []*vectorKernels
	vector           *vectorKernels
)

// minVectorRows is the fewest rows for which mulABt transposes W to use
// vectors: transposing costs about what one row of scalar products does.
const minVectorRows = 4

// vectorFor returns the vector kernels for a product with C outputs per
// row, or nil where the scalar kernels run: float64 (the gradient checks),
// no vector unit, or fewer outputs than lanes.
func vectorFor[T Float](C int) *vectorKernels {
	var zero T
	if unsafe.Sizeof(zero) != 4 || vector == nil || C < vector.lanes {
		return nil
	}
	return vector
}

// float32s views a float32 model's buffer as []float32 (T is float32 or a
// type defined on it: vectorFor checked its size).
func float32s[T Float](s []T) []float32 {
	return unsafe.Slice((*float32)(unsafe.Pointer(unsafe.SliceData(s))), len(s))
}

// mulABt is kernels.go's mulABt on vectors: it transposes w into a pooled
// buffer (pooled, because data-parallel replicas run kernels at once).
func (v *vectorKernels) mulABt(y, x, w []float32, R, S, C int, sparse bool) {
	ldw := paddedCols(C, v.lanes)
	buf := transposed.Get().(*[]float32)
	if cap(*buf) < S*ldw {
		*buf = make([]float32, S*ldw)
	}
	wT := (*buf)[:S*ldw]
	transpose(wT, w, C, S, ldw)
	if sparse {
		v.mulABtSparse(y, x, wT, R, S, C)
	} else {
		v.mulABtDense(y, x, wT, R, S, C)
	}
	transposed.Put(buf)
}

var transposed = sync.Pool{New: func() any { return new([]float32) }}

// paddedCols is C rounded up to whole vectors of lanes (a power of two).
func paddedCols(C, lanes int) int { return (C + lanes - 1) &^ (lanes - 1) }

// transpose sets t (cols, ld) to the transpose of m (rows, cols), the
// columns from rows to ld zero; in blocks that stay in cache, four rows of
// m at a time so that each column of m goes to t with one bounds check
// (twice as fast under wasm as one element at a time).
func transpose(t, m []float32, rows, cols, ld int) {
	const block = 32
	for c0 := 0; c0 < cols; c0 += block {
		c1 := min(c0+block, cols)
		r := 0
		for ; r+4 <= rows; r += 4 {
			m0 := m[r*cols+c0 : r*cols+c1]
			m1 := m[(r+1)*cols+c0 : (r+1)*cols+c1][:len(m0)]
			m2 := m[(r+2)*cols+c0 : (r+2)*cols+c1][:len(m0)]
			m3 := m[(r+3)*cols+c0 : (r+3)*cols+c1][:len(m0)]
			for j, v := range m0 {
				tc := t[(c0+j)*ld+r:][:4]
				tc[0], tc[1], tc[2], tc[3] = v, m1[j], m2[j], m3[j]
			}
		}
		for ; r < rows; r++ {
			for j, v := range m[r*cols+c0 : r*cols+c1] {
				t[(c0+j)*ld+r] = v
			}
		}
	}
	for c := 0; c < cols; c++ {
		clear(t[c*ld+rows : c*ld+ld])
	}
}

// termGroup is a sum of n ≤ 4 terms a[k]·(row of d at off[k]), added left
// to right, that addAB adds to a row of y with one +=.
type termGroup struct {
	a   [4]float32
	off [4]int
	n   int
}

// addAB is kernels.go's addAB on vectors. It lists, row by row, the groups
// in which the scalar kernel (addABDense, or addABSparse when sparse) adds
// its terms: rows in pairs take four terms of s per += (the dense kernel
// skips a four whose eight values for the pair are all zero; the sparse one
// keeps each four's nonzero terms, skipping empty ones), the s left over
// and an odd last row one term per += (the sparse kernel, nonzero ones
// only). Then addGroups adds them, y's row held in vector registers. The
// lists are built without branches on the values (their zeros fall at
// random, so branches would mispredict), from a copy of a made row-major
// when it is read transposed.
func (v *vectorKernels) addAB(y, a, d []float32, R, S, C, ar, as int, sparse bool) {
	buf := termGroups.Get().(*addABBuffers)
	if cap(buf.groups) < S {
		buf.groups = make([]termGroup, S)
	}
	if as != 1 {
		if cap(buf.a) < R*S {
			buf.a = make([]float32, R*S)
		}
		at := buf.a[:R*S]
		for r := 0; r < R; r++ {
			row := at[r*S : r*S+S]
			for s := range row {
				row[s] = a[r*ar+s*as]
			}
		}
		a, ar = at, S
	}
	groups := buf.groups[:S]
	paired := R - R%2
	for r := 0; r < R; r++ {
		row := a[r*ar : r*ar+S]
		n := 0      // groups listed
		single := 0 // where terms go one per +=
		if r < paired {
			single = S - S%4
			pr := a[(r^1)*ar : (r^1)*ar+S] // the pair's other row
			for s := 0; s < single; s += 4 {
				t := &groups[n]
				q := row[s : s+4 : s+4]
				if sparse {
					k := 0
					for j, av := range q {
						t.a[k&3], t.off[k&3] = av, (s+j)*C
						k += nonzero(av)
					}
					t.n = k
					n += nonzero(float32(k))
				} else {
					t.a, t.off, t.n = [4]float32(q), [4]int{s * C, (s + 1) * C, (s + 2) * C, (s + 3) * C}, 4
					p := pr[s : s+4 : s+4]
					n += nonzero(q[0]) | nonzero(q[1]) | nonzero(q[2]) | nonzero(q[3]) | nonzero(p[0]) | nonzero(p[1]) | nonzero(p[2]) | nonzero(p[3])
				}
			}
		}
		for s := single; s < S; s++ {
			t := &groups[n]
			t.a[0], t.off[0], t.n = row[s], s*C, 1
			if sparse {
				n += nonzero(row[s])
			} else {
				n++
			}
		}
		if n > 0 {
			v.addGroups(y[r*C:r*C+C], d, groups[:n])
		}
	}
	termGroups.Put(buf)
}

// productTerm is one of FwBI's products w·a⊙b, a and b the rows of a base
// buffer at offsets a and b.
type productTerm struct {
	w    float32
	a, b int
}

// nonzero is 1 if v ≠ 0 (either zero's sign counts as zero), else 0,
// without a branch.
func nonzero(v float32) int {
	b := math.Float32bits(v) << 1 // drop the sign
	return int((b | -b) >> 31)
}

// addABBuffers are addAB's scratch: the term groups of a row, and a
// row-major copy of a.
type addABBuffers struct {
	groups []termGroup
	a      []float32
}

var termGroups = sync.Pool{New: func() any { return new(addABBuffers) }}
