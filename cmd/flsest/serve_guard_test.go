package main

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

var securityHeaders = []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"}

func guarded(t *testing.T, root string) http.Handler {
	t.Helper()
	addr := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}
	return guard(newAppHandler(root, nil), allowedHosts(addr, nil))
}

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	root := appRoot(t)
	h := guarded(t, root)
	for _, c := range []struct {
		method, path string
		status       int
	}{{"GET", "/", 200}, {"GET", "/build/ui.wasm", 200}, {"GET", "/nothing", 404}, {"POST", "/", 405}} {
		req := httptest.NewRequest(c.method, c.path, nil)
		req.Host = "localhost:8080"
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != c.status {
			t.Errorf("%s %s: %d, want %d", c.method, c.path, w.Code, c.status)
		}
		for _, name := range securityHeaders {
			if w.Header().Get(name) == "" {
				t.Errorf("%s %s: no %s", c.method, c.path, name)
			}
		}
		if csp := w.Header().Get("Content-Security-Policy"); csp != contentSecurityPolicy {
			t.Errorf("%s %s: CSP %q, want %q", c.method, c.path, csp, contentSecurityPolicy)
		}
	}
}

func TestHostHeaderIsChecked(t *testing.T) {
	h := guarded(t, appRoot(t))
	for host, want := range map[string]int{
		"localhost:8080": 200, "127.0.0.1:8080": 200, "[::1]:8080": 200, "LOCALHOST:8080": 200,
		"evil.example:8080": 421, "localhost:9090": 421, "localhost": 421, "": 421,
	} {
		req := httptest.NewRequest("GET", "/", nil)
		req.Host = host
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != want {
			t.Errorf("Host %q: %d, want %d", host, w.Code, want)
		}
	}
	any := allowedHosts(&net.TCPAddr{IP: net.IPv4zero, Port: 80}, []string{"box.lan", "other:81"})
	for _, host := range []string{"localhost", "localhost:80", "127.0.0.1:80", "box.lan", "box.lan:80", "other:81"} {
		if !any[host] {
			t.Errorf("on 0.0.0.0:80, Host %q is refused", host)
		}
	}
}

// No symbolic link leads out of assets/ or build/, even into the rest of
// the tree.
func TestSymlinksOutOfServedDirectoriesAre404(t *testing.T) {
	root := appRoot(t)
	outside := filepath.Join(t.TempDir(), "passwd")
	os.WriteFile(outside, []byte("root:x:0:0"), 0o644)
	for link, target := range map[string]string{
		"assets/out.txt":    outside,
		"assets/secret.txt": "../secret.txt",
		"build/up":          "..",
		"assets/dir":        filepath.Dir(outside),
	} {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Skip("no symlinks here:", err)
		}
	}
	os.Symlink("app.css", filepath.Join(root, "assets/inside.css")) // within assets/: fine
	h := guarded(t, root)
	for path, want := range map[string]int{
		"/assets/out.txt": 404, "/assets/secret.txt": 404, "/build/up/secret.txt": 404, "/assets/dir/passwd": 404,
		"/assets/inside.css": 200,
	} {
		req := httptest.NewRequest("GET", path, nil)
		req.Host = "localhost:8080"
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != want || strings.Contains(w.Body.String(), "root:x") || strings.Contains(w.Body.String(), "not served") {
			t.Errorf("%s: %d %q, want %d", path, w.Code, w.Body.String(), want)
		}
	}
}

func TestServerTimeouts(t *testing.T) {
	s := newServer(http.NotFoundHandler())
	if s.ReadHeaderTimeout <= 0 || s.ReadTimeout <= 0 || s.WriteTimeout <= 0 || s.IdleTimeout <= 0 || s.MaxHeaderBytes <= 0 {
		t.Errorf("timeouts %v %v %v %v, header limit %d: none may be unset", s.ReadHeaderTimeout, s.ReadTimeout, s.WriteTimeout, s.IdleTimeout, s.MaxHeaderBytes)
	}
}

