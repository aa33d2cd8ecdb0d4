package client

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/flsest/flsest/engine/api"
)

// The projector's fast decoding gives what encoding/json gives, bit for
// bit, and refuses what it refuses.
func TestDecodeProjectorMatchesEncodingJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	proj := func(n int) api.Projection {
		p := api.Projection{Variance: [2]float64{0.3, 0.1}}
		for range 2 * n {
			p.XY = append(p.XY, float32(rng.NormFloat64()*1e-3))
		}
		p.XY = append(p.XY, 0, -1.5e-30) // and a zero and a tiny one
		return p
	}
	v := proj(50)
	want := api.ProjectorReport{Step: 7, Transform: "sest", Context: 2048,
		Movies: api.EmbeddingMap{IDs: []int{1, 2, 3}, Names: []string{"A, \"quoted\" [1995]", "B", "C"}, E: proj(50), V: &v,
			Attributes: []api.Attribute{{Field: "genres", Values: []string{"Drama"}, Of: []int{0, -1, 0}}}},
		Users: api.EmbeddingMap{IDs: []int{196}, E: proj(1), Attributes: []api.Attribute{}}}
	body, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	var std api.ProjectorReport
	if err := json.Unmarshal(body, &std); err != nil {
		t.Fatal(err)
	}
	got, err := decodeProjector(200, body)
	if err != nil || !reflect.DeepEqual(got, std) {
		t.Errorf("fast decoding differs from encoding/json (%v):\n%+v\n%+v", err, got, std)
	}
	for _, bad := range []string{`{"movies":{"e":{"xy":[1,"x"]}}}`, `{"movies":{"ids":{}}}`, `{"movies":{"e":{"xy":[1,,2]}}}`} {
		if _, err := decodeProjector(200, []byte(bad)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
	if _, err := decodeProjector(409, []byte(`{"code":"conflict","message":"no data"}`)); err == nil || err.Error() != "no data" {
		t.Errorf("a refusal: %v", err)
	}
}

// A report the size of ml-100k's (1,682 movies, 943 users, E and V):
// decodeProjector against encoding/json, natively and under wasm
// (GOOS=js GOARCH=wasm go test -bench DecodeProjector).
func bigReport(b *testing.B) []byte {
	rng := rand.New(rand.NewPCG(5, 6))
	side := func(n int) api.EmbeddingMap {
		proj := func() *api.Projection {
			p := &api.Projection{}
			for range 2 * n {
				p.XY = append(p.XY, float32(rng.NormFloat64()))
			}
			return p
		}
		m := api.EmbeddingMap{E: *proj(), V: proj(), Attributes: []api.Attribute{{Field: "a", Values: []string{"x", "y"}}}}
		for i := range n {
			m.IDs = append(m.IDs, i+1)
			m.Names = append(m.Names, "A title of some length (1995)")
			m.Attributes[0].Of = append(m.Attributes[0].Of, i%2)
		}
		return m
	}
	body, err := json.Marshal(api.ProjectorReport{Movies: side(1682), Users: side(943)})
	if err != nil {
		b.Fatal(err)
	}
	return body
}

func BenchmarkDecodeProjector(b *testing.B) {
	body := bigReport(b)
	b.Run("encoding/json", func(b *testing.B) {
		for b.Loop() {
			var r api.ProjectorReport
			if err := json.Unmarshal(body, &r); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decodeProjector", func(b *testing.B) {
		for b.Loop() {
			if _, err := decodeProjector(200, body); err != nil {
				b.Fatal(err)
			}
		}
	})
}
