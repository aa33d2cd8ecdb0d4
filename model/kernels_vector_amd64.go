//go:build goexperiment.simd && amd64

package model

import "simd/archsimd"

// Natively the vector kernels need AVX2 (archsimd's broadcasts use it);
// Float32x16 needs AVX-512 as well, and is used where present.
// GODEBUG=cpu.avx2=off (or cpu.avx512f=off) turns a set off, for tests and
// measurements.
func init() {
	if !archsimd.X86.AVX2() {
		return
	}
	vectorKernelSets = append(vectorKernelSets, vectorKernelsX8)
	vector = vectorKernelsX8
	if archsimd.X86.AVX512() { // 1.2–1.9× Float32x8 on every kernel (BENCHMARKS.md, "Kernels")
		vectorKernelSets = append(vectorKernelSets, vectorKernelsX16)
		vector = vectorKernelsX16
	}
}

// clearUpperBits ends each vector kernel: Go does not yet emit VZEROUPPER
// itself, and after AVX code leaves the vector registers' upper halves
// dirty, the scalar (SSE) code that follows ran several times slower on the
// machine measured (BENCHMARKS.md, "Kernels").
func clearUpperBits() { archsimd.ClearAVXUpperBits() }
