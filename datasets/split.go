package datasets

import "math/rand/v2"

// PaperSplitSeed is the seed of the paper's split (§4.3.1: "a fixed random
// seed of 1024").
const PaperSplitSeed = 1024

// Split is a partition of sample indices into train, validation and test.
type Split struct {
	Train, Val, Test []int32
}

// NewSplit shuffles 0..n-1 with seed and cuts it as the paper does (§4.3.1):
// the last 20% are the test set; of the first 80%, the last 10% are the
// validation set (as Keras' validation_split takes the tail). The same n and
// seed give the same split on every platform (PCG, math/rand/v2).
func NewSplit(n int, seed uint64) Split {
	perm := make([]int32, n)
	for i := range perm {
		perm[i] = int32(i)
	}
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	rng.Shuffle(n, func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
	nTrainVal := n * 8 / 10
	nVal := nTrainVal / 10
	return Split{
		Train: perm[:nTrainVal-nVal],
		Val:   perm[nTrainVal-nVal : nTrainVal],
		Test:  perm[nTrainVal:],
	}
}
