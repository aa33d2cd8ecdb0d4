package model

import (
	"math/rand/v2"
	"testing"
)

func TestSENETGradients(t *testing.T) {
	const F, K, n = 6, 4, 3
	var a Arena[float64]
	checkStreamTransform(t, &a, NewSENET(&a, "senet", F, K, 2, n), rand.New(rand.NewPCG(99, 100)), F, K, n)
}
