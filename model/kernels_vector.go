package model

import (
	"sync"
	"unsafe"
)

// vectorKernels is one set of float32 kernels on the CPU's vector unit
// (kernels_vector_*.go, with Go's simd/archsimd under GOEXPERIMENT=simd):
// Float32x4 under wasm (SIMD128), Float32x8 and Float32x16 on amd64 (AVX2,
// AVX-512). Each mirrors a scalar kernel with vector lanes over outputs,
// adding every output's rounded products in the scalar order and grouping
// (Mul then Add: no fused multiply-add), so a set changes speed, never a
// bit; kernels_vector_test.go checks each against the scalar kernels.
type vectorKernels struct {
	name  string
	lanes int
	// mulABtDense and mulABtSparse take w transposed as wT (S, C), so that
	// a vector loads neighbouring outputs; w itself serves the columns left
	// over after the last whole vector.
	mulABtDense, mulABtSparse func(y, x, wT, w []float32, R, S, C int)
	addABDense, addABSparse   func(y, a, d []float32, R, S, C, ar, as int)
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
// buffer (the pool, because data-parallel replicas run kernels at once).
func (v *vectorKernels) mulABt(y, x, w []float32, R, S, C int, sparse bool) {
	buf := transposed.Get().(*[]float32)
	if cap(*buf) < S*C {
		*buf = make([]float32, S*C)
	}
	wT := (*buf)[:S*C]
	transpose(wT, w, C, S)
	if sparse {
		v.mulABtSparse(y, x, wT, w, R, S, C)
	} else {
		v.mulABtDense(y, x, wT, w, R, S, C)
	}
	transposed.Put(buf)
}

var transposed = sync.Pool{New: func() any { return new([]float32) }}

// transpose sets t (cols, rows) to the transpose of m (rows, cols), in
// blocks that stay in cache.
func transpose(t, m []float32, rows, cols int) {
	const block = 32
	for r0 := 0; r0 < rows; r0 += block {
		r1 := min(r0+block, rows)
		for c0 := 0; c0 < cols; c0 += block {
			c1 := min(c0+block, cols)
			for r := r0; r < r1; r++ {
				mr := m[r*cols : r*cols+cols]
				for c := c0; c < c1; c++ {
					t[c*rows+r] = mr[c]
				}
			}
		}
	}
}

// dotRow is x·w summed in order, one output of mulABtDense's scalar loops:
// the vector kernels use it for the columns after the last whole vector.
func dotRow(x, w []float32) float32 {
	w = w[:len(x)]
	var s float32
	for i, v := range x {
		s += float32(v * w[i])
	}
	return s
}
