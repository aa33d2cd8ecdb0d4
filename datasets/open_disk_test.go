package datasets

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Load reads a zip from disk entry by entry (zip.OpenReader's way, not the
// whole file first) and a directory, both through the limits.
func TestLoadFromDiskThroughTheLimits(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := WriteZip(&buf, "ml-100k", smallFiles()); err != nil {
		t.Fatal(err)
	}
	zipPath := filepath.Join(dir, "ml-100k.zip")
	os.WriteFile(zipPath, buf.Bytes(), 0o644)
	if src, err := Load(zipPath); err != nil || len(src.ML.Ratings) != 200 {
		t.Fatalf("zip from disk: %v", err)
	}
	if err := WriteDir(filepath.Join(dir, "ml"), smallFiles()); err != nil {
		t.Fatal(err)
	}
	if src, err := Load(filepath.Join(dir, "ml")); err != nil || len(src.ML.Ratings) != 200 {
		t.Fatalf("directory: %v", err)
	}
	big := filepath.Join(dir, "ml", "u.data")
	f, _ := os.OpenFile(big, os.O_WRONLY|os.O_APPEND, 0)
	f.Truncate(MaxFileBytes + 1) // sparse: no disk used
	f.Close()
	_, err := Load(filepath.Join(dir, "ml"))
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "u.data") {
		t.Errorf("a 64 MB + 1 u.data in a directory: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "bad.zip"), buf.Bytes()[:100], 0o644)
	if _, err := Load(filepath.Join(dir, "bad.zip")); err == nil || !strings.Contains(err.Error(), "bad.zip: not a readable zip archive") {
		t.Errorf("a truncated zip on disk: %v", err)
	}
}
