package model

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// The choices in kernels.go, each against its alternatives, at DeepFM
// 200-200's shapes (batch 128; 8 fields × K 16 = 128 inputs): which matrix
// layout, tile, sparse path and epilogue is faster, natively and under
// wasm. BENCHMARKS.md ("Kernels") records a run; a variant is used only where
// it was faster.
//
//	go test -run '^$' -bench Kernels ./model/
//	GOOS=js GOARCH=wasm go test -run '^$' -bench Kernels ./model/   (go_js_wasm_exec on PATH)

// kernelShape is one Dense layer of the MLP: R samples, S inputs, C outputs;
// density is the share of nonzero inputs (1 for the embeddings, about a
// quarter behind ReLU and dropout 0.5).
type kernelShape struct {
	name    string
	R, S, C int
	density float64
}

var kernelShapes = []kernelShape{
	{"layer1 (128→200, dense input)", 128, 128, 200, 1},
	{"layer2 (200→200, ¼ nonzero input)", 128, 200, 200, 0.25},
}

func sparseRandom(rng *rand.Rand, n int, density float64) []float32 {
	v := make([]float32, n)
	for i := range v {
		if rng.Float64() < density {
			v[i] = float32(rng.NormFloat64())
		}
	}
	return v
}

func BenchmarkKernels(b *testing.B) {
	for _, sh := range kernelShapes {
		R, S, C := sh.R, sh.S, sh.C
		rng := rand.New(rand.NewPCG(1, 2))
		x := sparseRandom(rng, R*S, sh.density)
		w := sparseRandom(rng, C*S, 1) // (C, S): the layout Dense keeps
		wT := make([]float32, S*C)     // (S, C): the untransposed layout
		for c := 0; c < C; c++ {
			for s := 0; s < S; s++ {
				wT[s*C+c] = w[c*S+s]
			}
		}
		bias := sparseRandom(rng, C, 1)
		dy := sparseRandom(rng, R*C, 0.25) // behind ReLU and dropout
		y := make([]float32, R*C)
		dW := make([]float32, C*S)
		dx := make([]float32, R*S)
		flops := float64(2 * R * S * C)
		run := func(name string, f func()) {
			b.Run(fmt.Sprintf("%s/%s", sh.name, name), func(b *testing.B) {
				for b.Loop() {
					f()
				}
				b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			})
		}
		// Forward y = x·Wᵀ (+ b, ReLU).
		run("forward/naive", func() { mulABtNaive(y, x, w, R, S, C) })
		run("forward/untransposed W, tiled", func() { clear(y); addABDense(y, x, wT, R, S, C, S, 1) })
		run("forward/tiled 2×4", func() { mulABtDense(y, x, w, R, S, C) })
		if sh.density < 1 {
			run("forward/sparse", func() { mulABtSparse(y, x, w, R, S, C) })
		}
		run("forward/as used", func() { mulABt(y, x, w, R, S, C) })
		run("forward+bias+ReLU/tiled, then two passes", func() {
			mulABtDense(y, x, w, R, S, C)
			addRowBias(y, bias, R, C)
			activate(ReLU, y)
		})
		run("forward+bias+ReLU/tiled, fused epilogue", func() { mulABtBiasReLU(y, x, w, bias, R, S, C) })
		run("forward+bias+ReLU/as used", func() {
			mulABt(y, x, w, R, S, C)
			addRowBiasActivate(ReLU, y, bias, R, C)
		})
		// Backward dW += dyᵀ·x and dx += dy·W.
		run("dW/naive", func() { addABNaive(dW, dy, x, C, R, S, 1, C) })
		run("dW/tiled 2×4", func() { addABDense(dW, dy, x, C, R, S, 1, C) })
		run("dW/sparse", func() { addABSparse(dW, dy, x, C, R, S, 1, C) })
		run("dx/naive", func() { addABNaive(dx, dy, w, R, C, S, C, 1) })
		run("dx/tiled 2×4", func() { addABDense(dx, dy, w, R, C, S, C, 1) })
		run("dx/sparse", func() { addABSparse(dx, dy, w, R, C, S, C, 1) })
		// The vector kernels of this build and CPU (kernels_vector.go:
		// Float32x8 natively, Float32x4 under wasm, so that the rows of
		// both say "vector"); the forward ones include transposing W.
		for _, v := range vectorKernelSets {
			label := "vector"
			if len(vectorKernelSets) > 1 {
				label += " " + v.name
			}
			run("forward/"+label, func() { v.mulABt(y, x, w, R, S, C, false) })
			if sh.density < 1 {
				run("forward/"+label+" sparse", func() { v.mulABt(y, x, w, R, S, C, true) })
			}
			run("dW/"+label, func() { v.addAB(dW, dy, x, C, R, S, 1, C, false) })
			run("dW/"+label+" sparse", func() { v.addAB(dW, dy, x, C, R, S, 1, C, true) })
			run("dx/"+label, func() { v.addAB(dx, dy, w, R, C, S, C, 1, false) })
			run("dx/"+label+" sparse", func() { v.addAB(dx, dy, w, R, C, S, C, 1, true) })
		}
		run("dW/as used", func() { addAB(dW, dy, x, C, R, S, 1, C) })
		run("dx/as used", func() { addAB(dx, dy, w, R, C, S, C, 1) })
	}
}

