package model

import (
	"math/rand/v2"
	"testing"
)

// Benchmarks of the explanation measures at MovieLens-100k's shapes: the
// quick preset's FLSEST (MLP 100-100), 8,000 validation-sized rows of
// random values (uniform values repeat less than real ones, so dedup saves
// less here than on the data).

func quickNet(b *testing.B) *Net[float32] {
	c := DefaultConfig()
	c.Hidden = []int{100, 100}
	m, err := NewNet[float32](movieLensSchema(), c, 1024, 1)
	if err != nil {
		b.Fatal(err)
	}
	return m
}

// trainedLikeNet is quickNet with SEST's threshold units inactive for
// every row, as they are for most rows after training, so a = σ(0) and the
// SEST stream's terms repeat. At initialisation they are active about half
// the time.
func trainedLikeNet(b *testing.B) *Net[float32] {
	m := quickNet(b)
	for i, v := range m.SEST.Threshold.Down.Value {
		m.SEST.Threshold.Down.Value[i] = -abs(v) // z ≥ 0, so W_down·z ≤ 0
	}
	return m
}

// BenchmarkForwardInference is Net.Forward in inference, the baseline the
// others are measured against (rows/s).
func BenchmarkForwardInference(b *testing.B) {
	m := quickNet(b)
	batch := randomBatch(rand.New(rand.NewPCG(1, 2)), m.Schema, 1024, 6)
	for b.Loop() {
		m.Forward(batch, false)
	}
	b.ReportMetric(float64(1024*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkCompositeRows… score 1,024 composite rows (each field from a
// random source of 8,000).
func BenchmarkCompositeRows(b *testing.B)            { benchCompositeRows(b, quickNet(b)) }
func BenchmarkCompositeRowsTrainedLike(b *testing.B) { benchCompositeRows(b, trainedLikeNet(b)) }

func benchCompositeRows(b *testing.B, m *Net[float32]) {
	rng := rand.New(rand.NewPCG(1, 2))
	sc := NewCompositeScorer(m, randomBatch(rng, m.Schema, 8000, 6))
	src := make([]int32, 1024*m.F)
	for i := range src {
		src[i] = int32(rng.IntN(8000))
	}
	out := make([]float32, 1024)
	for b.Loop() {
		sc.Logits(out, src)
	}
	b.ReportMetric(float64(1024*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkPermutation8000x8x5… is permutation importance over 8,000 rows,
// 8 fields, 5 repeats (320,000 shuffled rows before dedup), from the
// scorer's setup to the result.
func BenchmarkPermutation8000x8x5(b *testing.B)            { benchPermutation(b, quickNet(b)) }
func BenchmarkPermutation8000x8x5TrainedLike(b *testing.B) { benchPermutation(b, trainedLikeNet(b)) }

func benchPermutation(b *testing.B, m *Net[float32]) {
	rows := randomBatch(rand.New(rand.NewPCG(1, 2)), m.Schema, 8000, 6)
	var names []string
	for _, f := range m.Schema.Fields {
		names = append(names, f.Name)
	}
	scored := 0
	for b.Loop() {
		p, err := NewPermutation(NewCompositeScorer(m, rows), rows.Label, names, 5, 1)
		if err != nil {
			b.Fatal(err)
		}
		for !p.Step(1024) {
		}
		scored = p.Result().Scored
	}
	b.ReportMetric(float64(scored), "rows-scored")
}

func benchShapley(b *testing.B, m *Net[float32], background int) {
	rows := randomBatch(rand.New(rand.NewPCG(1, 2)), m.Schema, 1+background, 6)
	bg := make([]int32, background)
	for j := range bg {
		bg[j] = int32(1 + j)
	}
	scored := 0
	for b.Loop() {
		sh, err := NewShapley(NewCompositeScorer(m, rows), []int32{0}, bg)
		if err != nil {
			b.Fatal(err)
		}
		for !sh.Step(1024) {
		}
		sh.Values()
		scored = sh.Rows()
	}
	b.ReportMetric(float64(scored), "rows-scored")
}

// One sample's exact Shapley values over a background, and against one
// reference point (the what-if variant).
func BenchmarkShapleyBackground64(b *testing.B)             { benchShapley(b, quickNet(b), 64) }
func BenchmarkShapleyBackground128(b *testing.B)            { benchShapley(b, quickNet(b), 128) }
func BenchmarkShapleyBackground128TrainedLike(b *testing.B) { benchShapley(b, trainedLikeNet(b), 128) }
func BenchmarkShapleyReference(b *testing.B)                { benchShapley(b, quickNet(b), 1) }
