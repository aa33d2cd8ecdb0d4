package model

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// movieLensSchema has MovieLens-100k's field vocabularies (engine/data.go's
// encoding: user_id, gender, age, occupation, zip prefix | movie_id, genres,
// year), so benchmarks need no data files.
func movieLensSchema() Schema {
	return Schema{
		Domains: []string{"user", "item"},
		Fields: []Field{
			{"user_id", 943, 0}, {"gender", 2, 0}, {"age", 7, 0}, {"occupation", 21, 0}, {"zip", 19, 0},
			{"movie_id", 1682, 1}, {"genres", 19, 1}, {"year", 13, 1},
		},
	}
}

// benchModel builds FLSEST (DefaultConfig with MLP hidden, then edit if not
// nil) for batches of B, an Adam trainer, and 8 random batches.
func benchModel(b *testing.B, B int, hidden []int, edit func(*Config)) (*Net[float32], *Trainer[float32], []*Batch) {
	c := DefaultConfig()
	c.Hidden = hidden
	if edit != nil {
		edit(&c)
	}
	m, err := NewFLSEST[float32](movieLensSchema(), c, B, 1)
	if err != nil {
		b.Fatal(err)
	}
	opt, _ := NewOptimizer(OptimizerConfig{Name: "adam", LR: 1e-3}, m.Params())
	rng := rand.New(rand.NewPCG(1, 2))
	batches := make([]*Batch, 8)
	for i := range batches {
		batches[i] = randomBatch(rng, m.Schema, B, 6)
	}
	return m, NewTrainer[float32](m, opt), batches
}

// benchTrainStep measures one FLSEST training step (forward, loss, backward,
// L2, Adam) on batches of size B, reporting samples/s.
func benchTrainStep(b *testing.B, B int, hidden []int) {
	_, tr, batches := benchModel(b, B, hidden, nil)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := tr.Step(batches[i%len(batches)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(B*b.N)/b.Elapsed().Seconds(), "samples/s")
}

// Sized family: batch size, then MLP widths (100-100 is the quick preset,
// 200-200 the paper-sized MLP).
func BenchmarkTrainStep128MLP100(b *testing.B) { benchTrainStep(b, 128, []int{100, 100}) }
func BenchmarkTrainStep128MLP200(b *testing.B) { benchTrainStep(b, 128, []int{200, 200}) }
func BenchmarkTrainStep64MLP200(b *testing.B)  { benchTrainStep(b, 64, []int{200, 200}) }
func BenchmarkTrainStep256MLP200(b *testing.B) { benchTrainStep(b, 256, []int{200, 200}) }
func BenchmarkTrainStep128MLP400(b *testing.B) { benchTrainStep(b, 128, []int{400, 400}) }

// BenchmarkForward measures FLSEST's forward pass for inference (no dropout,
// as Predict and the importance views run it) on batches of 128 and 1024,
// reporting samples/s.
func BenchmarkForward(b *testing.B) {
	for _, hidden := range [][]int{{100, 100}, {200, 200}} {
		for _, B := range []int{128, 1024} {
			b.Run(fmt.Sprintf("mlp=%d,%d/batch=%d", hidden[0], hidden[1], B), func(b *testing.B) {
				m, _, batches := benchModel(b, B, hidden, nil)
				batch := batches[0]
				for b.Loop() {
					m.Forward(batch, false)
				}
				b.ReportMetric(float64(B*b.N)/b.Elapsed().Seconds(), "samples/s")
			})
		}
	}
}
