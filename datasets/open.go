package datasets

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// Open returns the MovieLens files at p: a directory holding u.data etc., or
// a zip archive (the official ml-100k.zip keeps them under "ml-100k/").
func Open(p string) (fs.FS, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("dataset %s: %w", p, err)
	}
	if st.IsDir() {
		return os.DirFS(p), nil
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("dataset %s: %w", p, err)
	}
	return OpenZip(filepath.Base(p), b)
}

// OpenZip returns the file system inside a zip archive held in memory (the
// browser hands over a dropped file's bytes). If the archive keeps u.data in
// one top folder, as ml-100k.zip does, that folder becomes the root. name
// labels errors.
func OpenZip(name string, b []byte) (fs.FS, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable zip archive (truncated or corrupt?): %w", name, err)
	}
	var root string
	found := false
	for _, f := range zr.File {
		if b := path.Base(f.Name); b == "u.data" || b == "ratings.dat" {
			root, found = path.Dir(f.Name), true
			break
		}
	}
	if !found {
		return nil, fmt.Errorf("%s: no u.data (MovieLens-100k) or ratings.dat (MovieLens-1M) in the archive: is this ml-100k.zip?", name)
	}
	var fsys fs.FS = zr
	if root != "." {
		if fsys, err = fs.Sub(zr, root); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	return &namedFS{FS: fsys, name: name}, nil
}

// namedFS labels read errors with the archive's name, so that a corrupt
// entry reads "ml-100k.zip: u.data: …".
type namedFS struct {
	fs.FS
	name string
}

func (n *namedFS) ReadFile(name string) ([]byte, error) {
	b, err := fs.ReadFile(n.FS, name)
	if err != nil {
		if pe, ok := err.(*fs.PathError); ok && pe.Err == fs.ErrNotExist {
			return nil, err
		}
		return nil, fmt.Errorf("%s: entry %s is corrupt: %w", n.name, name, err)
	}
	return b, nil
}

// LoadMovieLens100KFrom opens p (see Open) and loads it. Errors are prefixed
// with p.
func LoadMovieLens100KFrom(p string) (*MovieLens, error) {
	fsys, err := Open(p)
	if err != nil {
		return nil, err
	}
	ml, err := LoadMovieLens100K(fsys)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return ml, nil
}