// startServe runs runServe with args and returns its URL, its stderr so
// far, and a function that sends SIGTERM and returns runServe's result.
func startServe(t *testing.T, args ...string) (url string, stderr *syncBuffer, stop func() error) {
	t.Helper()
	pr, pw := io.Pipe()
	stderr = &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- runServe(args, pw, stderr) }()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, pr)
	url = strings.TrimSpace(strings.TrimPrefix(line, "FLSEST is at "))
	return url, stderr, func() error {
		syscall.Kill(os.Getpid(), syscall.SIGTERM)
		select {
		case err := <-done:
			return err
		case <-time.After(10 * time.Second):
			t.Fatal("no shutdown 10 s after SIGTERM")
			return nil
		}
	}
}

// syncBuffer is a bytes.Buffer safe to write from the server's goroutine.
type syncBuffer struct {
	mu  chan struct{}
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	if b.mu == nil {
		b.mu = make(chan struct{}, 1)
	}
	b.mu <- struct{}{}
	defer func() { <-b.mu }()
	return b.buf.Write(p)
}

func TestServeShutsDownOnSIGTERM(t *testing.T) {
	url, _, stop := startServe(t, "-addr", "127.0.0.1:0", "-root", appRoot(t), "-data", filepath.Join(t.TempDir(), "none"))
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("GET /: %d, CSP %q", resp.StatusCode, resp.Header.Get("Content-Security-Policy"))
	}
	if err := stop(); err != nil {
		t.Errorf("runServe after SIGTERM: %v, want nil", err)
	}
}

func TestServeOnTheNetworkWarnsAndOffersNoData(t *testing.T) {
	url, stderr, stop := startServe(t, "-addr", "0.0.0.0:0", "-root", appRoot(t))
	port := url[strings.LastIndex(url, ":"):]
	port = strings.TrimSuffix(port, "/")
	resp, err := http.Get("http://127.0.0.1" + port + "/data/ml-100k.zip")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	log := stderr.buf.String()
	if resp.StatusCode != 404 || !strings.Contains(log, "WARNING") || !strings.Contains(log, "not offering MovieLens-100k on a network address") {
		t.Errorf("data: %d; log %q", resp.StatusCode, log)
	}
}

// TestPolicyAllowsOnlyOwnScripts: scripts come from the app's own files,
// with wasm compilation and nothing else (no eval, no inline script, no
// hash), and the page needs nothing more: index.html has no inline script
// nor inline event handler, which the policy would block.
func TestPolicyAllowsOnlyOwnScripts(t *testing.T) {
	var scripts string
	for _, d := range strings.Split(contentSecurityPolicy, ";") {
		if f := strings.Fields(d); len(f) > 0 && f[0] == "script-src" {
			scripts = strings.Join(f[1:], " ")
		}
	}
	if scripts != "'self' 'wasm-unsafe-eval'" {
		t.Errorf("script-src %q, want only 'self' 'wasm-unsafe-eval'", scripts)
	}
	html, err := os.ReadFile("../../index.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`(?is)<script([^>]*)>(.*?)</script>`).FindAllSubmatch(html, -1) {
		if !strings.Contains(string(m[1]), "src=") || strings.TrimSpace(string(m[2])) != "" {
			t.Errorf("index.html has an inline script, which the policy blocks: %.80q", m[0])
		}
	}
	if m := regexp.MustCompile(`(?i)\son[a-z]+\s*=`).Find(html); m != nil {
		t.Errorf("index.html has an inline event handler %q, which the policy blocks", m)
	}
}

// TestCloudflareHeadersMatch: the Cloudflare build (cf/_headers) sends the
// same security headers as flsest serve.
func TestCloudflareHeadersMatch(t *testing.T) {
	text, err := os.ReadFile("../../cf/_headers")
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("GET", "/", nil)
	req.Host = "localhost:8080"
	w := httptest.NewRecorder()
	guarded(t, appRoot(t)).ServeHTTP(w, req)
	for _, name := range append(securityHeaders, "Cross-Origin-Opener-Policy") {
		want := name + ": " + w.Header().Get(name)
		if !strings.Contains(string(text), "\n  "+want+"\n") {
			t.Errorf("cf/_headers lacks %q (serve_guard.go's header)", want)
		}
	}
}
