package model

import "math"

// LogLossEps clips probabilities to [ε, 1−ε] before the logarithm, so one
// confident mistake costs at most −log ε ≈ 16.1 instead of infinity. 1e-7
// is float32's resolution near 1.
const LogLossEps = 1e-7

// LogLoss is eq (20): −(1/n) Σ [y log p + (1−y) log(1−p)], p clipped.
func LogLoss[T Float](prob []T, labels []float32) float64 {
	if len(prob) != len(labels) {
		panic("model: LogLoss: prob and labels differ in length")
	}
	var sum float64
	for i, p := range prob {
		q := math.Min(math.Max(float64(p), LogLossEps), 1-LogLossEps)
		if labels[i] == 1 {
			sum -= math.Log(q)
		} else {
			sum -= math.Log(1 - q)
		}
	}
	return sum / float64(len(prob))
}
