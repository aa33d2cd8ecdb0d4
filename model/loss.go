package model

import "math"

// Binary cross-entropy on logits, the loss of every model here: with
// p = sigmoid(x), loss = −[y log p + (1−y) log(1−p)] = softplus(x) − y·x,
// computed without overflow; d loss/dx = p − y.

// BCEWithLogits returns the mean loss over n samples and sets dLogit to its
// gradient, (p − y)/n.
func BCEWithLogits[T Float](dLogit, logit []T, label []float32, n int) float64 {
	return bceSum(dLogit, logit, label, n, n) / float64(n)
}

// bceSum returns the summed loss over n samples and sets dLogit to the
// gradient of the mean over total samples, (p − y)/total: a shard's part of
// a batch's gradient in data-parallel training (total = n otherwise).
func bceSum[T Float](dLogit, logit []T, label []float32, n, total int) float64 {
	var sum float64
	for i := 0; i < n; i++ {
		x, y := float64(logit[i]), float64(label[i])
		// softplus(x) = max(x, 0) + log1p(exp(−|x|))
		sum += math.Max(x, 0) + math.Log1p(exp(-math.Abs(x))) - float64(y*x)
		if dLogit != nil {
			dLogit[i] = T((1/(1+exp(-x)) - y) / float64(total))
		}
	}
	return sum
}
