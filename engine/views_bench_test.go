package engine

import (
	"testing"

	"github.com/flsest/flsest/datasets"
	"github.com/flsest/flsest/model"
)

// The inspection views' cost on a MovieLens-100k-sized synthetic dataset
// (943 users, 1,682 movies, 100,000 ratings) with the quick preset's model,
// per SEST reading: natively and under wasm (BENCHMARKS.md).
func BenchmarkViews(b *testing.B) {
	s := datasets.NewSynthetic(datasets.SyntheticOptions{Users: 943, Movies: 1682, Ratings: 100000, Seed: 1})
	for _, g := range []string{model.SESTPerField, model.SESTPerCoordinate} {
		cfg, _ := Preset("quick")
		cfg.SESTGranularity = g
		r, err := NewRunner(cfg)
		if err != nil {
			b.Fatal(err)
		}
		_, err = r.SetDataset(s.MovieLens, "synthetic", false)
		if err != nil {
			b.Fatal(err)
		}
		for _, v := range []struct {
			name string
			run  func() error
		}{
			{"projector", func() error { r.projector = projectorCache{}; _, err := r.Projector(); return err }},
			{"neighbours, first", func() error { r.projector = projectorCache{}; _, err := r.Neighbours(KindMovie, 50, 10); return err }},
			{"neighbours, next", func() error { _, err := r.Neighbours(KindMovie, 51, 10); return err }},
			{"slices", func() error { _, err := r.Slices(); return err }},
			{"sest", func() error { _, err := r.SEST(); return err }},
		} {
			b.Run(g+"/"+v.name, func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					if err := v.run(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		r.Close()
	}
}
