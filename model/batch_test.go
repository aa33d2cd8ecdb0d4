package model

import (
	"math/rand/v2"
)

// randomBatch draws n samples for schema s; field multi (if ≥ 0) gets 0–3
// values (missing and multi-valued), the others exactly one.
func randomBatch(rng *rand.Rand, s Schema, n, multi int) *Batch {
	F := len(s.Fields)
	b := &Batch{N: n, Off: []int32{0}, Label: make([]float32, n)}
	for i := 0; i < n; i++ {
		for f := 0; f < F; f++ {
			k := 1
			if f == multi {
				k = rng.IntN(4)
			}
			for j := 0; j < k; j++ {
				b.Idx = append(b.Idx, int32(rng.IntN(s.Fields[f].Vocab)))
			}
			b.Off = append(b.Off, int32(len(b.Idx)))
		}
		b.Label[i] = float32(rng.IntN(2))
	}
	return b
}
