package main

import (
	"fmt"
	"os"
	"sync"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: precompress FILE…")
		os.Exit(2)
	}
	files := os.Args[1:]
	sizes := make([]Sizes, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Go(func() { sizes[i], errs[i] = Precompress(f) })
	}
	wg.Wait()
	failed := false
	for i, f := range files {
		if errs[i] != nil {
			fmt.Fprintln(os.Stderr, "precompress:", errs[i])
			failed = true
			continue
		}
		s := sizes[i]
		fmt.Fprintf(os.Stderr, "%s: %d bytes, brotli %d, gzip %d\n", f, s.Raw, s.Brotli, s.Gzip)
	}
	if failed {
		os.Exit(1)
	}
}
