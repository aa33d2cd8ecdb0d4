package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func appRoot(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for name, body := range map[string]string{
		"index.html":        "<!doctype html><div id=app></div>",
		"assets/app.css":    strings.Repeat("body{} ", 400),
		"build/ui.wasm":     "\x00asm" + strings.Repeat("\x01\x02", 3000),
		"build/engine.wasm": "\x00asm",
		"assets/sw.js":      "self.addEventListener(\"fetch\", () => {});",
		"secret.txt":        "not served",
	} {
		p := filepath.Join(root, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o644)
	}
	return root
}

func get(t *testing.T, h http.Handler, path string, gz bool) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	if gz {
		req.Header.Set("Accept-Encoding", "gzip, deflate")
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func TestAppHandler(t *testing.T) {
	root := appRoot(t)
	zip := []byte("PK\x03\x04 a zip")
	h := newAppHandler(root, zip)

	w := get(t, h, "/build/ui.wasm", true)
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/wasm" || w.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("ui.wasm: %d %q %q", w.Code, w.Header().Get("Content-Type"), w.Header().Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(zr)
	want, _ := os.ReadFile(filepath.Join(root, "build/ui.wasm"))
	if !bytes.Equal(body, want) {
		t.Error("gzipped ui.wasm does not unzip to the file")
	}
	if w := get(t, h, "/build/ui.wasm", false); w.Header().Get("Content-Encoding") != "" || w.Body.Len() != len(want) {
		t.Error("a client without gzip got a gzipped body")
	}
	if w := get(t, h, "/", false); w.Code != 200 || !strings.Contains(w.Body.String(), "id=app") {
		t.Errorf("/: %d", w.Code)
	}
	if w := get(t, h, "/data/ml-100k.zip", false); w.Code != 200 || w.Body.String() != string(zip) || w.Header().Get("Content-Type") != "application/zip" {
		t.Errorf("data zip: %d %q", w.Code, w.Header().Get("Content-Type"))
	}
	// The service worker sits in assets/ but must control the whole app.
	if w := get(t, h, "/assets/sw.js", false); w.Code != 200 || w.Header().Get("Service-Worker-Allowed") != "/" {
		t.Errorf("sw.js: %d, Service-Worker-Allowed %q", w.Code, w.Header().Get("Service-Worker-Allowed"))
	}
	for _, p := range []string{"/secret.txt", "/assets/../secret.txt", "/build/nothing.wasm", "/assets/"} {
		if w := get(t, h, p, false); w.Code != 404 {
			t.Errorf("%s: %d, want 404", p, w.Code)
		}
	}
	if w := get(t, newAppHandler(root, nil), "/data/ml-100k.zip", false); w.Code != 404 || !strings.Contains(w.Body.String(), "drop ml-100k.zip") {
		t.Errorf("no data: %d %q", w.Code, w.Body.String())
	}
	req := httptest.NewRequest("POST", "/", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 405 {
		t.Errorf("POST /: %d, want 405", rec.Code)
	}
}
