package model

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os/exec"
	"runtime"
	"testing"
)

// withVector runs f with the kernels switched to set (nil: scalar).
func withVector(set *vectorKernels, f func()) {
	saved := vector
	vector = set
	defer func() { vector = saved }()
	f()
}

// vectorSetsOrSkip returns the vector kernel sets of this build and CPU.
func vectorSetsOrSkip(t *testing.T) []*vectorKernels {
	t.Helper()
	if len(vectorKernelSets) == 0 {
		t.Skipf("no vector kernels in this build (%s/%s; they need GOEXPERIMENT=simd, and AVX2 on amd64)", runtime.GOOS, runtime.GOARCH)
	}
	return vectorKernelSets
}

// kernelInput draws n values: a share density of them normal, the rest
// zeros of either sign (ReLU gives +0, dropout of a negative input −0).
func kernelInput(rng *rand.Rand, n int, density float64) []float32 {
	v := make([]float32, n)
	for i := range v {
		switch {
		case rng.Float64() < density:
			v[i] = float32(rng.NormFloat64())
		case rng.IntN(2) == 0:
			v[i] = float32(math.Copysign(0, -1))
		}
	}
	return v
}

func sameBits(t *testing.T, what string, got, want []float32) {
	t.Helper()
	for i := range want {
		if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
			t.Fatalf("%s: [%d] = %v (%#08x), scalar %v (%#08x)", what, i, got[i], math.Float32bits(got[i]), want[i], math.Float32bits(want[i]))
		}
	}
}

// Every vector kernel gives its scalar twin's bits, on shapes with rows,
// columns and shared dimensions that are not multiples of the tiles or the
// vector width, dense and mostly-zero inputs, and a gradient buffer that
// already holds values.
func TestVectorKernelsBitIdentical(t *testing.T) {
	for _, set := range vectorSetsOrSkip(t) {
		rng := rand.New(rand.NewPCG(11, 12))
		for _, R := range []int{1, 2, 3, 4, 5, 7, 9, 64} {
			for _, S := range []int{1, 3, 4, 5, 9, 33, 200} {
				for _, C := range []int{1, 3, 4, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 200} {
					for _, density := range []float64{1, 0.25} {
						where := func(kernel string) string {
							return set.name + " " + kernel + " " + shapeString(R, S, C, density)
						}
						x, w := kernelInput(rng, R*S, density), kernelInput(rng, C*S, 1)
						want, got := make([]float32, R*C), make([]float32, R*C)
						mulABtDense(want, x, w, R, S, C)
						set.mulABt(got, x, w, R, S, C, false)
						sameBits(t, where("mulABt dense"), got, want)
						mulABtSparse(want, x, w, R, S, C)
						clear(got)
						set.mulABt(got, x, w, R, S, C, true)
						sameBits(t, where("mulABt sparse"), got, want)

						d, acc := kernelInput(rng, S*C, 1), kernelInput(rng, R*C, 1)
						for _, stride := range [][2]int{{S, 1}, {1, R}} { // a row-major, and a transposed (S, R)
							ar, as := stride[0], stride[1]
							want := append([]float32(nil), acc...)
							got := append([]float32(nil), acc...)
							addABDense(want, x, d, R, S, C, ar, as)
							set.addAB(got, x, d, R, S, C, ar, as, false)
							sameBits(t, where("addAB dense"), got, want)
							copy(want, acc)
							copy(got, acc)
							addABSparse(want, x, d, R, S, C, ar, as)
							set.addAB(got, x, d, R, S, C, ar, as, true)
							sameBits(t, where("addAB sparse"), got, want)
						}
					}
				}
			}
		}
	}
}

func shapeString(R, S, C int, density float64) string {
	return fmt.Sprintf("R=%d S=%d C=%d density=%g", R, S, C, density)
}

