package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

// eq (11): L = w0 + Σ_f pool(w_f[x_f]), the multi-valued field summed or
// averaged, computed the slow way from the batch's value lists.
func TestLinearIsEquation11(t *testing.T) {
	s := testSchema([]int{0, 0, 1, 1}, 6)
	for _, mean := range []bool{false, true} {
		rng := rand.New(rand.NewPCG(31, 32))
		var a Arena[float64]
		l := NewLinear(&a, s, 1, 0, mean)
		a.Finalize(rng)
		randomizeParams(&a, rng, 1)
		b := randomBatch(rng, s, 5, 2)
		out := make([]float64, b.N)
		l.Forward(out, b)
		for r := 0; r < b.N; r++ {
			want := l.Bias.Value[0]
			for f := range s.Fields {
				vals := b.Values(len(s.Fields), r, f)
				var sum float64
				for _, v := range vals {
					sum += l.Weights[f].Value[v]
				}
				if mean && len(vals) > 1 {
					sum /= float64(len(vals))
				}
				want += sum
			}
			if math.Abs(out[r]-want) > 1e-12 {
				t.Errorf("mean %v, sample %d: %v, eq (11) gives %v", mean, r, out[r], want)
			}
		}
	}
}