// mulABtBiasReLU is the experiment for a fused bias+activation: each 2×4
// tile of mulABtDense gets its bias and ReLU while it is in registers and
// cache, instead of two more passes over y. Same arithmetic, so the same
// bits; it stays here unless it is measurably faster (BENCHMARKS.md). Even R
// and C a multiple of 4 only, as in the benchmark.
func mulABtBiasReLU(y, x, w, bias []float32, R, S, C int) {
	for r := 0; r+2 <= R; r += 2 {
		x0, x1 := x[r*S:r*S+S], x[(r+1)*S:(r+1)*S+S]
		y0, y1 := y[r*C:r*C+C], y[(r+1)*C:(r+1)*C+C]
		for c := 0; c+4 <= C; c += 4 {
			t0, t1 := y0[c:c+4], y1[c:c+4]
			dot2x4(t0, t1, x0, x1, w[c*S:c*S+S], w[(c+1)*S:(c+1)*S+S], w[(c+2)*S:(c+2)*S+S], w[(c+3)*S:(c+3)*S+S])
			for j, b := range bias[c : c+4] {
				v0, v1 := t0[j]+b, t1[j]+b
				t0[j], t1[j] = zeroUnless(v0 > 0, v0), zeroUnless(v1 > 0, v1)
			}
		}
	}
}

// TestFusedBiasReLUMatches keeps the experiment honest: it computes what the
// three passes compute, bit for bit.
func TestFusedBiasReLUMatches(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	R, S, C := 6, 19, 12
	x, w, bias := sparseRandom(rng, R*S, 1), sparseRandom(rng, C*S, 1), sparseRandom(rng, C, 1)
	want, got := make([]float32, R*C), make([]float32, R*C)
	mulABtDense(want, x, w, R, S, C)
	addRowBias(want, bias, R, C)
	activate(ReLU, want)
	mulABtBiasReLU(got, x, w, bias, R, S, C)
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("y[%d] = %v fused, %v in three passes", i, got[i], want[i])
		}
	}
}

// BenchmarkVectorSpeedup is the before/after of the vector kernels on whole
// models: the DeepFM 200-200 and FLSEST (quick preset's MLP 100-100, and
// 200-200) training steps and FLSEST's forward pass (inference, as Predict
// and the importance views run it), each timed with the scalar kernels and
// with every vector set of this build, interleaved round by round in one
// process so that a shared machine's noise falls on all of them. It reports
// ms per call (a low percentile over the rounds, robust to other load) and
// each set's speedup over the scalar kernels. One iteration is the whole
// measurement:
//
//	go test -run '^$' -bench VectorSpeedup -benchtime 1x ./model/
func BenchmarkVectorSpeedup(b *testing.B) {
	if len(vectorKernelSets) == 0 {
		b.Skip("no vector kernels in this build")
	}
	deepFM := func(c *Config) { c.Transform, c.Interactions = "", []string{"fm"} }
	workloads := []struct {
		name    string
		hidden  []int
		edit    func(*Config)
		batch   int
		forward bool
	}{
		{"step deepfm mlp=200,200", []int{200, 200}, deepFM, 128, false},
		{"step flsest mlp=100,100", []int{100, 100}, nil, 128, false},
		{"step flsest mlp=200,200", []int{200, 200}, nil, 128, false},
		{"forward flsest mlp=100,100", []int{100, 100}, nil, 128, true},
		{"forward flsest mlp=200,200", []int{200, 200}, nil, 128, true},
		{"forward flsest mlp=100,100 batch=1024", []int{100, 100}, nil, 1024, true},
	}
	for _, wl := range workloads {
		b.Run(wl.name, func(b *testing.B) {
			m, tr, batches := benchModel(b, wl.batch, wl.hidden, wl.edit)
			call, i := func() {}, 0
			if wl.forward {
				call = func() { m.Forward(batches[i%len(batches)], false); i++ }
			} else {
				call = func() {
					if _, err := tr.Step(batches[i%len(batches)]); err != nil {
						b.Fatal(err)
					}
					i++
				}
			}
			sets := append([]*vectorKernels{nil}, vectorKernelSets...)
			for b.Loop() {
				ms := interleavedMillis(sets, call, 25, 4)
				b.ReportMetric(ms[0], "scalar-ms")
				for k, set := range vectorKernelSets {
					b.ReportMetric(ms[k+1], set.name+"-ms")
					b.ReportMetric(ms[0]/ms[k+1], set.name+"-speedup")
				}
			}
		})
	}
}

// interleavedMillis times call under each kernel set (nil: scalar), reps
// calls per set per round, and returns per set the ms per call of the
// fastest fifth of the rounds.
func interleavedMillis(sets []*vectorKernels, call func(), rounds, reps int) []float64 {
	times := make([][]float64, len(sets))
	for range rounds {
		for k, set := range sets {
			withVector(set, func() {
				call() // untimed: the first call after a switch
				start := time.Now()
				for range reps {
					call()
				}
				times[k] = append(times[k], float64(time.Since(start).Microseconds())/1e3/float64(reps))
			})
		}
	}
	ms := make([]float64, len(sets))
	for k, t := range times {
		slices.Sort(t)
		ms[k] = t[len(t)/5]
	}
	return ms
}
