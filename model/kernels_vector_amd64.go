//go:build goexperiment.simd && amd64

package model

import "simd/archsimd"

// Natively the vector kernels need AVX2 (archsimd's broadcasts use it).
// GODEBUG=cpu.avx2=off turns them off, for tests and measurements.
//
// Float32x16 (AVX-512) was tried, the same code at twice the width: each
// kernel alone ran 1.2–1.9× faster than Float32x8, but the scalar code run
// after it (the rest of a step) about 2× slower even after VZEROUPPER
// (perhaps because the compiler used Z16 and Z17, which VZEROUPPER leaves
// dirty), so a whole forward pass took 2.7× longer than with Float32x8.
func init() {
	if archsimd.X86.AVX2() {
		vectorKernelSets = append(vectorKernelSets, vectorKernelsX8)
		vector = vectorKernelsX8
	}
}

// clearUpperBits ends each vector kernel: Go does not yet emit VZEROUPPER
// itself, and after AVX code leaves the vector registers' upper halves
// dirty, the scalar (SSE) code that follows ran 2–5× slower on the machine
// measured.
func clearUpperBits() { archsimd.ClearAVXUpperBits() }
