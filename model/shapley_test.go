package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

// concatBatches appends b's samples after a's.
func concatBatches(a, b *Batch) *Batch {
	F := (len(a.Off) - 1) / a.N
	out := sliceBatch(a, 0, a.N)
	AppendSamples(out, b, F)
	return out
}

// explain computes the Shapley values of sample x against background, the
// way the engine does: sources = x, then the background rows.
func explain[T Float](t *testing.T, m *Net[T], x, background *Batch) ShapleyValues {
	t.Helper()
	src := concatBatches(x, background)
	sc := NewCompositeScorer(m, src)
	bg := make([]int32, background.N)
	for j := range bg {
		bg[j] = int32(1 + j)
	}
	sh, err := NewShapley(sc, []int32{0}, bg)
	if err != nil {
		t.Fatal(err)
	}
	for !sh.Step(100) {
	}
	return sh.Values()[0]
}

// bruteForceShapley is the definition, written the slow, obvious way: for
// every subset S of players not holding i, build each row of x_S and the
// background row's other fields, run one Forward per row, average, and
// weight v(S ∪ i) − v(S) by |S|!(F−|S|−1)!/F!.
func bruteForceShapley(m *Net[float64], x, background *Batch) ShapleyValues {
	F := m.F
	fact := func(n int) float64 {
		r := 1.0
		for k := 2; k <= n; k++ {
			r *= float64(k)
		}
		return r
	}
	v := func(S []bool) float64 {
		var sum float64
		for j := 0; j < background.N; j++ {
			row := &Batch{N: 1, Off: []int32{0}, Label: []float32{0}}
			for f := 0; f < F; f++ {
				if S[f] {
					row.Idx = append(row.Idx, x.Values(F, 0, f)...)
				} else {
					row.Idx = append(row.Idx, background.Values(F, j, f)...)
				}
				row.Off = append(row.Off, int32(len(row.Idx)))
			}
			sum += m.Forward(row, false)[0]
		}
		return sum / float64(background.N)
	}
	out := ShapleyValues{Phi: make([]float64, F)}
	for i := 0; i < F; i++ {
		for mask := 0; mask < 1<<F; mask++ {
			if mask&(1<<i) != 0 {
				continue
			}
			S := make([]bool, F)
			size := 0
			for f := range S {
				S[f] = mask&(1<<f) != 0
				if S[f] {
					size++
				}
			}
			without := v(S)
			S[i] = true
			with := v(S)
			out.Phi[i] += fact(size) * fact(F-size-1) / fact(F) * (with - without)
		}
	}
	out.Base = v(make([]bool, F))
	all := make([]bool, F)
	for f := range all {
		all[f] = true
	}
	out.Value = v(all)
	return out
}

// Every architecture: the composite scorer (with its split first layer
// where it applies) and dedup give the brute-force φ, base and value.
func TestShapleyMatchesBruteForce(t *testing.T) {
	for label, arch := range testArchitectures {
		t.Run(label, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(111, 112))
			s := testSchema([]int{0, 0, 0, 1, 1}, 3) // small vocabularies: rows repeat, dedup is exercised
			c := smallConfig()
			arch(&c)
			m, err := NewNet[float64](s, c, 16, 7)
			if err != nil {
				t.Fatal(err)
			}
			randomizeParams(&m.Arena, rng, 0.5)
			x := randomBatch(rng, s, 1, 4)
			background := randomBatch(rng, s, 6, 4)
			got := explain(t, m, x, background)
			want := bruteForceShapley(m, x, background)
			near := func(what string, a, b float64) {
				if math.Abs(a-b) > 1e-9*(1+math.Abs(b)) {
					t.Errorf("%s: %v, brute force %v", what, a, b)
				}
			}
			for f := range want.Phi {
				near(name("φ[%d]", f), got.Phi[f], want.Phi[f])
			}
			near("base", got.Base, want.Base)
			near("value", got.Value, want.Value)
		})
	}
}

// Efficiency: base + Σφ is the sample's logit (Net.Forward's) to 1e-5, for
// 100 samples of a float32 model, the type the engine runs.
func TestShapleyEfficiency(t *testing.T) {
	rng := rand.New(rand.NewPCG(113, 114))
	s := movieLensSchema()
	c := DefaultConfig()
	c.Hidden = []int{32, 32}
	m, err := NewNet[float32](s, c, 128, 9)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range m.Arena.Params { // trained-like magnitudes: logits of a few units
		for j := range p.Value {
			if len(p.Shape) == 2 && p.Shape[1] == c.EmbeddingDim || len(p.Shape) == 1 && i < 2*len(s.Fields) {
				p.Value[j] = float32(0.3 * rng.NormFloat64())
			}
		}
	}
	samples := randomBatch(rng, s, 100, 6)
	background := randomBatch(rng, s, 8, 6)
	src := concatBatches(samples, background)
	sc := NewCompositeScorer(m, src)
	explainIdx, bg := make([]int32, 100), make([]int32, 8)
	for i := range explainIdx {
		explainIdx[i] = int32(i)
	}
	for j := range bg {
		bg[j] = int32(100 + j)
	}
	sh, err := NewShapley(sc, explainIdx, bg)
	if err != nil {
		t.Fatal(err)
	}
	for !sh.Step(1000) {
	}
	logits := append([]float32(nil), m.Forward(samples, false)...)
	var spread float64
	for i, v := range sh.Values() {
		sum := v.Base
		for _, p := range v.Phi {
			sum += p
		}
		if d := math.Abs(sum - float64(logits[i])); d > 1e-5 {
			t.Errorf("sample %d: base %v + Σφ = %v, logit %v (off by %.2g)", i, v.Base, sum, logits[i], d)
		}
		spread += math.Abs(float64(logits[i]) - v.Base)
	}
	if spread/100 < 0.1 {
		t.Fatalf("mean |logit − base| = %v: the model is too flat for the test to mean anything", spread/100)
	}
}

