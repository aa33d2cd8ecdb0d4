package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

func randSlice(rng *rand.Rand, n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = rng.NormFloat64()
	}
	return s
}

// The tiled kernels must agree with their naive twins for every shape
// remainder (odd rows, columns not a multiple of 4, zero blocks).
func TestKernelsMatchNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, R := range []int{1, 2, 3, 5, 8} {
		for _, S := range []int{1, 3, 4, 7, 16} {
			for _, C := range []int{1, 4, 5, 9} {
				x, w := randSlice(rng, R*S), randSlice(rng, C*S)
				y, yRef := make([]float64, R*C), make([]float64, R*C)
				mulABt(y, x, w, R, S, C)
				mulABtNaive(yRef, x, w, R, S, C)
				assertClose(t, "mulABt", y, yRef, R, S, C)

				a, d := randSlice(rng, R*S), randSlice(rng, S*C)
				for i := 0; i < len(a); i += 3 {
					a[i] = 0 // exercise the zero-skip path
				}
				acc, accRef := randSlice(rng, R*C), make([]float64, R*C)
				copy(accRef, acc)
				addAB(acc, a, d, R, S, C, S, 1)
				addABNaive(accRef, a, d, R, S, C, S, 1)
				assertClose(t, "addAB", acc, accRef, R, S, C)

				// Transposed a: a is (S, R) row-major, read as (R, S).
				acc2, acc2Ref := make([]float64, R*C), make([]float64, R*C)
				addAB(acc2, a, d, R, S, C, 1, R)
				addABNaive(acc2Ref, a, d, R, S, C, 1, R)
				assertClose(t, "addAB transposed", acc2, acc2Ref, R, S, C)
			}
		}
	}
}

func assertClose(t *testing.T, what string, got, want []float64, R, S, C int) {
	t.Helper()
	for i := range got {
		if math.Abs(got[i]-want[i]) > 1e-12*(1+math.Abs(want[i])) {
			t.Fatalf("%s R=%d S=%d C=%d: [%d] = %v, naive %v", what, R, S, C, i, got[i], want[i])
		}
	}
}

// The sparse paths give the tiled paths' results bit for bit, for every
// shape remainder, so a zero count near the threshold can never change a
// trained model (kernels_vector_test.go checks the vector kernels' sparse
// paths the same way). No switch turns them off: the choice is the data's.
func TestSparseKernelsBitIdentical(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	sparse := func(n int) []float32 {
		s := make([]float32, n)
		for i := range s {
			if rng.IntN(4) == 0 {
				s[i] = float32(rng.NormFloat64())
			}
		}
		return s
	}
	dense := func(n int) []float32 {
		s := make([]float32, n)
		for i := range s {
			s[i] = float32(rng.NormFloat64())
		}
		return s
	}
	same := func(what string, a, b []float32) {
		t.Helper()
		for i := range a {
			if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
				t.Fatalf("%s: [%d] sparse %v, tiled %v", what, i, a[i], b[i])
			}
		}
	}
	for _, R := range []int{1, 2, 3, 7, 64} {
		for _, S := range []int{1, 3, 4, 9, 200} {
			for _, C := range []int{1, 3, 4, 13, 200} {
				x, w := sparse(R*S), dense(C*S)
				y1, y2 := make([]float32, R*C), make([]float32, R*C)
				mulABtSparse(y1, x, w, R, S, C)
				mulABtDense(y2, x, w, R, S, C)
				same("mulABt", y1, y2)

				d := dense(S * C)
				acc := dense(R * C)
				y3, y4 := append([]float32(nil), acc...), append([]float32(nil), acc...)
				addABSparse(y3, x, d, R, S, C, S, 1)
				addABDense(y4, x, d, R, S, C, S, 1)
				same("addAB", y3, y4)
				clear(y3)
				clear(y4)
				addABSparse(y3, x, d, R, S, C, 1, R) // x read as the transpose of (S, R)
				addABDense(y4, x, d, R, S, C, 1, R)
				same("addAB transposed", y3, y4)
			}
		}
	}
}

// isSparse, which stops counting early, agrees with counting every nonzero,
// at the 40% boundary and around its blocks, its zeros of either sign.
func TestIsSparseCountsAsReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	for _, n := range []int{0, 1, 2, 5, 10, 63, 64, 65, 127, 128, 200, 1000} {
		for _, k := range []int{0, n*2/5 - 1, n * 2 / 5, n*2/5 + 1, n / 2, n} {
			k = min(max(0, k), n)
			v := make([]float32, n) // k nonzeros at random places, among zeros of either sign
			for i := 0; i < n; i += 2 {
				v[i] = float32(math.Copysign(0, -1))
			}
			for _, i := range rng.Perm(n)[:k] {
				v[i] = float32(rng.NormFloat64())
			}
			nz := 0
			for _, x := range v {
				if x != 0 {
					nz++
				}
			}
			if got, want := isSparse(v), nz*5 < n*2; got != want {
				t.Fatalf("n=%d, %d nonzero: isSparse = %v, want %v", n, nz, got, want)
			}
		}
	}
}
