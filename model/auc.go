package model

import (
	"math"
	"slices"
)

// AUC is eq (19), the rank form of the area under the ROC curve:
//
//	AUC = (Σ_{i ∈ positives} rank_i − M(M+1)/2) / (M·N)
//
// with M positives, N negatives and ranks 1..n by ascending score; tied
// scores share their mean rank, so a tie counts one half, as the area under
// the ROC curve does. It returns NaN when either class is absent.
func AUC[T Float](scores []T, labels []float32) float64 {
	n := len(scores)
	if len(labels) != n {
		panic("model: AUC: scores and labels differ in length")
	}
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		switch sa, sb := scores[a], scores[b]; {
		case sa < sb:
			return -1
		case sa > sb:
			return 1
		}
		return 0
	})
	var twiceRankSum float64 // integers, exact in float64
	var pos int
	for i := 0; i < n; {
		j := i
		for j+1 < n && scores[order[j+1]] == scores[order[i]] {
			j++
		}
		twiceMid := float64(i + j + 2) // twice the mean of ranks i+1 … j+1
		for k := i; k <= j; k++ {
			if labels[order[k]] == 1 {
				twiceRankSum += twiceMid
				pos++
			}
		}
		i = j + 1
	}
	M, N := float64(pos), float64(n-pos)
	if M == 0 || N == 0 {
		return math.NaN()
	}
	return (twiceRankSum - float64(M*(M+1))) / 2 / (M * N)
}
