package main

import (
	"crypto/sha256"
	"encoding/base64"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// guard wraps the app server's handler: every response carries the
// security headers, and a request whose Host header is not one of hosts
// (the listening address's own names, allowedHosts) is refused, so that a
// web page elsewhere cannot reach the server through a DNS name rebound to
// it.
func guard(next http.Handler, hosts map[string]bool, csp string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", csp)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("X-Frame-Options", "DENY") // frame-ancestors 'none', for older browsers
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		if !hosts[strings.ToLower(r.Host)] {
			http.Error(w, "unexpected Host header "+strconv.Quote(r.Host)+": this server answers to its own address (flsest serve -hosts adds names)", http.StatusMisdirectedRequest)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// contentSecurityPolicy allows the app's own files and the inline scripts
// of index.html (by their hashes), wasm compilation ('wasm-unsafe-eval'),
// and nothing from elsewhere. 'unsafe-eval' is there because Vugu's
// renderer (domrender) and ui/skip_unchanged_wasm.go define their helpers
// with window.eval when the UI starts; RELIABILITY.md keeps this as an open
// item. Inline styles are allowed: the UI sets style attributes.
func contentSecurityPolicy(root string) string {
	scripts := "'self' 'wasm-unsafe-eval' 'unsafe-eval'"
	if html, err := os.ReadFile(filepath.Join(root, "index.html")); err == nil {
		for _, h := range inlineScriptHashes(html) {
			scripts += " '" + h + "'"
		}
	}
	return "default-src 'self'; script-src " + scripts + "; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
		"connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
}

var inlineScript = regexp.MustCompile(`(?is)<script([^>]*)>(.*?)</script>`)

// inlineScriptHashes returns "sha256-…" of each inline script of html (CSP
// level 2 hashes the text between the tags exactly).
func inlineScriptHashes(html []byte) []string {
	var out []string
	for _, m := range inlineScript.FindAllSubmatch(html, -1) {
		if strings.Contains(strings.ToLower(string(m[1])), "src=") {
			continue
		}
		sum := sha256.Sum256(m[2])
		out = append(out, "sha256-"+base64.StdEncoding.EncodeToString(sum[:]))
	}
	return out
}

// isLoopback reports whether addr only accepts connections from this machine.
func isLoopback(addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

// allowedHosts are the Host headers the server answers: its address, the
// loopback names when it listens on loopback or on every interface, every
// interface's address in the latter case, and extra names (with or without
// a port).
func allowedHosts(addr net.Addr, extra []string) map[string]bool {
	tcp := addr.(*net.TCPAddr)
	port := strconv.Itoa(tcp.Port)
	hosts := map[string]bool{}
	add := func(host string) {
		host = strings.ToLower(strings.TrimSpace(host))
		if host == "" {
			return
		}
		if _, _, err := net.SplitHostPort(host); err == nil {
			hosts[host] = true
			return
		}
		hosts[net.JoinHostPort(strings.Trim(host, "[]"), port)] = true
		if port == "80" {
			hosts[host] = true
		}
	}
	add(tcp.IP.String())
	if tcp.IP.IsLoopback() || tcp.IP.IsUnspecified() {
		for _, h := range []string{"localhost", "127.0.0.1", "::1"} {
			add(h)
		}
	}
	if tcp.IP.IsUnspecified() {
		if addrs, err := net.InterfaceAddrs(); err == nil {
			for _, a := range addrs {
				if ipn, ok := a.(*net.IPNet); ok {
					add(ipn.IP.String())
				}
			}
		}
	}
	for _, h := range extra {
		add(h)
	}
	return hosts
}
