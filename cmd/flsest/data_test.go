package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flsest/flsest/datasets"
)

// officialZip builds ml-100k.zip (files under ml-100k/) from the real files
// FLSEST_DATA points at; the official download is not reachable from CI.
func officialZip(t *testing.T, alter bool) []byte {
	t.Helper()
	dir := os.Getenv(datasets.EnvData)
	if dir == "" {
		t.Skip("FLSEST_DATA not set")
	}
	files := map[string][]byte{}
	for name := range datasets.MovieLens100KSums() {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			continue
		}
		files[name] = b
	}
	if alter {
		files["u.data"] = bytes.Replace(files["u.data"], []byte("196\t242\t3"), []byte("196\t242\t5"), 1)
	}
	var buf bytes.Buffer
	if err := datasets.WriteZip(&buf, "ml-100k", files); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func serve(t *testing.T, body []byte) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(body) }))
	t.Cleanup(srv.Close)
	return srv.URL + "/ml-100k.zip"
}

func TestDownloadVerifiesAndCaches(t *testing.T) {
	url := serve(t, officialZip(t, false))
	t.Chdir(t.TempDir())
	if err := download(url); err != nil {
		t.Fatal(err)
	}
	ml, err := datasets.LoadMovieLens100KFrom(datasets.CacheDir)
	if err != nil || len(ml.Ratings) != 100000 {
		t.Fatalf("cache after download: %v", err)
	}
	t.Setenv(datasets.EnvData, "") // the env var outranks the cache
	if path, from, err := datasets.Locate("", "."); err != nil || from != "cache" {
		t.Errorf("Locate after download = %q, %q, %v; want the cache", path, from, err)
	}
}

func TestDownloadRefusesAlteredZip(t *testing.T) {
	url := serve(t, officialZip(t, true))
	t.Chdir(t.TempDir())
	err := download(url)
	if err == nil || !strings.Contains(err.Error(), "u.data: sha256") {
		t.Fatalf("download of an altered zip: %v, want a u.data sha256 mismatch", err)
	}
	if _, err := os.Stat(datasets.CacheDir); !os.IsNotExist(err) {
		t.Error("a refused download left a cache behind")
	}
}

// flsest data -synthetic writes a dataset the loaders read back at the size asked for.
func TestDataWritesSynthetic(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "syn")
	if err := runData([]string{"-synthetic", dir, "-users", "20", "-movies", "30", "-ratings", "300"}); err != nil {
		t.Fatal(err)
	}
	ml, err := datasets.LoadMovieLens100KFrom(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ml.Users) != 20 || len(ml.Movies) != 30 || len(ml.Ratings) != 300 {
		t.Errorf("users, movies, ratings = %d, %d, %d", len(ml.Users), len(ml.Movies), len(ml.Ratings))
	}
	if err := runData([]string{"-synthetic", dir, "-users", "2", "-movies", "3", "-ratings", "7"}); err == nil || !strings.Contains(err.Error(), "not possible") {
		t.Errorf("7 ratings of 2 × 3: %v", err)
	}
}
