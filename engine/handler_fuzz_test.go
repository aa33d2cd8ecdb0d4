package engine

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"runtime"
	"testing"

	"github.com/flsest/flsest/engine/api"
)

// FuzzAPIBodies posts fuzzed JSON to the routes that take a body (config,
// predict, inspect) of an engine with data loaded. Every answer must be a
// JSON value with a 2xx or 4xx status: a 500 is a bug, and so is a request
// that allocates more than 256 MB (a model is rebuilt on a new config).
func FuzzAPIBodies(f *testing.F) {
	_, h := testEngine(f)
	call(f, h, "POST", api.PathDataset, syntheticZip(f), 200, nil)
	paths := []string{api.PathConfig, api.PathPredict, api.PathInspect}
	f.Add(uint8(0), []byte(`{"settings":{"lr":"0.01","hidden":"16,8"}}`))
	f.Add(uint8(0), []byte(`{"preset":"flsest"}`))
	f.Add(uint8(0), []byte(`{"settings":{"cin":"1024,1024,1024,1024,1024,1024,1024,1024,1024"}}`))
	f.Add(uint8(1), []byte(`{"pairs":[{"user":1,"movie":1},{"user":2,"movie":3}]}`))
	f.Add(uint8(2), []byte(`{"user":1,"movie":1,"edit":{"age":30,"genres":["Drama"]}}`))
	f.Add(uint8(2), []byte(`{"user":-1,"movie":1e300}`))
	f.Fuzz(func(t *testing.T, route uint8, body []byte) {
		path := paths[int(route)%len(paths)]
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("POST", path, bytes.NewReader(body)))
		runtime.ReadMemStats(&after)
		if got := after.TotalAlloc - before.TotalAlloc; got > 256<<20 {
			t.Fatalf("POST %s %q allocated %d bytes", path, body, got)
		}
		if w.Code >= 500 || w.Code < 200 {
			t.Fatalf("POST %s %q: status %d: %s", path, body, w.Code, w.Body)
		}
		if !json.Valid(w.Body.Bytes()) {
			t.Fatalf("POST %s %q: not JSON: %s", path, body, w.Body)
		}
	})
}
