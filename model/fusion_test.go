package model

import (
	"math/rand/v2"
	"testing"
)

func TestFusionGradients(t *testing.T) {
	const n = 4
	widths := []int{3, 5, 2}
	for _, mode := range []string{FusionSum, FusionConcat} {
		t.Run(mode, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(25, 26))
			var a Arena[float64]
			f := NewFusion(&a, mode, []string{"a", "b", "c"}, widths, nil, 4, n)
			a.Finalize(rng)
			randomizeParams(&a, rng, 0.7)
			parts := make([][]float64, 3)
			dParts := make([][]float64, 3)
			for p, w := range widths {
				parts[p] = randN(rng, n*w, 1)
				dParts[p] = make([]float64, n*w)
			}
			dLogit := randN(rng, n, 1)
			logit := make([]float64, n)
			loss := func() float64 {
				clear(logit)
				f.Forward(logit, parts, n)
				return dot(logit, dLogit)
			}
			loss()
			a.ZeroGrad()
			f.Backward(dParts, parts, dLogit, n)
			ts := paramTensors(&a)
			for p := range parts {
				ts = append(ts, checked{name("part%d", p), parts[p], dParts[p]})
			}
			gradCheck(t, loss, ts)
		})
	}
}
