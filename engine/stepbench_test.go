package engine

import (
	"fmt"
	"os"
	"slices"
	"testing"

	"github.com/flsest/flsest/datasets"
)

// The benchmark's shapes are the real data's: a benchmark on other shapes
// would measure a different model.
func TestStepBenchShapeIsMovieLens100k(t *testing.T) {
	dir := os.Getenv(datasets.EnvData)
	if dir == "" {
		t.Skip("FLSEST_DATA not set: no real MovieLens-100k")
	}
	ml, err := datasets.LoadMovieLens100KFrom(dir)
	if err != nil {
		t.Fatal(err)
	}
	d, err := NewData(ml, GroupUserItem, false, 1024)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := MovieLens100kShape(), d.Schema; !slices.Equal(got.Fields, want.Fields) || !slices.Equal(got.Domains, want.Domains) {
		t.Fatalf("MovieLens100kShape() =\n%v\nthe data's schema is\n%v", got, want)
	}
}

// Each benchmarked model trains: its loss falls on the planted rule.
func TestStepBenchTrains(t *testing.T) {
	for _, name := range []string{"fm", "deepfm", "flsest"} {
		sb, err := NewStepBench(name, 64, nil)
		if err != nil {
			t.Fatal(err)
		}
		start, err := sb.Run(0, 20)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := sb.Run(0, 400); err != nil {
			t.Fatal(err)
		}
		later, err := sb.Run(0, 20)
		if err != nil {
			t.Fatal(err)
		}
		if !(later.MeanLoss < start.MeanLoss-0.05) {
			t.Errorf("%s: mean loss %.4f after 420 steps, %.4f over the first 20: not learning", name, later.MeanLoss, start.MeanLoss)
		}
	}
	if _, err := NewStepBench("nope", 64, nil); err == nil {
		t.Error("an unknown model name was accepted")
	}
}

// BenchmarkStep is the training-step table of BENCHMARKS.md: FM, DeepFM
// (MLP 200-200) and FLSEST (quick preset, and MLP 200-200) at batch 128 and
// 64. ./build.sh bench runs it natively and under wasm.
func BenchmarkStep(b *testing.B) {
	cases := []struct {
		model  string
		hidden []int
	}{
		{"fm", nil}, {"deepfm", []int{200, 200}}, {"flsest", []int{100, 100}}, {"flsest", []int{200, 200}},
	}
	for _, c := range cases {
		for _, batch := range []int{128, 64} {
			name := fmt.Sprintf("%s/batch=%d", c.model, batch)
			if c.hidden != nil {
				name = fmt.Sprintf("%s/mlp=%d-%d/batch=%d", c.model, c.hidden[0], c.hidden[1], batch)
			}
			b.Run(name, func(b *testing.B) {
				sb, err := NewStepBench(c.model, batch, c.hidden)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := sb.Run(8, 0); err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				for b.Loop() {
					if _, err := sb.Step(); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(batch*b.N)/b.Elapsed().Seconds(), "samples/s")
			})
		}
	}
}

// BenchmarkScaling is BENCHMARKS.md's scaling table: FLSEST's training step
// against batch size, embedding dimension and MLP width, one varied at a
// time from the quick preset (batch 128, K 16, MLP 100-100).
func BenchmarkScaling(b *testing.B) {
	run := func(name string, batch int, hidden []int, K int) {
		b.Run(name, func(b *testing.B) {
			sb, err := NewStepBenchK("flsest", batch, hidden, K)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := sb.Run(8, 0); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := sb.Step(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(batch*b.N)/b.Elapsed().Seconds(), "samples/s")
		})
	}
	for _, batch := range []int{16, 32, 64, 128, 256, 512, 1024} {
		run(fmt.Sprintf("batch=%d", batch), batch, nil, 0)
	}
	for _, K := range []int{4, 8, 16, 32, 64} {
		run(fmt.Sprintf("K=%d", K), 128, nil, K)
	}
	for _, w := range []int{25, 50, 100, 200, 400} {
		run(fmt.Sprintf("mlp=%d,%d", w, w), 128, []int{w, w}, 0) // no "-digits" at the end: go test's GOMAXPROCS suffix
	}
	// Data-parallel workers (goroutine replicas, as `flsest train -workers`),
	// on MovieLens-100k-sized synthetic data. Under wasm there is one thread:
	// there the rows show what splitting a batch costs without parallelism.
	ml := datasets.NewSynthetic(datasets.SyntheticOptions{Users: 943, Movies: 1682, Ratings: 20000, Seed: 5})
	data, err := NewData(ml.MovieLens, GroupUserItem, false, datasets.PaperSplitSeed)
	if err != nil {
		b.Fatal(err)
	}
	for _, workers := range []int{1, 2, 3, 4} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			c, _ := Preset("quick")
			c.Workers = workers
			s, err := NewSessionWorkers(c, data)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			idx := data.Split.Train[:c.BatchSize]
			step := func() error {
				if workers == 1 {
					data.Fill(s.batch, idx)
					_, err := s.Trainer.Step(s.batch)
					return err
				}
				_, err := s.parallelStep(idx)
				return err
			}
			for range 8 {
				if err := step(); err != nil {
					b.Fatal(err)
				}
			}
			for b.Loop() {
				if err := step(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(c.BatchSize*b.N)/b.Elapsed().Seconds(), "samples/s")
		})
	}
}
