package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"runtime"
	"testing"
)

// maxFuzzAlloc bounds what one input may allocate: the fuzz inputs are
// small, so anything near it is a header that escaped the checks.
const maxFuzzAlloc = 64 << 20

// checkLoad loads b and fails on anything but a model or an ErrCheckpoint,
// or on an allocation beyond maxFuzzAlloc.
func checkLoad(t *testing.T, b []byte) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	m, err := Load(bytes.NewReader(b), 4)
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > maxFuzzAlloc {
		t.Fatalf("loading %d bytes allocated %d", len(b), got)
	}
	if err != nil {
		if !errors.Is(err, ErrCheckpoint) {
			t.Fatalf("error %v does not wrap ErrCheckpoint", err)
		}
		return
	}
	if m == nil {
		t.Fatal("no model and no error")
	}
}

// FuzzLoadCheckpoint feeds whole files: flips and cuts of a real one.
func FuzzLoadCheckpoint(f *testing.F) {
	h, values := smallCheckpoint(f)
	good := forge(f, h, values)
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte(checkpointMagic))
	f.Fuzz(checkLoad)
}

// FuzzCheckpointHeader fuzzes below the checksum: the header JSON and the
// number of weights vary, and the file always carries a valid sum, so the
// fuzzer reaches the header checks and the model building.
func FuzzCheckpointHeader(f *testing.F) {
	h, values := smallCheckpoint(f)
	hj, err := json.Marshal(h)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(hj, uint16(len(values)), float32(0.01))
	f.Add([]byte(`{"model":"net","config":{},"schema":{},"params":[]}`), uint16(0), float32(0))
	f.Fuzz(func(t *testing.T, header []byte, n uint16, fill float32) {
		values := make([]float32, n)
		for i := range values {
			values[i] = fill
		}
		checkLoad(t, forgeRaw(header, values))
	})
}
