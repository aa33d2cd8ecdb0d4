package datasets

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Open returns the MovieLens files at p: a directory holding u.data etc., or
// a zip archive (the official ml-100k.zip keeps them under "ml-100k/"),
// read from disk entry by entry. Either way reads go through the limits of
// limits.go.
func Open(p string) (fs.FS, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("dataset %s: %w", p, err)
	}
	if st.IsDir() {
		return &boundedFS{FS: os.DirFS(p), label: p}, nil
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("dataset %s: %w", p, err)
	}
	// The archive stays open for the returned file system's reads.
	fsys, err := openZip(filepath.Base(p), f, st.Size())
	if err != nil {
		f.Close()
	}
	return fsys, err
}

// OpenZip returns the file system inside a zip archive held in memory (the
// browser hands over a dropped file's bytes). If the archive keeps u.data in
// one top folder, as ml-100k.zip does, that folder becomes the root. name
// labels errors.
func OpenZip(name string, b []byte) (fs.FS, error) {
	return openZip(name, bytes.NewReader(b), int64(len(b)))
}

func openZip(name string, r io.ReaderAt, size int64) (fs.FS, error) {
	// Count the entries before archive/zip allocates one record each.
	tooMany := func(n uint64) error {
		return fmt.Errorf("%s: %d entries, more than the %d a dataset archive may hold (%w)", name, n, MaxZipEntries, ErrTooLarge)
	}
	if n, ok := zipEntries(r, size); ok && n > MaxZipEntries {
		return nil, tooMany(n)
	}
	zr, err := zip.NewReader(r, size)
	if err != nil && zr == nil {
		return nil, fmt.Errorf("%s: not a readable zip archive (truncated or corrupt?): %w", name, err)
	}
	if len(zr.File) > MaxZipEntries { // a count the end record understated
		return nil, tooMany(uint64(len(zr.File)))
	}
	seen := map[string]bool{}
	var root string
	found := 0
	for _, f := range zr.File {
		clean := path.Clean(strings.TrimPrefix(f.Name, "/"))
		if seen[clean] {
			return nil, fmt.Errorf("%s: entry %s appears twice: which one is the data is ambiguous", name, clean)
		}
		seen[clean] = true
		if b := path.Base(clean); b == "u.data" || b == "ratings.dat" {
			if found > 0 && path.Dir(clean) != root {
				return nil, fmt.Errorf("%s: %s and %s/%s: two datasets in one archive, which one to load is ambiguous", name, clean, root, b)
			}
			root = path.Dir(clean)
			found++
		}
	}
	if found == 0 {
		return nil, fmt.Errorf("%s: no u.data (MovieLens-100k) or ratings.dat (MovieLens-1M) in the archive: is this ml-100k.zip?", name)
	}
	var fsys fs.FS = zr
	if root != "." {
		if fsys, err = fs.Sub(zr, root); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	return &boundedFS{FS: fsys, label: name}, nil
}

// zipEntries reads the entry count from a zip's end-of-central-directory
// record (APPNOTE 4.3.16; 0xffff means the count is in a zip64 record,
// 4.3.14). ok is false when the record is not found: archive/zip then
// refuses the file itself.
func zipEntries(r io.ReaderAt, size int64) (n uint64, ok bool) {
	const eocdLen, maxComment = 22, 1<<16 - 1
	tail := min(size, eocdLen+maxComment+20)
	buf := make([]byte, tail)
	if _, err := r.ReadAt(buf, size-tail); err != nil && err != io.EOF {
		return 0, false
	}
	i := bytes.LastIndex(buf, []byte("PK\x05\x06"))
	if i < 0 || len(buf)-i < eocdLen {
		return 0, false
	}
	n = uint64(binary.LittleEndian.Uint16(buf[i+10:]))
	if n == 0xffff && i >= 20 && string(buf[i-20:i-16]) == "PK\x06\x07" {
		// The zip64 locator points at the zip64 record, which holds the count.
		off := int64(binary.LittleEndian.Uint64(buf[i-12:]))
		var rec [56]byte
		if off < 0 || off > size-56 {
			return 0, false
		}
		if _, err := r.ReadAt(rec[:], off); err != nil || string(rec[:4]) != "PK\x06\x06" {
			return 0, false
		}
		n = binary.LittleEndian.Uint64(rec[32:])
	}
	return n, true
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
