package model

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/integrate"
	"gonum.org/v1/gonum/stat"
)

func TestAUCCases(t *testing.T) {
	// Expected values worked by hand from eq (19) (pairs counted: a
	// positive above a negative counts 1, a tie ½).
	cases := []struct {
		name   string
		scores []float64
		labels []float32
		want   float64
	}{
		{"perfect", []float64{0.1, 0.2, 0.8, 0.9}, []float32{0, 0, 1, 1}, 1},
		{"reversed", []float64{0.9, 0.8, 0.2, 0.1}, []float32{0, 0, 1, 1}, 0},
		{"all tied", []float64{0.5, 0.5, 0.5, 0.5}, []float32{0, 1, 0, 1}, 0.5},
		{"one inversion of four pairs", []float64{0.1, 0.6, 0.5, 0.9}, []float32{0, 0, 1, 1}, 0.75},
		{"tie across classes", []float64{0.2, 0.5, 0.5, 0.9}, []float32{0, 0, 1, 1}, 0.875},
	}
	for _, c := range cases {
		if got := AUC(c.scores, c.labels); math.Abs(got-c.want) > 1e-15 {
			t.Errorf("AUC(case %q) = %v, want %v", c.name, got, c.want)
		}
	}
	if got := AUC([]float64{0.1, 0.2}, []float32{1, 1}); !math.IsNaN(got) {
		t.Errorf("AUC with one class = %v, want NaN", got)
	}
}

// Eq (19) with mid-ranks equals the trapezoidal area under gonum's ROC
// curve, ties included (gonum's roc examples integrate the same
// way).
func TestAUCMatchesGonumROC(t *testing.T) {
	rng := rand.New(rand.NewPCG(51, 52))
	for trial := 0; trial < 20; trial++ {
		n := 50 + rng.IntN(500)
		scores := make([]float64, n)
		labels := make([]float32, n)
		for i := range scores {
			y := rng.IntN(2)
			labels[i] = float32(y)
			// Coarse scores (20 levels) make many ties.
			scores[i] = math.Round((0.4*float64(y)+rng.Float64())*20) / 20
		}
		order := make([]int, n)
		for i := range order {
			order[i] = i
		}
		slices.SortFunc(order, func(a, b int) int { return cmpFloat(scores[a], scores[b]) })
		y := make([]float64, n)
		classes := make([]bool, n)
		for i, o := range order {
			y[i], classes[i] = scores[o], labels[o] == 1
		}
		tpr, fpr, _ := stat.ROC(nil, y, classes, nil)
		want := integrate.Trapezoidal(fpr, tpr)
		if got := AUC(scores, labels); math.Abs(got-want) > 1e-12 {
			t.Fatalf("trial %d: AUC = %.15f, gonum ROC + trapezoid = %.15f", trial, got, want)
		}
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestLogLoss(t *testing.T) {
	// −(log 0.8 + log 0.6)/2, worked by hand.
	if got, want := LogLoss([]float64{0.8, 0.4}, []float32{1, 0}), -(math.Log(0.8)+math.Log(0.6))/2; math.Abs(got-want) > 1e-15 {
		t.Errorf("LogLoss = %v, want %v", got, want)
	}
	// A confident mistake is clipped at −log(1e-7), not +Inf.
	if got := LogLoss([]float64{0}, []float32{1}); math.Abs(got-(-math.Log(LogLossEps))) > 1e-9 {
		t.Errorf("LogLoss(p=0, y=1) = %v, want %v", got, -math.Log(LogLossEps))
	}
}
