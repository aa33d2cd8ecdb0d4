package engine

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/flsest/flsest/engine/api"
)

// The inspection views give the same numbers natively and under wasm: this
// test pins a digest of GET /api/sest, /api/slices, /api/projector and
// /api/neighbours after one epoch on synthetic data, in both SEST readings,
// and runs on both platforms (./build.sh test). Numbers enter the digest
// to 7 significant digits: math.Log (LogLoss) and gonum's kernels have
// assembly on amd64 and pure Go under wasm, which may differ in a float64's
// last bits. If the model changes on purpose, update the pins.
func TestViewsDigestIsPinned(t *testing.T) {
	pinned := map[string]string{
		"field":      "4f1c4ae34600bb8f",
		"coordinate": "dccab5d26666d99c",
	}
	for _, g := range []string{"field", "coordinate"} {
		_, h := testEngine(t)
		loadData(t, h)
		body, _ := json.Marshal(api.ConfigRequest{Settings: map[string]string{"sest_granularity": g}})
		call(t, h, "POST", "/api/config", body, 200, nil)
		call(t, h, "POST", "/api/session/step-epoch", nil, 200, nil)
		waitStatus(t, h, api.StatusPaused)
		var b strings.Builder
		for _, path := range []string{api.PathSEST, api.PathSlices, api.PathProjector, api.PathNeighbours + "?kind=movie&id=1&k=5"} {
			var v any
			call(t, h, "GET", path, nil, 200, &v)
			digestJSON(&b, v)
		}
		sum := sha256.Sum256([]byte(b.String()))
		if got := fmt.Sprintf("%x", sum[:8]); got != pinned[g] {
			t.Errorf("%s: views digest %s, pinned %s", g, got, pinned[g])
		}
	}
}

// digestJSON writes v with every number to 7 significant digits, object
// keys sorted.
func digestJSON(b *strings.Builder, v any) {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			b.WriteString(k + ":")
			digestJSON(b, x[k])
		}
	case []any:
		for _, e := range x {
			digestJSON(b, e)
			b.WriteByte(',')
		}
	case float64:
		fmt.Fprintf(b, "%.7g;", x)
	default:
		fmt.Fprintf(b, "%v;", x)
	}
}
