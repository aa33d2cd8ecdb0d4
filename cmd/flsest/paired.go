package main

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// pairedCI is the mean paired difference a − b over seeds (the same seed and
// split for both) with its two-sided 95% confidence interval from the t
// distribution with n − 1 degrees of freedom:
//
//	d̄ ± t_{0.975, n−1} · s_d / √n
type pairedCI struct {
	N            int
	Mean, Lo, Hi float64
}

// pairedDiff computes pairedCI for two runs per seed; it needs at least two
// pairs and equal lengths.
func pairedDiff(a, b []float64) (pairedCI, error) {
	if len(a) != len(b) {
		return pairedCI{}, fmt.Errorf("paired difference: %d values against %d", len(a), len(b))
	}
	n := len(a)
	if n < 2 {
		return pairedCI{}, fmt.Errorf("paired difference: %d pairs, need at least 2", n)
	}
	d := make([]float64, n)
	for i := range a {
		d[i] = a[i] - b[i]
	}
	s := meanStd(d)
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile(0.975)
	half := t * s.Std / math.Sqrt(float64(n))
	return pairedCI{N: n, Mean: s.Mean, Lo: s.Mean - half, Hi: s.Mean + half}, nil
}

// Verdicts of a claim "a is better than b".
const (
	verdictConfirmed      = "confirmed"
	verdictNotSignificant = "not significant"
	verdictContradicted   = "contradicted"
)

// verdict reads a claim that a − b is positive (after the metric's sign:
// higher AUC, lower LogLoss) against the interval of a − b.
func (c pairedCI) verdict() string {
	switch {
	case c.Lo > 0:
		return verdictConfirmed
	case c.Hi < 0:
		return verdictContradicted
	}
	return verdictNotSignificant
}
