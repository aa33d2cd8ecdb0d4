package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
)

// loadPaths are what a first visit fetches: the page, its scripts and
// styles, the loaders and both modules.
var loadPaths = []string{"/", "/assets/app.css", "/assets/engine-client.js", "/assets/engine-worker.js",
	"/assets/charts.js", "/assets/views.js", "/build/wasm_exec.js", "/build/ui.wasm", "/build/engine.wasm"}

// TestServeUnderLoad: many clients fetch the page and its modules at once
// through the hardened server on loopback; none may fail. Its latencies
// are reported, not asserted (the machine is shared). The repository's own
// build/ is served when it exists (./build.sh build), else the test tree.
// FLSEST_LOAD_CLIENTS and FLSEST_LOAD_ROUNDS size it (RELIABILITY.md's run:
// 64 and 5).
func TestServeUnderLoad(t *testing.T) {
	clients, rounds := envInt("FLSEST_LOAD_CLIENTS", 8), envInt("FLSEST_LOAD_ROUNDS", 2)
	root, _ := filepath.Abs("../..")
	if _, err := os.Stat(filepath.Join(root, "build/engine.wasm")); err != nil {
		root = appRoot(t)
		for _, p := range loadPaths[1:] {
			if _, err := os.Stat(filepath.Join(root, p)); err != nil {
				os.WriteFile(filepath.Join(root, p), []byte("// "+p), 0o644)
			}
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newServer(guard(newAppHandler(root, nil), allowedHosts(ln.Addr(), nil)))
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()

	var mu sync.Mutex
	var lat []time.Duration
	var errs []string
	var bytes int64
	start := time.Now()
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := &http.Client{Transport: &http.Transport{DisableCompression: true}, Timeout: time.Minute}
			defer client.CloseIdleConnections()
			for r := 0; r < rounds; r++ {
				for _, p := range loadPaths {
					req, _ := http.NewRequest("GET", base+p, nil)
					req.Header.Set("Accept-Encoding", "br, gzip")
					t0 := time.Now()
					resp, err := client.Do(req)
					var n int64
					if err == nil {
						n, err = io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
						if err == nil && resp.StatusCode != 200 {
							err = fmt.Errorf("status %d", resp.StatusCode)
						}
					}
					d := time.Since(t0)
					mu.Lock()
					lat = append(lat, d)
					bytes += n
					if err != nil {
						errs = append(errs, p+": "+err.Error())
					}
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	wall := time.Since(start)
	if len(errs) > 0 {
		t.Fatalf("%d of %d requests failed, first: %s", len(errs), len(lat), errs[0])
	}
	slices.Sort(lat)
	q := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	t.Logf("%d clients × %d rounds × %d files = %d requests, 0 errors, %.1f MB in %v: p50 %v, p90 %v, p99 %v, max %v (root %s)",
		clients, rounds, len(loadPaths), len(lat), float64(bytes)/(1<<20), wall.Round(time.Millisecond),
		q(0.5).Round(time.Microsecond), q(0.9).Round(time.Microsecond), q(0.99).Round(time.Microsecond), lat[len(lat)-1].Round(time.Microsecond), root)
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}
