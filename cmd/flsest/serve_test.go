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
	"time"

	"github.com/andybalholm/brotli"
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

func TestAcceptedEncodings(t *testing.T) {
	for _, c := range []struct {
		header   string
		br, gzip bool
	}{
		{"gzip, deflate, br, zstd", true, true}, // Chromium
		{"gzip, deflate", false, true},
		{"br", true, false},
		{"br;q=0, gzip", false, true},
		{"gzip;q=0.5, br;q=1.0", true, true},
		{"GZIP", false, true},
		{"x-gzip", false, true},
		{"*", true, true},
		{"*;q=0", false, false},
		{"gzip;q=0, *", true, false},
		{"identity", false, false},
		{"", false, false},
	} {
		br, gz := acceptedEncodings(c.header)
		if br != c.br || gz != c.gzip {
			t.Errorf("%q: br %v gzip %v, want %v %v", c.header, br, gz, c.br, c.gzip)
		}
	}
}

func getWith(t *testing.T, h http.Handler, path string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// writeCopies writes file.br and file.gz as cmd/precompress does.
func writeCopies(t *testing.T, file string) {
	t.Helper()
	raw, _ := os.ReadFile(file)
	st, _ := os.Stat(file)
	var b bytes.Buffer
	bw := brotli.NewWriterLevel(&b, 11)
	bw.Write(raw)
	bw.Close()
	os.WriteFile(file+".br", b.Bytes(), 0o644)
	b.Reset()
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	zw.Write(raw)
	zw.Close()
	os.WriteFile(file+".gz", b.Bytes(), 0o644)
	for _, ext := range []string{".br", ".gz"} {
		os.Chtimes(file+ext, st.ModTime(), st.ModTime())
	}
}

func decode(t *testing.T, w *httptest.ResponseRecorder) []byte {
	t.Helper()
	var r io.Reader = w.Body
	switch enc := w.Header().Get("Content-Encoding"); enc {
	case "br":
		r = brotli.NewReader(r)
	case "gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	case "":
	default:
		t.Fatalf("Content-Encoding %q", enc)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestAppHandlerEncodings(t *testing.T) {
	root := appRoot(t)
	uiWasm := filepath.Join(root, "build/ui.wasm")
	writeCopies(t, uiWasm)
	want, _ := os.ReadFile(uiWasm)
	h := newAppHandler(root, nil)

	tags := map[string]string{}
	for _, c := range []struct{ accept, encoding string }{
		{"gzip, deflate, br, zstd", "br"},
		{"gzip, deflate", "gzip"},
		{"br;q=0, gzip", "gzip"},
		{"identity", ""},
		{"", ""},
	} {
		w := getWith(t, h, "/build/ui.wasm", "Accept-Encoding", c.accept)
		if w.Code != 200 || w.Header().Get("Content-Encoding") != c.encoding {
			t.Fatalf("%q: %d, Content-Encoding %q, want %q", c.accept, w.Code, w.Header().Get("Content-Encoding"), c.encoding)
		}
		if ct := w.Header().Get("Content-Type"); ct != "application/wasm" {
			t.Errorf("%q: Content-Type %q", c.accept, ct)
		}
		if v := w.Header().Get("Vary"); v != "Accept-Encoding" {
			t.Errorf("%q: Vary %q", c.accept, v)
		}
		if cc := w.Header().Get("Cache-Control"); cc != "no-cache" {
			t.Errorf("%q: Cache-Control %q", c.accept, cc)
		}
		if !bytes.Equal(decode(t, w), want) {
			t.Errorf("%q: the body does not decode to the file", c.accept)
		}
		tag := w.Header().Get("ETag")
		if prev, ok := tags[c.encoding]; ok && prev != tag {
			t.Errorf("%q: ETag %s, the same encoding had %s", c.accept, tag, prev)
		}
		tags[c.encoding] = tag
		// A second visit revalidates: the same tag answers 304 with no body.
		w2 := getWith(t, h, "/build/ui.wasm", "Accept-Encoding", c.accept, "If-None-Match", tag)
		if w2.Code != http.StatusNotModified || w2.Body.Len() != 0 {
			t.Errorf("%q: If-None-Match %s: %d with %d bytes, want 304", c.accept, tag, w2.Code, w2.Body.Len())
		}
	}
	if tags["br"] == tags["gzip"] || tags["gzip"] == tags[""] || tags["br"] == tags[""] {
		t.Errorf("one ETag for two encodings: %v", tags)
	}

	// The copies themselves, by name, go out as they are (the service worker keeps them).
	brCopy, _ := os.ReadFile(uiWasm + ".br")
	if w := getWith(t, h, "/build/ui.wasm.br", "Accept-Encoding", "gzip, br"); w.Code != 200 || w.Header().Get("Content-Encoding") != "" ||
		w.Header().Get("Content-Type") != "application/octet-stream" || !bytes.Equal(w.Body.Bytes(), brCopy) {
		t.Errorf("ui.wasm.br by name: %d, %q, %q", w.Code, w.Header().Get("Content-Encoding"), w.Header().Get("Content-Type"))
	}

	// No copies: gzip made here for a browser that takes it, else the file.
	big := filepath.Join(root, "build/engine.wasm")
	os.WriteFile(big, []byte("\x00asm"+strings.Repeat("engine ", 1000)), 0o644)
	wantBig, _ := os.ReadFile(big)
	if w := getWith(t, h, "/build/engine.wasm", "Accept-Encoding", "br, gzip"); w.Header().Get("Content-Encoding") != "gzip" || !bytes.Equal(decode(t, w), wantBig) {
		t.Errorf("no copies, br and gzip accepted: Content-Encoding %q", w.Header().Get("Content-Encoding"))
	}
	if w := getWith(t, h, "/build/engine.wasm", "Accept-Encoding", "br"); w.Header().Get("Content-Encoding") != "" || !bytes.Equal(w.Body.Bytes(), wantBig) {
		t.Errorf("no copies, only br accepted: Content-Encoding %q", w.Header().Get("Content-Encoding"))
	}

	// A rebuilt file makes its copies stale: they are not sent.
	writeCopies(t, big)
	later := time.Now().Add(time.Minute)
	os.WriteFile(big, []byte("\x00asm"+strings.Repeat("rebuilt ", 1000)), 0o644)
	os.Chtimes(big, later, later)
	rebuilt, _ := os.ReadFile(big)
	if w := getWith(t, h, "/build/engine.wasm", "Accept-Encoding", "br"); w.Header().Get("Content-Encoding") != "" || !bytes.Equal(w.Body.Bytes(), rebuilt) {
		t.Errorf("stale copies: Content-Encoding %q, body %d bytes, want the rebuilt file", w.Header().Get("Content-Encoding"), w.Body.Len())
	}
	if w := getWith(t, h, "/build/engine.wasm", "Accept-Encoding", "gzip, br"); !bytes.Equal(decode(t, w), rebuilt) {
		t.Error("stale copies: the gzip made here is not of the rebuilt file")
	}
}

func TestDataZipRevalidates(t *testing.T) {
	h := newAppHandler(appRoot(t), []byte("PK\x03\x04 a zip"))
	w := getWith(t, h, "/data/ml-100k.zip")
	tag := w.Header().Get("ETag")
	if w.Code != 200 || tag == "" || w.Header().Get("Cache-Control") != "no-cache" {
		t.Fatalf("data zip: %d, ETag %q, Cache-Control %q", w.Code, tag, w.Header().Get("Cache-Control"))
	}
	if w := getWith(t, h, "/data/ml-100k.zip", "If-None-Match", tag); w.Code != http.StatusNotModified {
		t.Errorf("If-None-Match: %d, want 304", w.Code)
	}
}
