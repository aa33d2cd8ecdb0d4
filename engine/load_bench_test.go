package engine

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/flsest/flsest/datasets"
	"github.com/flsest/flsest/engine/api"
)

// servedZip is MovieLens-100k as flsest serve offers it to the page: the
// loader's files from FLSEST_DATA zipped under ml-100k/.
func servedZip(b *testing.B) []byte {
	dir := os.Getenv(datasets.EnvData)
	if dir == "" {
		b.Skip("FLSEST_DATA not set: no real MovieLens-100k")
	}
	files := map[string][]byte{}
	for _, name := range []string{"u.info", "u.genre", "u.occupation", "u.user", "u.item", "u.data"} {
		f, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			b.Fatal(err)
		}
		files[name] = f
	}
	var buf bytes.Buffer
	if err := datasets.WriteZip(&buf, "ml-100k", files); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkLoadDataset is the engine's data path when the page starts: the
// served zip handed to POST /api/dataset, by step, and whole (natively and
// under wasm; BENCHMARKS.md, "Engine data path").
func BenchmarkLoadDataset(b *testing.B) {
	zip := servedZip(b)
	cfg, _ := Preset("quick")
	fsys, err := datasets.OpenZip("ml-100k.zip", zip)
	if err != nil {
		b.Fatal(err)
	}
	ml, err := datasets.LoadMovieLens100K(fsys)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("parse", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			fsys, _ := datasets.OpenZip("ml-100k.zip", zip)
			if _, err := datasets.LoadMovieLens100K(fsys); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("parse+sha256", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			fsys, _ := datasets.OpenZip("ml-100k.zip", zip)
			if _, official, err := datasets.LoadMovieLens100KOfficial(fsys); err != nil || !official {
				b.Fatal(official, err)
			}
		}
	})
	b.Run("data", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			if _, err := NewData(ml, cfg.Grouping, cfg.Context, cfg.SplitSeed); err != nil {
				b.Fatal(err)
			}
		}
	})
	data, _ := NewData(ml, cfg.Grouping, cfg.Context, cfg.SplitSeed)
	b.Run("session", func(b *testing.B) {
		b.ReportAllocs()
		r, err := NewRunner(cfg)
		if err != nil {
			b.Fatal(err)
		}
		defer r.Close()
		for range b.N {
			f, err := r.buildSession(cfg, ml, data, nil)
			if err == nil {
				_, err = r.install(f)
			}
			if err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("whole", func(b *testing.B) {
		b.ReportAllocs()
		r, err := NewRunner(cfg)
		if err != nil {
			b.Fatal(err)
		}
		defer r.Close()
		for range b.N {
			if _, err := r.LoadDataset("ml-100k.zip", zip); err != nil {
				b.Fatal(err)
			}
			if _, err := r.Configure(api.ConfigRequest{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
