package model

import (
	"math"
	"testing"
)

func TestBCEWithLogits(t *testing.T) {
	// Expected values worked by hand: −log σ(0) = log 2; for x = 40, y = 0,
	// the loss is softplus(40) ≈ 40 (no overflow); for x = −40, y = 0 it is
	// ≈ e^−40.
	logit := []float64{0, 40, -40, 2}
	label := []float32{1, 0, 0, 1}
	d := make([]float64, 4)
	got := BCEWithLogits(d, logit, label, 4)
	want := (math.Ln2 + 40 + math.Exp(-40) + math.Log1p(math.Exp(-2))) / 4
	if math.Abs(got-want) > 1e-12 {
		t.Errorf("BCE = %v, want %v", got, want)
	}
	x := append([]float64(nil), logit...)
	gradCheck(t, func() float64 { return BCEWithLogits(nil, x, label, 4) }, []checked{{"logit", x, d}})
}
