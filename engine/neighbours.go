package engine

import "math"

// Neighbour is one row's cosine similarity to a query row.
type Neighbour struct {
	Index  int
	Cosine float64
}

// Nearest returns the k rows of X (n × d, row-major) most similar to row q
// by cosine similarity, q itself left out, the most similar first (ties:
// the lower index first). A zero row has similarity 0 to every row.
// It keeps the best k in an insertion-sorted list: O(n·(d + k)).
func Nearest(X []float64, n, d, q, k int) []Neighbour {
	norm := func(i int) float64 {
		var s float64
		for _, v := range X[i*d : i*d+d] {
			s += float64(v * v)
		}
		return math.Sqrt(s)
	}
	qn := norm(q)
	best := make([]Neighbour, 0, k+1)
	for i := 0; i < n; i++ {
		if i == q {
			continue
		}
		var dot float64
		for j, v := range X[i*d : i*d+d] {
			dot += float64(v * X[q*d+j])
		}
		cos := 0.0
		if in := norm(i); in > 0 && qn > 0 {
			cos = dot / (in * qn)
		}
		if len(best) == k && cos <= best[k-1].Cosine {
			continue // ties keep the lower index, already in
		}
		pos := len(best)
		for pos > 0 && best[pos-1].Cosine < cos {
			pos--
		}
		best = append(best, Neighbour{})
		copy(best[pos+1:], best[pos:])
		best[pos] = Neighbour{i, cos}
		if len(best) > k {
			best = best[:k]
		}
	}
	return best
}
