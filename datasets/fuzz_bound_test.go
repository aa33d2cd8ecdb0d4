package datasets

import (
	"errors"
	"runtime"
	"testing"
)

// textBound is what loading n bytes of text may allocate: 64 MB plus 64
// bytes per input byte (the loaders keep a copy of the text and an index
// per value, not more).
func textBound(n int) uint64 { return 64<<20 + 64*uint64(n) }

// fuzzBound runs load and fails if it allocates more than limit bytes, or
// if its error is not a *ParseError when parseErr is set (the package's
// invariant, doc.go).
func fuzzBound(t *testing.T, limit uint64, parseErr bool, load func() error) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	err := load()
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > limit {
		t.Fatalf("allocated %d bytes, more than %d", got, limit)
	}
	var pe *ParseError
	if err != nil && parseErr && !errors.As(err, &pe) {
		t.Fatalf("error %v is not a *ParseError", err)
	}
}
