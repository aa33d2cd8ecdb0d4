package model

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// everyValueBatch has each value of each field at least once: every row of
// every table is touched.
func everyValueBatch(s Schema, n int) *Batch {
	F := len(s.Fields)
	b := &Batch{N: n, Off: []int32{0}, Label: make([]float32, n)}
	for i := 0; i < n; i++ {
		for f := 0; f < F; f++ {
			b.Idx = append(b.Idx, int32(i%s.Fields[f].Vocab))
			b.Off = append(b.Off, int32(len(b.Idx)))
		}
		b.Label[i] = float32(i % 2)
	}
	return b
}

func lazyAndDense(t *testing.T, s Schema, B int) (lazy, dense *Trainer[float32]) {
	t.Helper()
	c := DefaultConfig()
	c.Hidden = []int{16, 8}
	for _, name := range []string{"lazyadam", "adam"} {
		m, err := NewFLSEST[float32](s, c, B, 5)
		if err != nil {
			t.Fatal(err)
		}
		opt, err := NewOptimizer(OptimizerConfig{Name: name, LR: 3e-3}, m.Params())
		if err != nil {
			t.Fatal(err)
		}
		if name == "adam" {
			dense = NewTrainer[float32](m, opt)
		} else {
			lazy = NewTrainer[float32](m, opt)
		}
	}
	return lazy, dense
}

// When a batch touches every row, LazyAdam is Adam, bit for bit.
func TestLazyAdamIsAdamWhenEveryRowIsUsed(t *testing.T) {
	s := testSchema([]int{0, 0, 1, 1}, 6)
	lazy, dense := lazyAndDense(t, s, 12)
	b := everyValueBatch(s, 12)
	for step := range 10 {
		if _, err := lazy.Step(b); err != nil {
			t.Fatal(err)
		}
		if _, err := dense.Step(b); err != nil {
			t.Fatal(err)
		}
		for i, v := range lazy.Model.Params().Value {
			if math.Float32bits(v) != math.Float32bits(dense.Model.Params().Value[i]) {
				t.Fatalf("step %d: weight %d (%s) lazy %v, dense %v", step, i, lazy.Model.Params().ParamAt(i).Name, v, dense.Model.Params().Value[i])
			}
		}
	}
}

// A row no batch uses keeps its value under LazyAdam; under Adam it keeps
// moving once it has momentum. The rows a batch uses are updated.
func TestLazyAdamLeavesUnusedRows(t *testing.T) {
	s := testSchema([]int{0, 0, 1, 1}, 50)
	lazy, _ := lazyAndDense(t, s, 8)
	rng := rand.New(rand.NewPCG(3, 4))
	a := lazy.Model.Params()
	first := randomBatch(rng, s, 8, 2)
	if _, err := lazy.Step(first); err != nil {
		t.Fatal(err)
	}
	// From now on field 0 only uses values below 10.
	var later []*Batch
	for range 5 {
		b := randomBatch(rng, s, 8, 2)
		for i := 0; i < b.N; i++ {
			vals := b.Values(4, i, 0)
			for j := range vals {
				vals[j] %= 10
			}
		}
		later = append(later, b)
	}
	emb := a.Lookup("embedding.f0")
	before := slices.Clone(emb.Value)
	for _, b := range later {
		if _, err := lazy.Step(b); err != nil {
			t.Fatal(err)
		}
	}
	K := len(emb.Value) / 50
	for r := 10; r < 50; r++ {
		if !slices.Equal(emb.Value[r*K:(r+1)*K], before[r*K:(r+1)*K]) {
			t.Fatalf("row %d of field 0 changed, though no batch used it", r)
		}
	}
	if slices.Equal(emb.Value[:10*K], before[:10*K]) {
		t.Fatal("the rows the batches used did not change")
	}
	if allocs := testing.AllocsPerRun(5, func() { lazy.Step(later[0]) }); allocs != 0 {
		t.Errorf("a LazyAdam step allocates %v times, want 0", allocs)
	}
}

// A non-finite gradient in a row the batch used stops LazyAdam's step
// before any weight moves, naming the parameter, as Adam's check does.
func TestLazyAdamRefusesNonFiniteGradient(t *testing.T) {
	s := testSchema([]int{0, 0, 1, 1}, 6)
	lazy, _ := lazyAndDense(t, s, 12)
	b := everyValueBatch(s, 12)
	if _, err := lazy.Gradients(b, b.N); err != nil {
		t.Fatal(err)
	}
	emb := lazy.Model.Params().Lookup("embedding.f0")
	emb.Grad[3] = float32(math.Inf(1))
	before := slices.Clone(lazy.Model.Params().Value)
	err := lazy.Apply()
	if !errors.Is(err, ErrNonFinite) || !strings.Contains(err.Error(), "embedding.f0") {
		t.Fatalf("Apply with an infinite gradient: %v, want ErrNonFinite naming embedding.f0", err)
	}
	if !slices.Equal(lazy.Model.Params().Value, before) {
		t.Error("weights moved on a refused step")
	}
}
