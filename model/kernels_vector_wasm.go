//go:build goexperiment.simd && wasm

package model

// Under wasm the vector kernels use SIMD128, which a module either has or
// fails to load with: there is nothing to check at run time.
func init() {
	vectorKernelSets = append(vectorKernelSets, vectorKernelsX4)
	vector = vectorKernelsX4
}

// clearUpperBits is for AVX's sake (kernels_vector_amd64.go): nothing here.
func clearUpperBits() {}
