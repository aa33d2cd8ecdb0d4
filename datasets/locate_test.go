package datasets

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// Lookup order: the flag, then FLSEST_DATA, then the cache, else ErrNoData.
func TestLocateOrder(t *testing.T) {
	root := t.TempDir()
	t.Setenv(EnvData, "")
	if _, _, err := Locate("", root); !errors.Is(err, ErrNoData) {
		t.Fatalf("nothing anywhere: %v, want ErrNoData", err)
	}
	if err := os.MkdirAll(filepath.Join(root, CacheDir), 0o755); err != nil {
		t.Fatal(err)
	}
	if p, from, _ := Locate("", root); from != "cache" || p != filepath.Join(root, CacheDir) {
		t.Errorf("cache only: %q from %q", p, from)
	}
	t.Setenv(EnvData, "/env/path")
	if p, from, _ := Locate("", root); p != "/env/path" || from != "env FLSEST_DATA" {
		t.Errorf("env and cache: %q from %q, want the env", p, from)
	}
	if p, from, _ := Locate("/flag/path", root); p != "/flag/path" || from != "flag" {
		t.Errorf("flag, env and cache: %q from %q, want the flag", p, from)
	}
}
