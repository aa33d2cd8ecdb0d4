//go:build goexperiment.simd && amd64

package model

import "simd/archsimd"

// Natively the vector kernels need AVX2 (archsimd's broadcasts use it);
// Float32x16 needs AVX-512 as well. GODEBUG=cpu.avx2=off (or
// cpu.avx512f=off) turns a set off, for tests and measurements.
func init() {
	if !archsimd.X86.AVX2() {
		return
	}
	vectorKernelSets = append(vectorKernelSets, vectorKernelsX8)
	if archsimd.X86.AVX512() {
		vectorKernelSets = append(vectorKernelSets, vectorKernelsX16)
	}
	vector = vectorKernelsX8
}
