package engine

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"math"
	"runtime"
	"strings"
	"testing"

	"github.com/flsest/flsest/engine/api"
)

// Issue 15's hostile requests through the API, each answered with a 4xx
// naming the problem while allocating a bounded amount (TotalAlloc).
const maxHostileBytes = 256 << 20

// rewriteCheckpoint edits a checkpoint's JSON header with edit (or its
// weights with editValues) and writes a valid checksum again.
func rewriteCheckpoint(t *testing.T, b []byte, edit func(map[string]any), editValues func([]byte)) []byte {
	t.Helper()
	hlen := int(binary.LittleEndian.Uint32(b[12:]))
	var h map[string]any
	if err := json.Unmarshal(b[16:16+hlen], &h); err != nil {
		t.Fatal(err)
	}
	edit(h)
	hj, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	values := bytes.Clone(b[16+hlen : len(b)-32])
	editValues(values)
	out := append(bytes.Clone(b[:12]), binary.LittleEndian.AppendUint32(nil, uint32(len(hj)))...)
	out = append(append(out, hj...), values...)
	sum := sha256.Sum256(out)
	return append(out, sum[:]...)
}

func TestHostileRequests(t *testing.T) {
	_, h := testEngine(t)
	loadData(t, h)
	good := call(t, h, "GET", api.PathCheckpoint, nil, 200, nil).Body.Bytes()
	noEdit, noValues := func(map[string]any) {}, func([]byte) {}
	vocab := func(v float64) func(map[string]any) {
		return func(h map[string]any) {
			h["schema"].(map[string]any)["Fields"].([]any)[0].(map[string]any)["Vocab"] = v
		}
	}
	cin := make([]string, 100)
	for i := range cin {
		cin[i] = "1024"
	}
	cases := []struct {
		name, path string
		body       []byte
		status     int
		want       string
	}{
		{"a checkpoint declaring a vocabulary of 2^24", api.PathCheckpoint, rewriteCheckpoint(t, good, vocab(1<<24), noValues), 400, "declares a vocabulary of 16777216"},
		{"a checkpoint declaring a vocabulary of 2^36", api.PathCheckpoint, rewriteCheckpoint(t, good, vocab(1<<36), noValues), 400, "declares a vocabulary of 68719476736"},
		{"a checkpoint with a NaN weight", api.PathCheckpoint, rewriteCheckpoint(t, good, noEdit, func(v []byte) {
			binary.LittleEndian.PutUint32(v[len(v)/2&^3:], math.Float32bits(float32(math.NaN())))
		}), 400, "not finite"},
		{"100 CIN layers of 1024", api.PathConfig, []byte(`{"settings":{"model":"xdeepfm","cin":"` + strings.Join(cin, ",") + `"}}`), 400, "100 layers: want at most 8"},
		{"the widest MLP", api.PathConfig, []byte(`{"settings":{"embedding_dim":"512","hidden":"4096,4096,4096,4096,4096,4096,4096,4096"}}`), 400, "more than the"},
	}
	for _, tc := range cases {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		var e api.Error
		call(t, h, "POST", tc.path, tc.body, tc.status, &e)
		runtime.ReadMemStats(&after)
		if !strings.Contains(e.Message, tc.want) {
			t.Errorf("%s: %+v, want a message containing %q", tc.name, e, tc.want)
		}
		if got := after.TotalAlloc - before.TotalAlloc; got > maxHostileBytes {
			t.Errorf("%s: allocated %d bytes", tc.name, got)
		} else {
			t.Logf("%s (%d bytes): %d %s: %s; %.1f MB allocated", tc.name, len(tc.body), tc.status, e.Field, e.Message, float64(got)/(1<<20))
		}
	}
	// The engine still works.
	call(t, h, "POST", api.PathCheckpoint, good, 200, nil)
}
