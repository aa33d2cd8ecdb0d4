package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/flsest/flsest/datasets"
)

// runServe serves the browser app: index.html, assets/, build/ (the two
// wasm modules and their loaders, made by ./build.sh serve) and the located
// MovieLens-100k as /data/ml-100k.zip, which the page hands to the engine.
func runServe(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	addr := fl.String("addr", "127.0.0.1:8080", "listen address (port 0 picks a free port)")
	root := fl.String("root", ".", "the repository root (index.html, assets/, build/)")
	dataPath := fl.String("data", "", "MovieLens-100k directory or zip to offer the page (default: $FLSEST_DATA, then the cache)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	for _, p := range []string{"index.html", "assets", "build/ui.wasm", "build/engine.wasm"} {
		if _, err := os.Stat(filepath.Join(*root, p)); err != nil {
			return fmt.Errorf("serve: %s is missing under %s: build first (./build.sh serve)", p, *root)
		}
	}
	zipBytes, source, err := offeredData(*dataPath, *root)
	if err != nil {
		fmt.Fprintf(stderr, "serve: %v\n  the page will ask for ml-100k.zip to be dropped on it\n", err)
	} else {
		fmt.Fprintf(stderr, "serve: offering MovieLens-100k from %s (%d bytes zipped)\n", source, len(zipBytes))
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv := &http.Server{Handler: newAppHandler(*root, zipBytes), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "FLSEST is at http://%s/\n", ln.Addr())
	return srv.Serve(ln)
}

// offeredData returns the dataset as zip bytes: the zip itself, or the
// loader's files from a directory zipped under ml-100k/. It loads the data
// first, so a malformed copy is reported here, not in the browser.
func offeredData(flagPath, root string) ([]byte, string, error) {
	p, _, err := datasets.Locate(flagPath, root)
	if err != nil {
		return nil, "", err
	}
	if _, err := datasets.LoadMovieLens100KFrom(p); err != nil {
		return nil, "", err
	}
	st, err := os.Stat(p)
	if err != nil {
		return nil, "", err
	}
	if !st.IsDir() {
		b, err := os.ReadFile(p)
		return b, p, err
	}
	files := map[string][]byte{}
	for _, name := range []string{"u.info", "u.genre", "u.occupation", "u.user", "u.item", "u.data", "README"} {
		b, err := os.ReadFile(filepath.Join(p, name))
		if err != nil {
			if name == "README" {
				continue
			}
			return nil, "", err
		}
		files[name] = b
	}
	var buf bytes.Buffer
	if err := datasets.WriteZip(&buf, "ml-100k", files); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), p, nil
}

// appHandler serves the files the app needs, gzipped when the browser
// accepts it (wasm compresses ~3.5×), with application/wasm for .wasm so
// WebAssembly.instantiateStreaming accepts it.
type appHandler struct {
	root    string
	zip     []byte
	mu      sync.Mutex
	gzCache map[string]gzEntry
}

type gzEntry struct {
	mod  time.Time
	data []byte
}

func newAppHandler(root string, zip []byte) http.Handler {
	mime.AddExtensionType(".wasm", "application/wasm")
	mime.AddExtensionType(".js", "text/javascript; charset=utf-8")
	mime.AddExtensionType(".mjs", "text/javascript; charset=utf-8")
	return &appHandler{root: root, zip: zip, gzCache: map[string]gzEntry{}}
}

func (h *appHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := path.Clean(r.URL.Path)
	switch {
	case p == "/" || p == "/index.html":
		p = "/index.html"
	case p == "/data/ml-100k.zip":
		if h.zip == nil {
			http.Error(w, "this server has no MovieLens-100k: drop ml-100k.zip on the page", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/zip")
		w.Header().Set("Content-Length", fmt.Sprint(len(h.zip)))
		w.Write(h.zip)
		return
	case strings.HasPrefix(p, "/assets/"), strings.HasPrefix(p, "/build/"):
	default:
		http.NotFound(w, r)
		return
	}
	file := filepath.Join(h.root, filepath.FromSlash(p))
	st, err := os.Stat(file)
	if err != nil || st.IsDir() {
		http.NotFound(w, r)
		return
	}
	if ct := mime.TypeByExtension(path.Ext(p)); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	// Builds change under a running server: always revalidate.
	w.Header().Set("Cache-Control", "no-cache")
	if p == "/assets/sw.js" {
		w.Header().Set("Service-Worker-Allowed", "/") // it controls the whole app
	}
	w.Header().Add("Vary", "Accept-Encoding")
	if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") || st.Size() < 1024 {
		http.ServeFile(w, r, file)
		return
	}
	data, err := h.gzipped(file, st.ModTime())
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Encoding", "gzip")
	http.ServeContent(w, r, p, st.ModTime(), bytes.NewReader(data))
}

// gzipped compresses a file once per modification time.
func (h *appHandler) gzipped(file string, mod time.Time) ([]byte, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if e, ok := h.gzCache[file]; ok && e.mod.Equal(mod) {
		return e.data, nil
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(raw)
	zw.Close()
	h.gzCache[file] = gzEntry{mod, buf.Bytes()}
	return buf.Bytes(), nil
}
