package model

import (
	"math/rand/v2"
	"testing"
)

func TestEmbeddingAndLinearGradients(t *testing.T) {
	const K, n = 3, 6
	for _, mean := range []bool{false, true} {
		t.Run(name("mean=%v", mean), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(21, 22))
			s := testSchema([]int{0, 0, 1}, 4)
			b := randomBatch(rng, s, n, 2)
			var a Arena[float64]
			e := NewEmbedding(&a, s, K, 1, 0, mean)
			l := NewLinear(&a, s, 1, 0, mean)
			a.Finalize(rng)
			E := make([]float64, n*3*K)
			dE := randN(rng, n*3*K, 1)
			y := make([]float64, n)
			dy := randN(rng, n, 1)
			loss := func() float64 {
				e.Forward(E, b)
				l.Forward(y, b)
				return dot(E, dE) + dot(y, dy)
			}
			loss()
			a.ZeroGrad()
			e.Backward(dE, b)
			l.Backward(dy, b)
			gradCheck(t, loss, paramTensors(&a))
		})
	}
}

// Pooling: sum adds the genre vectors (paper §3.2), mean averages them, and
// a missing field is the zero vector.
func TestEmbeddingPooling(t *testing.T) {
	s := Schema{Fields: []Field{{Name: "a", Vocab: 3}, {Name: "genres", Vocab: 3}}, Domains: []string{"d"}}
	b := &Batch{N: 2, Off: []int32{0, 1, 3, 4, 4}, Idx: []int32{0, 1, 2, 0}, Label: []float32{0, 1}}
	for _, c := range []struct {
		mean bool
		want []float64 // sample 0's genres vector, then sample 1's
	}{{false, []float64{1 + 2, 10 + 20}}, {true, []float64{1.5, 15}}} {
		var a Arena[float64]
		e := NewEmbedding(&a, s, 1, 1, 0, c.mean)
		a.Finalize(rand.New(rand.NewPCG(1, 1)))
		copy(e.Tables[1].Value, []float64{0, 1, 2})
		copy(e.Tables[0].Value, []float64{0, 10, 20})
		E := make([]float64, 4)
		e.Forward(E, b)
		if E[1] != c.want[0] || E[3] != 0 {
			t.Errorf("mean=%v: genres pooled = %v, missing = %v; want %v and 0", c.mean, E[1], E[3], c.want[0])
		}
	}
}
