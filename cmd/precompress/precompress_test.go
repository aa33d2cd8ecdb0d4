package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

func decoded(t *testing.T, file string, reader func(io.Reader) (io.Reader, error)) []byte {
	t.Helper()
	packed, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	r, err := reader(bytes.NewReader(packed))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return b
}

func checkCopies(t *testing.T, path string, want []byte) {
	t.Helper()
	st, _ := os.Stat(path)
	if b := decoded(t, path+".br", func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil }); !bytes.Equal(b, want) {
		t.Errorf("%s.br does not decode to the file", path)
	}
	if b := decoded(t, path+".gz", func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }); !bytes.Equal(b, want) {
		t.Errorf("%s.gz does not decode to the file", path)
	}
	for _, ext := range []string{".br", ".gz"} {
		c, _ := os.Stat(path + ext)
		if !c.ModTime().Equal(st.ModTime()) {
			t.Errorf("%s%s: modified %v, the file %v", path, ext, c.ModTime(), st.ModTime())
		}
	}
}

func TestPrecompress(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.wasm")
	first := []byte("\x00asm" + strings.Repeat("compressible ", 5000))
	os.WriteFile(path, first, 0o644)
	s, err := Precompress(path)
	if err != nil {
		t.Fatal(err)
	}
	if s.Raw != len(first) || s.Brotli <= 0 || s.Brotli >= s.Raw || s.Gzip <= 0 || s.Gzip >= s.Raw {
		t.Errorf("sizes %+v for %d compressible bytes", s, len(first))
	}
	checkCopies(t, path, first)

	// A rebuild with the same bytes: the copies are kept and restamped.
	later := time.Now().Add(time.Minute).Truncate(time.Second)
	os.Chtimes(path, later, later)
	if _, err := Precompress(path); err != nil {
		t.Fatal(err)
	}
	checkCopies(t, path, first)

	// A rebuild with other bytes: the copies follow.
	second := []byte("\x00asm" + strings.Repeat("other bytes ", 3000))
	os.WriteFile(path, second, 0o644)
	if _, err := Precompress(path); err != nil {
		t.Fatal(err)
	}
	checkCopies(t, path, second)
	if left, _ := filepath.Glob(path + "*.tmp*"); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestPrecompressMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nothing.wasm")
	if _, err := Precompress(path); err == nil || !strings.Contains(err.Error(), "nothing.wasm") {
		t.Errorf("err = %v, want one naming the file", err)
	}
}
