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

// fwbiView is the panel's derived matrices, one per stream.
type fwbiView struct {
	R                 [][][]float64 // symmetric r
	RMax              float64       // the largest |r| over both streams: one scale
	Titles, StreamIDs []string
	Interaction       [][][]float64
}

func fwbiViewOf(s *api.Snapshot) fwbiView {
	var v fwbiView
	for i, r := range s.R {
		m := symmetric(r)
		v.R = append(v.R, m)
		v.Titles = append(v.Titles, streamTitle(s, i))
		id := "original"
		if i < len(s.Streams) {
			id = s.Streams[i]
		}
		v.StreamIDs = append(v.StreamIDs, id)
		for _, row := range m {
			for _, x := range row {
				v.RMax = math.Max(v.RMax, math.Abs(x))
			}
		}
	}
	for _, m := range s.Interaction {
		v.Interaction = append(v.Interaction, interactionMatrix(m))
	}
	return v
}
