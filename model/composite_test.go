package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

// A composite row's logit does not depend on which rows are scored with
// it, in what order, or what the scorer has cached (bit for bit), and it
// is Net.Forward's logit of the same row to float32 rounding.
func TestCompositeRowsAreOrderFree(t *testing.T) {
	t.Run("threshold units active", func(t *testing.T) { testCompositeOrderFree(t, false) })
	// As after training (README): every threshold unit inactive, so a and
	// λ repeat and the SEST stream's cached terms are reused.
	t.Run("threshold units inactive", func(t *testing.T) { testCompositeOrderFree(t, true) })
}

func testCompositeOrderFree(t *testing.T, inactive bool) {
	rng := rand.New(rand.NewPCG(131, 132))
	s := movieLensSchema()
	c := DefaultConfig()
	c.Hidden, c.ExcitationBias = []int{24, 16}, true
	m, err := NewNet[float32](s, c, 64, 3)
	if err != nil {
		t.Fatal(err)
	}
	for i := range m.Arena.Value {
		m.Arena.Value[i] = float32(0.3 * rng.NormFloat64())
	}
	if inactive { // z ≥ 0, so W_down·z + b_down < 0
		for i, v := range m.SEST.Threshold.Down.Value {
			m.SEST.Threshold.Down.Value[i] = -float32(math.Abs(float64(v)))
		}
		for i := range m.SEST.Threshold.DownBias.Value {
			m.SEST.Threshold.DownBias.Value[i] = -0.1
		}
	}
	sources := randomBatch(rng, s, 40, 6)
	const n = 300
	F := m.F
	src := make([]int32, n*F)
	for i := range src {
		src[i] = int32(rng.IntN(sources.N))
	}
	all := make([]float32, n)
	NewCompositeScorer(m, sources).Logits(all, src)

	sc := NewCompositeScorer(m, sources)
	order := rng.Perm(n)
	one := make([]float32, 1)
	for k, r := range order {
		if k%2 == 0 { // one at a time, then in pairs, through one warm cache
			sc.Logits(one, src[r*F:(r+1)*F])
			if one[0] != all[r] {
				t.Fatalf("row %d alone: %v, in one call %v", r, one[0], all[r])
			}
		}
	}
	again := make([]float32, n)
	sc.Logits(again, src)
	for r := range all {
		if again[r] != all[r] {
			t.Fatalf("row %d with a warm cache: %v, cold %v", r, again[r], all[r])
		}
	}
	for r := 0; r < n; r += 37 {
		row := &Batch{N: 1, Off: []int32{0}, Label: []float32{0}}
		for f := 0; f < F; f++ {
			row.Idx = append(row.Idx, sources.Values(F, int(src[r*F+f]), f)...)
			row.Off = append(row.Off, int32(len(row.Idx)))
		}
		want := m.Forward(row, false)[0]
		if math.Abs(float64(all[r]-want)) > 1e-5*(1+math.Abs(float64(want))) {
			t.Errorf("row %d: %v, Net.Forward %v", r, all[r], want)
		}
	}
}
