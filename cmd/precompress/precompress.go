package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/andybalholm/brotli"
)

// Sizes are a file's bytes raw and in its two compressed copies.
type Sizes struct{ Raw, Brotli, Gzip int }

// Precompress writes path.br and path.gz. Each is written under a temporary
// name and renamed, so a server never sends half a file, and gets path's
// modification time: a copy older than its file is stale (the file was
// rebuilt since), and the server ignores it. Copies that already decode to
// the file (a rebuild that changed nothing) are only restamped: quality 11
// takes about a minute on a busy 2-core machine.
func Precompress(path string) (Sizes, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return Sizes{}, err
	}
	st, err := os.Stat(path)
	if err != nil {
		return Sizes{}, err
	}
	if s, ok := reuse(path, raw, st); ok {
		return s, nil
	}
	var br bytes.Buffer
	// Quality 11 with the largest window: the slowest, smallest setting, paid once per build.
	bw := brotli.NewWriterOptions(&br, brotli.WriterOptions{Quality: 11, LGWin: 24})
	if _, err := bw.Write(raw); err != nil {
		return Sizes{}, fmt.Errorf("%s: brotli: %w", path, err)
	}
	if err := bw.Close(); err != nil {
		return Sizes{}, fmt.Errorf("%s: brotli: %w", path, err)
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if _, err := zw.Write(raw); err != nil {
		return Sizes{}, fmt.Errorf("%s: gzip: %w", path, err)
	}
	if err := zw.Close(); err != nil {
		return Sizes{}, fmt.Errorf("%s: gzip: %w", path, err)
	}
	for _, c := range []struct {
		ext  string
		data []byte
	}{{".br", br.Bytes()}, {".gz", gz.Bytes()}} {
		if err := writeStamped(path+c.ext, c.data, st); err != nil {
			return Sizes{}, err
		}
	}
	return Sizes{Raw: len(raw), Brotli: br.Len(), Gzip: gz.Len()}, nil
}

// reuse restamps path.br and path.gz if both decode to raw.
func reuse(path string, raw []byte, src os.FileInfo) (Sizes, bool) {
	s := Sizes{Raw: len(raw)}
	for _, c := range []struct {
		ext    string
		size   *int
		reader func(io.Reader) (io.Reader, error)
	}{
		{".br", &s.Brotli, func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil }},
		{".gz", &s.Gzip, func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }},
	} {
		packed, err := os.ReadFile(path + c.ext)
		if err != nil {
			return s, false
		}
		r, err := c.reader(bytes.NewReader(packed))
		if err != nil {
			return s, false
		}
		got, err := io.ReadAll(r)
		if err != nil || !bytes.Equal(got, raw) {
			return s, false
		}
		*c.size = len(packed)
	}
	for _, ext := range []string{".br", ".gz"} {
		if os.Chtimes(path+ext, src.ModTime(), src.ModTime()) != nil {
			return s, false
		}
	}
	return s, true
}

// writeStamped writes data to path through a temporary file and gives it
// src's modification time.
func writeStamped(path string, data []byte, src os.FileInfo) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Chtimes(tmp.Name(), src.ModTime(), src.ModTime()); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
