package model

import (
	"math"
	"slices"
)

// The global Shapley summary: over many explained samples, each field's
// mean |φ| (how far the field moves a prediction, either way) and the
// distribution of φ.

// ShapleyQuantiles are the probabilities FieldShapley.Quantiles reports
// (a new slice each call).
func ShapleyQuantiles() []float64 { return []float64{0, 0.1, 0.25, 0.5, 0.75, 0.9, 1} }

// FieldShapley summarises one field's φ over samples.
type FieldShapley struct {
	Name      string    `json:"name"`
	MeanAbs   float64   `json:"mean_abs"`
	Mean      float64   `json:"mean"`
	Quantiles []float64 `json:"quantiles"` // at ShapleyQuantiles, linearly interpolated
}

// SummariseShapley summarises the φ of vals per field.
func SummariseShapley(names []string, vals []ShapleyValues) []FieldShapley {
	out := make([]FieldShapley, len(names))
	phi := make([]float64, len(vals))
	for f, name := range names {
		var abs, sum float64
		for i, v := range vals {
			phi[i] = v.Phi[f]
			abs += math.Abs(v.Phi[f])
			sum += v.Phi[f]
		}
		slices.Sort(phi)
		fs := FieldShapley{Name: name, Quantiles: make([]float64, len(ShapleyQuantiles()))}
		if n := float64(len(vals)); n > 0 {
			fs.MeanAbs, fs.Mean = abs/n, sum/n
			for q, p := range ShapleyQuantiles() {
				fs.Quantiles[q] = quantile(phi, p)
			}
		}
		out[f] = fs
	}
	return out
}

// quantile of sorted xs at p ∈ [0, 1], interpolating between ranks.
func quantile(xs []float64, p float64) float64 {
	pos := float64(p * float64(len(xs)-1))
	lo := int(pos)
	if lo >= len(xs)-1 {
		return xs[len(xs)-1]
	}
	frac := pos - float64(lo)
	return xs[lo] + float64(frac*(xs[lo+1]-xs[lo]))
}
