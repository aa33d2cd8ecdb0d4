package datasets

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Source is a loaded dataset of any supported kind: MovieLens (100k, 1M),
// which keeps its users and movies, or an Avazu-style CSV, encoded as read.
type Source struct {
	Kind string     // "movielens-100k", "movielens-1m", "avazu"
	ML   *MovieLens // nil for CSV data
	Enc  *Encoded   // set for CSV data
}

// Load opens p and loads what it holds: a directory or zip with u.data
// (MovieLens-100k) or ratings.dat (MovieLens-1M), or a .csv file
// (Avazu-style). Errors name the file and line.
func Load(p string) (*Source, error) {
	if strings.HasSuffix(strings.ToLower(p), ".csv") {
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("dataset %s: %w", p, err)
		}
		defer f.Close()
		enc, err := LoadAvazuCSV(filepath.Base(p), f, AvazuOptions{MinCount: 2})
		if err != nil {
			return nil, err
		}
		return &Source{Kind: "avazu", Enc: enc}, nil
	}
	fsys, err := Open(p)
	if err != nil {
		return nil, err
	}
	if _, err := fs.Stat(fsys, "ratings.dat"); err == nil {
		ml, err := LoadMovieLens1M(fsys)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		return &Source{Kind: ml.Name, ML: ml}, nil
	}
	ml, err := LoadMovieLens100K(fsys)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return &Source{Kind: ml.Name, ML: ml}, nil
}
