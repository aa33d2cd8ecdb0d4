package engine

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// Nearest equals a brute-force sort of every row's cosine similarity.
func TestNearestMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const n, d = 200, 5
	X := make([]float64, n*d)
	for i := range X {
		X[i] = math.Round(rng.NormFloat64()*2) / 2 // coarse values: ties happen
	}
	copy(X[7*d:8*d], make([]float64, d)) // a zero row
	copy(X[9*d:10*d], X[3*d:4*d])        // a duplicate of row 3
	for _, q := range []int{0, 3, 7, 150} {
		for _, k := range []int{1, 10, n - 1} {
			type row struct {
				i   int
				cos float64
			}
			var all []row
			for i := 0; i < n; i++ {
				if i == q {
					continue
				}
				var dot, ni, nq float64
				for j := 0; j < d; j++ {
					dot += X[i*d+j] * X[q*d+j]
					ni += X[i*d+j] * X[i*d+j]
					nq += X[q*d+j] * X[q*d+j]
				}
				c := 0.0
				if ni > 0 && nq > 0 {
					c = dot / (math.Sqrt(ni) * math.Sqrt(nq))
				}
				all = append(all, row{i, c})
			}
			slices.SortStableFunc(all, func(a, b row) int {
				switch {
				case a.cos > b.cos:
					return -1
				case a.cos < b.cos:
					return 1
				}
				return 0
			})
			got := Nearest(X, n, d, q, k)
			if len(got) != k {
				t.Fatalf("q %d k %d: %d neighbours", q, k, len(got))
			}
			for j, g := range got {
				if g.Index != all[j].i || math.Abs(g.Cosine-all[j].cos) > 1e-12 {
					t.Fatalf("q %d k %d: neighbour %d is %+v, brute force %+v", q, k, j, g, all[j])
				}
			}
		}
	}
	if got := Nearest(X, n, d, 3, 1); got[0].Index != 9 || math.Abs(got[0].Cosine-1) > 1e-12 {
		t.Errorf("row 3's nearest is %+v, want its duplicate 9 at cosine 1", got[0])
	}
}
