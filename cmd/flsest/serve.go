package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/flsest/flsest/datasets"
)

// runServe serves the browser app: index.html, assets/, build/ (the two
// wasm modules and their loaders, made by ./build.sh serve) and the located
// MovieLens-100k as /data/ml-100k.zip, which the page hands to the engine.
func runServe(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	addr := fl.String("addr", "127.0.0.1:8080", "listen address (port 0 picks a free port); not loopback: see -share-data")
	root := fl.String("root", ".", "the repository root (index.html, assets/, build/)")
	dataPath := fl.String("data", "", "MovieLens-100k directory or zip to offer the page (default: $FLSEST_DATA, then the cache)")
	shareData := fl.Bool("share-data", false, "offer the dataset even on a non-loopback address (MovieLens' licence forbids redistributing it)")
	hosts := fl.String("hosts", "", "more Host header names to accept, comma-separated (e.g. a LAN name; the address's own are always accepted)")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	for _, p := range []string{"index.html", "assets", "build/ui.wasm", "build/engine.wasm"} {
		if _, err := os.Stat(filepath.Join(*root, p)); err != nil {
			return fmt.Errorf("serve: %s is missing under %s: build first (./build.sh serve)", p, *root)
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	loopback := isLoopback(ln.Addr())
	if !loopback {
		fmt.Fprintf(stderr, "serve: WARNING: %s is reachable from the network, not only from this machine\n", ln.Addr())
	}
	var zipBytes []byte
	switch {
	case !loopback && !*shareData:
		fmt.Fprintf(stderr, "serve: not offering MovieLens-100k on a network address (its licence forbids redistribution): visitors drop their own ml-100k.zip; -share-data overrides\n")
	default:
		var source string
		zipBytes, source, err = offeredData(*dataPath, *root)
		if err != nil {
			fmt.Fprintf(stderr, "serve: %v\n  the page will ask for ml-100k.zip to be dropped on it\n", err)
		} else {
			fmt.Fprintf(stderr, "serve: offering MovieLens-100k from %s (%d bytes zipped)\n", source, len(zipBytes))
		}
	}
	app := newAppHandler(*root, zipBytes)
	srv := newServer(guard(app, allowedHosts(ln.Addr(), strings.Split(*hosts, ","))))
	fmt.Fprintf(stdout, "FLSEST is at http://%s/\n", ln.Addr())
	// SIGINT and SIGTERM end the server gracefully: requests in flight finish.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	fmt.Fprintf(stderr, "serve: shutting down\n")
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	return nil
}

// newServer is the app's http.Server: no connection is held forever, by a
// client that never sends its headers or body, never reads, or idles.
func newServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      2 * time.Minute, // engine.wasm on a slow link
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
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

// appHandler serves the files the app needs. Each goes out in the best
// encoding the browser accepts — brotli, then gzip, then none — from the
// copies ./build.sh writes at build time (cmd/precompress: NAME.br,
// NAME.gz) while they are current, else, for gzip, compressed here once per
// modification time (index.html, assets/). .wasm goes out as
// application/wasm, which streaming compilation requires. Every response
// carries an ETag made from the file's content and its encoding and
// "Cache-Control: no-cache": a second visit revalidates each file with one
// small request (304) instead of downloading it, and a rebuild is never
// hidden behind a stale copy.
//
// Files are opened through os.Root, one per served directory, so no
// symbolic link leads out of assets/ or build/ (nor "..": the path is
// cleaned first anyway).
type appHandler struct {
	dirs    map[string]*os.Root // "assets", "build", and "" for index.html; nil if it cannot be opened
	zip     *offeredZip         // nil: no dataset offered
	mu      sync.Mutex
	gzCache map[string]gzEntry  // file → its gzip, made here
	tags    map[string]tagEntry // file → ETag of its content
}

type gzEntry struct {
	mod  time.Time
	data []byte
}

type tagEntry struct {
	mod  time.Time
	size int64
	tag  string
}

func newAppHandler(root string, zip []byte) http.Handler {
	mime.AddExtensionType(".wasm", "application/wasm")
	mime.AddExtensionType(".js", "text/javascript; charset=utf-8")
	mime.AddExtensionType(".mjs", "text/javascript; charset=utf-8")
	h := &appHandler{dirs: map[string]*os.Root{}, gzCache: map[string]gzEntry{}, tags: map[string]tagEntry{}}
	for _, dir := range []string{"", "assets", "build"} {
		if r, err := os.OpenRoot(filepath.Join(root, dir)); err == nil {
			h.dirs[dir] = r
		}
	}
	if zip != nil {
		h.zip = newOfferedZip(zip)
	}
	return h
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
		h.zip.serve(w, r)
		return
	case strings.HasPrefix(p, "/assets/"), strings.HasPrefix(p, "/build/"):
	default:
		http.NotFound(w, r)
		return
	}
	dir, name, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	if name == "" {
		dir, name = "", dir // index.html
	}
	fsys := h.dirs[dir]
	if fsys == nil {
		http.NotFound(w, r)
		return
	}
	file := dirFile{fsys, name}
	st, err := file.stat()
	if err != nil || st.IsDir() {
		http.NotFound(w, r)
		return
	}
	ext := path.Ext(p)
	ct := mime.TypeByExtension(ext)
	if ext == ".br" || ext == ".gz" {
		// A compressed copy asked for by name (the service worker keeps
		// these for offline use): its bytes as they are.
		ct = "application/octet-stream"
	}
	if ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	w.Header().Set("Cache-Control", "no-cache")
	if p == "/assets/sw.js" {
		w.Header().Set("Service-Worker-Allowed", "/") // it controls the whole app
	}
	w.Header().Add("Vary", "Accept-Encoding")
	tag, err := h.contentTag(file, st)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	br, gz := acceptedEncodings(r.Header.Get("Accept-Encoding"))
	if ext == ".br" || ext == ".gz" {
		br, gz = false, false
	}
	switch {
	case br && current(file.with(".br"), st):
		serveFile(w, r, file.with(".br"), "br", tag)
	case gz && current(file.with(".gz"), st):
		serveFile(w, r, file.with(".gz"), "gzip", tag)
	case gz && st.Size() >= 1024:
		data, err := h.gzipped(file, st.ModTime())
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("ETag", `"`+tag+`.gz"`)
		http.ServeContent(w, r, "", st.ModTime(), bytes.NewReader(data))
	default:
		serveFile(w, r, file, "", tag)
	}
}

// acceptedEncodings reads an Accept-Encoding header: does the client take
// brotli, gzip? A q of 0 refuses; "*" stands for what is not named.
func acceptedEncodings(header string) (br, gzip bool) {
	named := map[string]bool{}
	star := false
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.ToLower(strings.TrimSpace(name))
		ok := true
		for _, p := range strings.Split(params, ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			if strings.EqualFold(k, "q") {
				q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				ok = err == nil && q > 0
			}
		}
		if name == "*" {
			star = ok
			continue
		}
		if name != "" {
			named[name] = ok
		}
	}
	take := func(names ...string) bool {
		for _, n := range names {
			if ok, is := named[n]; is {
				return ok
			}
		}
		return star
	}
	return take("br"), take("gzip", "x-gzip")
}

