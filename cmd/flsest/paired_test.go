package main

import (
	"math"
	"testing"
)

// A hand-computed example: differences 0.003, 0.001, 0.004, 0.003, 0.002;
// mean 0.0026, s_d = √(5.2e-6 / 4) = 0.00114018, s_d/√5 = 0.000509902,
// t_{0.975,4} = 2.776445 (tables), half-width 0.00141571.
func TestPairedDiffHandExample(t *testing.T) {
	a := []float64{0.787, 0.785, 0.789, 0.786, 0.788}
	b := []float64{0.784, 0.784, 0.785, 0.783, 0.786}
	ci, err := pairedDiff(a, b)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{{"mean", ci.Mean, 0.0026}, {"lo", ci.Lo, 0.0026 - 0.00141571}, {"hi", ci.Hi, 0.0026 + 0.00141571}} {
		if math.Abs(c.got-c.want) > 1e-8 {
			t.Errorf("%s = %.8f, want %.8f", c.name, c.got, c.want)
		}
	}
	if ci.N != 5 || ci.verdict() != verdictConfirmed {
		t.Errorf("n %d, verdict %q", ci.N, ci.verdict())
	}
	// Swapping the sides negates the interval, and the claim is contradicted.
	back, _ := pairedDiff(b, a)
	if math.Abs(back.Lo+ci.Hi) > 1e-15 || math.Abs(back.Hi+ci.Lo) > 1e-15 || back.verdict() != verdictContradicted {
		t.Errorf("b − a = %+v, want the negated interval, contradicted", back)
	}
}

// Two pairs use t_{0.975,1} = 12.7062; an interval across zero is not
// significant; equal differences give a zero-width interval.
func TestPairedDiffProperties(t *testing.T) {
	ci, err := pairedDiff([]float64{1, 2}, []float64{0, 0}) // d = 1, 2: mean 1.5, s 0.7071, se 0.5
	if err != nil {
		t.Fatal(err)
	}
	if want := 12.7062047 * 0.5; math.Abs((ci.Hi-ci.Mean)-want) > 1e-6 {
		t.Errorf("half-width %v, want %v", ci.Hi-ci.Mean, want)
	}
	if ci.verdict() != verdictNotSignificant {
		t.Errorf("verdict %q for %+v", ci.verdict(), ci)
	}
	flat, _ := pairedDiff([]float64{3, 4, 5}, []float64{2, 3, 4})
	if math.Abs(flat.Lo-1) > 1e-12 || math.Abs(flat.Hi-1) > 1e-12 {
		t.Errorf("equal differences: %+v", flat)
	}
	if _, err := pairedDiff([]float64{1}, []float64{0}); err == nil {
		t.Error("one pair accepted")
	}
	if _, err := pairedDiff([]float64{1, 2}, []float64{0}); err == nil {
		t.Error("unequal lengths accepted")
	}
}