// And whole models: FLSEST (and xDeepFM, DeepFM) trained with each vector
// set ends with the weights the scalar kernels give (the pinned hashes of
// exp_test.go check the scalar kernels themselves on every platform).
func TestVectorKernelsTrainBitIdentical(t *testing.T) {
	sets := vectorSetsOrSkip(t)
	for _, edit := range []func(*Config){
		func(c *Config) { c.Hidden = []int{64, 48} }, // ReLU and dropout: the sparse paths
		// tanh, and DiceFactor: FwBI's products masked per sample
		func(c *Config) { c.Hidden = []int{40, 24}; c.Activation = "tanh"; c.Dropout = 0; c.DiceFactor = 0.2 },
		func(c *Config) { testArchitectures["xdeepfm"](c); c.CIN = []int{12, 8}; c.Hidden = []int{32, 16} }, // CIN's products
		func(c *Config) { testArchitectures["deepfm"](c); c.Hidden = []int{64, 48} },
	} {
		var scalar string
		withVector(nil, func() { scalar = trainedWeightsHash(t, edit) })
		for _, set := range sets {
			withVector(set, func() {
				if got := trainedWeightsHash(t, edit); got != scalar {
					t.Errorf("%s: weights hash %s, scalar kernels %s", set.name, got, scalar)
				}
			})
		}
	}
}

// The other widths' files are generated from the Float32x8 one.
func TestVectorKernelsGenerated(t *testing.T) {
	if runtime.GOOS == "js" || testing.Short() {
		t.Skip("needs the go command")
	}
	if out, err := exec.Command("go", "run", "gen_vector_kernels.go", "-check").CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
}

// addProducts gives fwbi.go's scalar loop's bits: every width of h (whole
// vectors and a part), weights of either sign, an h that already holds
// values, and several rows, each with its own base.
func TestVectorAddProductsBitIdentical(t *testing.T) {
	for _, set := range vectorSetsOrSkip(t) {
		rng := rand.New(rand.NewPCG(13, 14))
		for _, K := range []int{1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 33} {
			for _, rows := range []int{1, 3} {
				stride := 6*K + 1 // rows of base not aligned to vectors
				base := kernelInput(rng, rows*stride, 0.9)
				terms := []productTerm{{0.75, 0, K}, {-1.5, 2 * K, 5 * K}, {2, K, 4 * K}, {1e-3, 3 * K, 3 * K}}
				h := kernelInput(rng, rows*K, 1)
				want := append([]float32(nil), h...)
				for r := range rows {
					for _, tm := range terms {
						for i := range K {
							want[r*K+i] += float32(tm.w * base[r*stride+tm.a+i] * base[r*stride+tm.b+i])
						}
					}
				}
				set.addProducts(h, base, terms, K, stride)
				sameBits(t, fmt.Sprintf("%s addProducts K=%d rows=%d", set.name, K, rows), h, want)
			}
		}
	}
}

// specialValues are the inputs where elementwise kernels can differ from
// their scalar loops: zeros of either sign, infinities, the largest and
// smallest (subnormal) floats, and values at a threshold of ±0.5.
var specialValues = []float32{0, float32(math.Copysign(0, -1)), float32(math.Inf(1)), float32(math.Inf(-1)), math.MaxFloat32, -math.MaxFloat32, math.SmallestNonzeroFloat32, -math.SmallestNonzeroFloat32, 0.5, -0.5}

// add and relu give their scalar loops' bits, at every
// length (whole vectors and a part), on normal and special values.
func TestVectorElementwiseBitIdentical(t *testing.T) {
	for _, set := range vectorSetsOrSkip(t) {
		rng := rand.New(rand.NewPCG(15, 16))
		for _, n := range []int{1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 33, 100} {
			x, y := kernelInput(rng, n, 0.7), kernelInput(rng, n, 0.7)
			for i := range x {
				if rng.IntN(4) == 0 {
					x[i] = specialValues[rng.IntN(len(specialValues))]
				}
			}
			where := func(kernel string) string { return fmt.Sprintf("%s %s n=%d", set.name, kernel, n) }

			want := append([]float32(nil), y...)
			for i, v := range x {
				want[i] += v
			}
			got := append([]float32(nil), y...)
			set.add(got, x)
			sameBits(t, where("add"), got, want)

			want = append(want[:0], x...)
			withVector(nil, func() { activate(ReLU, want) })
			got = append(got[:0], x...)
			set.relu(got)
			sameBits(t, where("relu"), got, want)
		}
	}
}