// A field the model cannot see (its embeddings and linear weights zero)
// gets φ = 0 (the dummy axiom).
func TestShapleyUnseenFieldIsZero(t *testing.T) {
	rng := rand.New(rand.NewPCG(115, 116))
	s := testSchema([]int{0, 0, 0, 1, 1}, 5)
	m, err := NewNet[float64](s, smallConfig(), 16, 3)
	if err != nil {
		t.Fatal(err)
	}
	randomizeParams(&m.Arena, rng, 0.5)
	const blind = 2
	clear(m.Embedding.Tables[blind].Value)
	clear(m.Linear.Weights[blind].Value)
	v := explain(t, m, randomBatch(rng, s, 1, 4), randomBatch(rng, s, 8, 4))
	for f, p := range v.Phi {
		if f == blind && p != 0 {
			t.Errorf("φ of the unseen field = %v, want 0", p)
		}
		if f != blind && p == 0 {
			t.Errorf("φ[%d] = 0: the other fields should matter", f)
		}
	}
}

// Two fields made identical — the model treats them alike (the same
// tables, weights and excitation rows; the same domain) and every row holds
// the same value in both — get equal φ (the symmetry axiom).
func TestShapleySymmetricFieldsAreEqual(t *testing.T) {
	rng := rand.New(rand.NewPCG(117, 118))
	s := testSchema([]int{0, 0, 0, 1, 1}, 5)
	c := smallConfig()
	c.ExcitationBias = true
	m, err := NewNet[float64](s, c, 16, 3)
	if err != nil {
		t.Fatal(err)
	}
	randomizeParams(&m.Arena, rng, 0.5)
	const i, j = 1, 2 // both in domain 0
	F, K := m.F, m.K
	copy(m.Embedding.Tables[j].Value, m.Embedding.Tables[i].Value)
	copy(m.Linear.Weights[j].Value, m.Linear.Weights[i].Value)
	for _, st := range m.Streams {
		mlp := st.MLP
		W := mlp.Layers[0].W.Value // (H, F·K): field j's columns = field i's
		for h := 0; h < mlp.Layers[0].Out; h++ {
			copy(W[h*F*K+j*K:h*F*K+j*K+K], W[h*F*K+i*K:h*F*K+i*K+K])
		}
	}
	for _, x := range []*Excitation[float64]{m.SEST.Threshold, m.SEST.Weight} {
		for r := 0; r < x.R; r++ {
			x.Down.Value[r*F+j] = x.Down.Value[r*F+i] // W_down (R, F)
		}
		copy(x.Up.Value[j*x.R:j*x.R+x.R], x.Up.Value[i*x.R:i*x.R+x.R]) // W_up (F, R)
		x.UpBias.Value[j] = x.UpBias.Value[i]
	}
	x, background := randomBatch(rng, s, 1, -1), randomBatch(rng, s, 8, -1)
	for _, b := range []*Batch{x, background} { // and the same values in every row
		for r := 0; r < b.N; r++ {
			b.Idx[r*F+j] = b.Idx[r*F+i] // one value per field: Idx[r*F+f]
		}
	}
	v := explain(t, m, x, background)
	if math.Abs(v.Phi[i]-v.Phi[j]) > 1e-12 || v.Phi[i] == 0 {
		t.Errorf("φ[%d] = %v, φ[%d] = %v: want equal and nonzero", i, v.Phi[i], j, v.Phi[j])
	}
	if math.Abs(v.Phi[0]-v.Phi[i]) < 1e-9 {
		t.Errorf("φ[0] = φ[%d] = %v: the test cannot tell symmetric fields from any", i, v.Phi[0])
	}
}

// The reference point holds each field's most frequent value list.
func TestAppendModeSample(t *testing.T) {
	src := &Batch{Off: []int32{0}}
	add := func(f0 []int32, f1 []int32) {
		src.Idx = append(src.Idx, f0...)
		src.Off = append(src.Off, int32(len(src.Idx)))
		src.Idx = append(src.Idx, f1...)
		src.Off = append(src.Off, int32(len(src.Idx)))
		src.Label = append(src.Label, 0)
		src.N++
	}
	add([]int32{1}, []int32{2, 3})
	add([]int32{0}, []int32{2, 3})
	add([]int32{1}, []int32{4})
	add([]int32{0}, []int32{4})
	add([]int32{0}, nil)
	dst := &Batch{Off: []int32{0}}
	AppendModeSample(dst, src, 2, []int32{0, 1, 2, 3, 4})
	if got := dst.Values(2, 0, 0); len(got) != 1 || got[0] != 0 {
		t.Errorf("field 0 mode %v, want [0]", got)
	}
	if got := dst.Values(2, 0, 1); len(got) != 2 || got[0] != 2 || got[1] != 3 {
		t.Errorf("field 1 mode %v, want [2 3] (a tie with [4], first to the top count)", got)
	}
}
