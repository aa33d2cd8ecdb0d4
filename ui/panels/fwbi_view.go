package panels

import (
	"math"

	"github.com/flsest/flsest/engine/api"
)

// symmetric mirrors r's upper triangle into the lower one: r[i][j] is the
// weight of the interaction between domains i and j, whichever way read.
func symmetric(r [][]float64) [][]float64 {
	out := make([][]float64, len(r))
	for i := range r {
		out[i] = make([]float64, len(r))
		for j := range r {
			if j >= i {
				out[i][j] = r[i][j]
			} else {
				out[i][j] = r[j][i]
			}
		}
	}
	return out
}

// interactionMatrix mirrors the F×F effective strengths and blanks the
// diagonal (a field does not interact with itself).
func interactionMatrix(m [][]float64) [][]float64 {
	out := symmetric(m)
	for i := range out {
		out[i][i] = math.NaN()
	}
	return out
}

// streamTitle names stream i of a snapshot.
func streamTitle(s *api.Snapshot, i int) string {
	if i < len(s.Streams) && s.Streams[i] == "sest" {
		return "SEST stream V = SEST(E)"
	}
	return "original stream E"
}