// The kernels on rows (addRows, addBias, softThresholdAdd) give their
// scalar loops' bits, for rows of every length (whole vectors and a part),
// on normal and special values, each row with its own parameters.
func TestVectorRowKernelsBitIdentical(t *testing.T) {
	for _, set := range vectorSetsOrSkip(t) {
		rng := rand.New(rand.NewPCG(23, 24))
		for _, K := range []int{1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 33, 100} {
			const rows = 6
			x, y := kernelInput(rng, rows*K, 0.7), kernelInput(rng, rows*K, 0.7)
			for i := range x {
				if rng.IntN(4) == 0 {
					x[i] = specialValues[rng.IntN(len(specialValues))]
				}
			}
			where := func(kernel string) string { return fmt.Sprintf("%s %s K=%d", set.name, kernel, K) }

			at := []int{2, 0, 2, 3, 0, 1} // rows of x into rows of y, some twice
			want := append([]float32(nil), y...)
			for i, r := range at {
				for t := range K {
					want[r*K+t] += x[i*K+t]
				}
			}
			got := append([]float32(nil), y...)
			set.addRows(got, x, at)
			sameBits(t, where("addRows"), got, want)

			bias := x[:K]
			for _, relu := range []bool{false, true} {
				want = append(want[:0], y...)
				for i := range want {
					want[i] += bias[i%K]
				}
				if relu {
					withVector(nil, func() { activate(ReLU, want) })
				}
				got = append(got[:0], y...)
				set.addBias(got, bias, relu)
				sameBits(t, where(fmt.Sprintf("addBias relu=%v", relu)), got, want)
			}

			lambda := []float32{0.5, 0, 0.1, -0.5, 0.25, float32(math.Inf(1))}
			w := []float32{0.25, -1, 0, 2, float32(math.Copysign(0, -1)), 1}
			for i, v := range x {
				want[i] = softThreshold(v, lambda[i/K]) + float32(w[i/K]*v)
			}
			set.softThresholdAdd(got, x, lambda, w)
			sameBits(t, where("softThresholdAdd"), got, want)
		}
	}
}

// The vector Adam step gives the scalar loop's bits, at lengths with and
// without a tail after the last whole vector, over steps whose moments grow
// from zero, with gradients of every size including zeros and subnormals.
func TestVectorAdamBitIdentical(t *testing.T) {
	for _, set := range vectorSetsOrSkip(t) {
		rng := rand.New(rand.NewPCG(19, 20))
		for _, n := range []int{1, 7, 8, 9, 33, 100} {
			adams := [2]*Adam[float32]{{LR: 1e-3, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8}, {LR: 1e-3, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8}}
			var w, m, v [2][]float32
			w0 := kernelInput(rng, n, 1)
			for k := range 2 {
				w[k], m[k], v[k] = append([]float32(nil), w0...), make([]float32, n), make([]float32, n)
			}
			for step := range 5 {
				g := kernelInput(rng, n, 0.8)
				g[rng.IntN(n)] = specialValues[6+rng.IntN(4)] // a subnormal or ±0.5
				withVector(nil, func() { adams[0].next().update(w[0], g, m[0], v[0]) })
				withVector(set, func() { adams[1].next().update(w[1], g, m[1], v[1]) })
				where := fmt.Sprintf("%s adam n=%d step %d", set.name, n, step+1)
				sameBits(t, where+" w", w[1], w[0])
				sameBits(t, where+" m", m[1], m[0])
				sameBits(t, where+" v", v[1], v[0])
			}
		}
	}
}

// addScaled gives L2's scalar loop's bits, and allFinite finds a NaN or
// ±Inf anywhere (in a whole vector or the part after the last), as
// firstNonFinite's scalar test does.
func TestVectorL2AndFiniteCheck(t *testing.T) {
	for _, set := range vectorSetsOrSkip(t) {
		rng := rand.New(rand.NewPCG(21, 22))
		for _, n := range []int{1, 3, 8, 9, 33, 100} {
			x, y := kernelInput(rng, n, 0.8), kernelInput(rng, n, 1)
			x[rng.IntN(n)] = specialValues[rng.IntN(len(specialValues))]
			const c = 2e-5
			want := append([]float32(nil), y...)
			for i, v := range x {
				want[i] += float32(c * v)
			}
			got := append([]float32(nil), y...)
			done := set.addScaled(got, x, c)
			for i := done; i < n; i++ {
				got[i] += float32(c * x[i])
			}
			sameBits(t, fmt.Sprintf("%s addScaled n=%d", set.name, n), got, want)

			finite := kernelInput(rng, n, 0.8)
			if !set.allFinite(finite) {
				t.Fatalf("%s allFinite n=%d: false on finite values", set.name, n)
			}
			for i := range n {
				for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
					s := append([]float32(nil), finite...)
					s[i] = float32(bad)
					if set.allFinite(s) {
						t.Fatalf("%s allFinite n=%d: true with %v at %d", set.name, n, bad, i)
					}
				}
			}
		}
	}
}
