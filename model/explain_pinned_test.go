package model

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// The explanations are the same numbers natively and under WebAssembly:
// permutation importance and Shapley values of a fixed float32 model on
// fixed rows, pinned to the bit (LogLoss, which goes through the standard
// library's math.Log, to 1e-12). `go test` and the wasm run of the same
// test both check them.
func TestExplanationsArePinned(t *testing.T) {
	rng := rand.New(rand.NewPCG(141, 142))
	s := movieLensSchema()
	c := DefaultConfig()
	c.Hidden = []int{24, 16}
	m, err := NewNet[float32](s, c, 128, 11)
	if err != nil {
		t.Fatal(err)
	}
	for i := range m.Arena.Value {
		m.Arena.Value[i] = float32(0.2 * rng.NormFloat64())
	}
	rows := randomBatch(rng, s, 300, 6)
	perm := permutationOf(t, m, rows, 2, 5)
	var got []string
	for _, f := range perm.Fields {
		got = append(got, fmt.Sprintf("%x %x %.12f", math.Float64bits(f.AUCDrop), math.Float64bits(f.AUCDropStd), f.LogLossRise))
	}
	v := explain(t, m, sliceBatch(rows, 0, 1), sliceBatch(rows, 1, 33))
	for _, p := range v.Phi {
		got = append(got, fmt.Sprintf("%x", math.Float64bits(p)))
	}
	got = append(got, fmt.Sprintf("%x %x", math.Float64bits(v.Base), math.Float64bits(v.Value)))
	want := pinnedExplanations
	if len(got) != len(want) {
		t.Fatalf("%d numbers, %d pinned:\n%q", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("number %d: %s, pinned %s", i, got[i], want[i])
		}
	}
	if t.Failed() {
		t.Logf("all: %q", got)
	}
}

var pinnedExplanations = []string{ // per field: ΔAUC, its std, ΔLogLoss; φ per field; base and value
	"3f96650cc8468370 3f8338cc296a225a 0.011001037465",
	"3f68a12ff2ae8680 3f18c4e4b7f195f7 0.001788221335",
	"3f8aa2f17c06b440 3f92c53553651077 0.004960516313",
	"bf900e0c4ac16950 3f97070ca3029572 -0.007255209467",
	"3f80e0388e940740 3f94307d18999209 0.002431729504",
	"3fa423130dc350b0 3f77bcb0859cd624 0.015679690971",
	"bf69e81f78a0d300 3f75ee552d888e94 -0.001574258851",
	"bf964db287d9c760 3f7ffe521842b162 -0.009618292356",
	"3fdc6d07f3cab1f9",
	"3fc1c8567c43f160",
	"bfbc4f016052a0e8",
	"bf9de48dd825f15d",
	"bfce6b8eaa282be4",
	"bfdc2313b451d68a",
	"bf857e0783422222",
	"3fb5e5e64a2968d8",
	"bfad5ac64b000000 bfcbaf0100000000",
}
