package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

// plantedBatch draws n rows of s whose label depends on field 0 alone:
// P(y=1) = σ(±2.5), the sign set by the value's parity.
func plantedBatch(rng *rand.Rand, s Schema, n int) *Batch {
	b := randomBatch(rng, s, n, -1)
	F := len(s.Fields)
	for i := 0; i < n; i++ {
		z := 2.5
		if b.Idx[i*F]%2 == 1 {
			z = -2.5
		}
		b.Label[i] = 0
		if rng.Float64() < 1/(1+math.Exp(-z)) {
			b.Label[i] = 1
		}
	}
	return b
}

// permutationOf runs permutation importance to the end.
func permutationOf[T Float](t *testing.T, m *Net[T], rows *Batch, repeats int, seed uint64) PermutationResult {
	t.Helper()
	var names []string
	for _, f := range m.Schema.Fields {
		names = append(names, f.Name)
	}
	p, err := NewPermutation(NewCompositeScorer(m, rows), rows.Label, names, repeats, seed)
	if err != nil {
		t.Fatal(err)
	}
	for !p.Step(333) {
	}
	return p.Result()
}

// With one field carrying all the signal, its AUC drop is the largest, and
// every other field's is within its error bars of 0.
func TestPermutationFindsThePlantedField(t *testing.T) {
	rng := rand.New(rand.NewPCG(121, 122))
	s := testSchema([]int{0, 0, 1, 1}, 12)
	c := DefaultConfig()
	c.EmbeddingDim, c.Hidden, c.EmbeddingStd = 8, []int{16, 16}, 0.05
	m, err := NewNet[float32](s, c, 400, 5)
	if err != nil {
		t.Fatal(err)
	}
	for _, lr := range []float64{5e-3, 5e-4} { // then a smaller step, so the noise fields' learned effects average out
		opt, _ := NewOptimizer(OptimizerConfig{Name: "adam", LR: lr}, m.Params())
		tr := NewTrainer[float32](m, opt)
		for step := 0; step < 200; step++ {
			if _, err := tr.Step(plantedBatch(rng, s, 400)); err != nil {
				t.Fatal(err)
			}
		}
	}
	res := permutationOf(t, m, plantedBatch(rng, s, 2000), 5, 1)
	if res.AUC < 0.8 {
		t.Fatalf("validation AUC %.3f: the model did not learn the planted field", res.AUC)
	}
	for f, fi := range res.Fields {
		t.Logf("%s: ΔAUC %.4f ± %.4f, ΔLogLoss %.4f ± %.4f", fi.Name, fi.AUCDrop, fi.AUCDropStd, fi.LogLossRise, fi.LogLossRiseStd)
		if f == 0 {
			if fi.AUCDrop < 0.2 || fi.LogLossRise < 0.1 {
				t.Errorf("planted field: ΔAUC %.4f, ΔLogLoss %.4f: want large", fi.AUCDrop, fi.LogLossRise)
			}
			continue
		}
		if fi.AUCDrop >= res.Fields[0].AUCDrop {
			t.Errorf("%s: ΔAUC %.4f ≥ the planted field's", fi.Name, fi.AUCDrop)
		}
		if math.Abs(fi.AUCDrop) > 2*fi.AUCDropStd+1e-4 {
			t.Errorf("%s: ΔAUC %.4f ± %.4f is not within its error bars of 0", fi.Name, fi.AUCDrop, fi.AUCDropStd)
		}
	}
}

// The slow, obvious way — shuffle a copy of the rows with the same
// permutation stream, predict with Net.Forward, take AUC and LogLoss — gives
// the same numbers (to the last bits the split first layer may move).
func TestPermutationMatchesShuffledCopies(t *testing.T) {
	rng := rand.New(rand.NewPCG(123, 124))
	s := testSchema([]int{0, 0, 1, 1}, 30) // ties between distinct rows' scores are rare, and either path may break one
	m, err := NewNet[float64](s, smallConfig(), 64, 5)
	if err != nil {
		t.Fatal(err)
	}
	randomizeParams(&m.Arena, rng, 0.5)
	rows := randomBatch(rng, s, 150, 3)
	const R, seed = 3, 9
	got := permutationOf(t, m, rows, R, seed)
	F, N := m.F, rows.N
	score := func(b *Batch) (float64, float64) {
		prob := make([]float64, 0, N)
		for i := 0; i < N; i += 64 {
			logit := m.Forward(sliceBatch(b, i, min(i+64, N)), false)
			for _, l := range logit {
				prob = append(prob, sigmoid(l))
			}
		}
		return AUC(prob, b.Label), LogLoss(prob, b.Label)
	}
	auc0, ll0 := score(rows)
	near := func(what string, a, b float64) {
		if math.Abs(a-b) > 1e-9 {
			t.Errorf("%s: %v, shuffled copies %v", what, a, b)
		}
	}
	near("AUC", got.AUC, auc0)
	near("LogLoss", got.LogLoss, ll0)
	prng := rand.New(rand.NewPCG(seed, 0x5ff1e))
	for f := 0; f < F; f++ {
		drop, rise := make([]float64, R), make([]float64, R)
		for r := 0; r < R; r++ {
			perm := make([]int, N)
			for i := range perm {
				perm[i] = i
			}
			prng.Shuffle(N, func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
			shuffled := &Batch{N: N, Off: []int32{0}, Label: rows.Label}
			for i := 0; i < N; i++ {
				for g := 0; g < F; g++ {
					from := i
					if g == f {
						from = perm[i]
					}
					shuffled.Idx = append(shuffled.Idx, rows.Values(F, from, g)...)
					shuffled.Off = append(shuffled.Off, int32(len(shuffled.Idx)))
				}
			}
			auc, ll := score(shuffled)
			drop[r], rise[r] = auc0-auc, ll-ll0
		}
		d, ds := meanStd(drop)
		l, ls := meanStd(rise)
		fi := got.Fields[f]
		near(name("field %d ΔAUC", f), fi.AUCDrop, d)
		near(name("field %d ΔAUC std", f), fi.AUCDropStd, ds)
		near(name("field %d ΔLogLoss", f), fi.LogLossRise, l)
		near(name("field %d ΔLogLoss std", f), fi.LogLossRiseStd, ls)
	}
	if got.Scored >= N*(1+F*R) {
		t.Errorf("scored %d rows: repeated (row, value) pairs were not deduplicated", got.Scored)
	}
}