// dirFile is a file under one of the served directories' os.Root.
type dirFile struct {
	root *os.Root
	name string
}

func (f dirFile) stat() (os.FileInfo, error) { return f.root.Stat(f.name) }
func (f dirFile) open() (*os.File, error)    { return f.root.Open(f.name) }
func (f dirFile) read() ([]byte, error)      { return f.root.ReadFile(f.name) }
func (f dirFile) with(suffix string) dirFile { return dirFile{f.root, f.name + suffix} }
func (f dirFile) key() string                { return f.root.Name() + "/" + f.name }

// current reports whether the compressed copy exists and is not older than
// its file (a copy from before a rebuild would send the old module).
func current(copy dirFile, file os.FileInfo) bool {
	st, err := copy.stat()
	return err == nil && !st.IsDir() && !st.ModTime().Before(file.ModTime())
}

// serveFile sends file (the file itself, or its compressed copy when
// encoding is set) with an ETag naming the content and the encoding.
func serveFile(w http.ResponseWriter, r *http.Request, file dirFile, encoding, tag string) {
	f, err := file.open()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	switch encoding {
	case "br":
		tag += ".br"
	case "gzip":
		tag += ".gz"
	}
	if encoding != "" {
		w.Header().Set("Content-Encoding", encoding)
	}
	w.Header().Set("ETag", `"`+tag+`"`)
	http.ServeContent(w, r, "", st.ModTime(), f)
}

// contentTag names a file's content (cached per modification time and size).
// The lock is not held while a file is read and hashed (or compressed,
// below): one large file must not stall every other request.
func (h *appHandler) contentTag(file dirFile, st os.FileInfo) (string, error) {
	h.mu.Lock()
	e, ok := h.tags[file.key()]
	h.mu.Unlock()
	if ok && e.mod.Equal(st.ModTime()) && e.size == st.Size() {
		return e.tag, nil
	}
	raw, err := file.read()
	if err != nil {
		return "", err
	}
	tag := contentTag(raw)
	h.mu.Lock()
	h.tags[file.key()] = tagEntry{st.ModTime(), st.Size(), tag}
	h.mu.Unlock()
	return tag, nil
}

// contentTag is the first 16 bytes of b's SHA-256, in hex.
func contentTag(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// gzipped compresses a file once per modification time.
func (h *appHandler) gzipped(file dirFile, mod time.Time) ([]byte, error) {
	h.mu.Lock()
	e, ok := h.gzCache[file.key()]
	h.mu.Unlock()
	if ok && e.mod.Equal(mod) {
		return e.data, nil
	}
	raw, err := file.read()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(raw)
	zw.Close()
	h.mu.Lock()
	h.gzCache[file.key()] = gzEntry{mod, buf.Bytes()}
	h.mu.Unlock()
	return buf.Bytes(), nil
}
