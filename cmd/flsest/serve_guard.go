package main

import (
	"net"
	"net/http"
	"strconv"
	"strings"
)

// guard wraps the app server's handler: every response carries the
// security headers, and a request whose Host header is not one of hosts
// (the listening address's own names, allowedHosts) is refused, so that a
// web page elsewhere cannot reach the server through a DNS name rebound to
// it.
func guard(next http.Handler, hosts map[string]bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", contentSecurityPolicy)
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

// contentSecurityPolicy allows the app's own files as scripts, wasm
// compilation ('wasm-unsafe-eval'), and nothing from elsewhere: no inline
// script (index.html has none) and no eval. Vugu's renderer passes its
// helper script to window.eval; index.html loads it as a file
// (assets/vugu-render.js) and ui/eval_guard_wasm.go lets that one call
// through without evaluating anything. Inline styles are allowed: the UI
// sets style attributes. cf/_headers sends the same policy on Cloudflare
// (serve_guard_test.go checks).
const contentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
	"connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

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
