package model

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// Gradient checks in the llm.c manner: a scalar loss
// L = Σ out ⊙ dOut over a random upstream gradient (or the model's real
// loss), analytic gradients from Backward, and central differences in
// float64 over every tensor — every coordinate of small tensors, a seeded
// sample of big ones.

const (
	fdStep     = 1e-6
	fdRelTol   = 1e-4
	fdAbsFloor = 1e-6 // |gradient| below this is compared absolutely (at fdRelTol·fdAbsFloor)
	fdSample   = 40   // coordinates checked per tensor
)

// checked is one tensor to check: its values (perturbed in place) and the
// analytic gradient computed beforehand.
type checked struct {
	name string
	x    []float64
	grad []float64
}

// gradCheck perturbs each coordinate of each tensor by ±fdStep, evaluates
// loss, and compares (L+ − L−)/2h with the analytic gradient.
func gradCheck(t *testing.T, loss func() float64, tensors []checked) {
	t.Helper()
	rng := rand.New(rand.NewPCG(99, 1))
	for _, c := range tensors {
		if len(c.x) != len(c.grad) {
			t.Fatalf("%s: %d values but %d gradients", c.name, len(c.x), len(c.grad))
		}
		idx := make([]int, len(c.x))
		for i := range idx {
			idx[i] = i
		}
		if len(idx) > fdSample {
			rng.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
			idx = idx[:fdSample]
		}
		for _, i := range idx {
			orig := c.x[i]
			c.x[i] = orig + fdStep
			lp := loss()
			c.x[i] = orig - fdStep
			lm := loss()
			c.x[i] = orig
			num := (lp - lm) / (2 * fdStep)
			ana := c.grad[i]
			den := math.Max(math.Max(math.Abs(num), math.Abs(ana)), fdAbsFloor)
			if rel := math.Abs(num-ana) / den; rel > fdRelTol || math.IsNaN(rel) {
				t.Errorf("%s[%d]: analytic %.10g, numerical %.10g, difference %.3g (relative %.3g)", c.name, i, ana, num, ana-num, rel)
				return
			}
		}
	}
}

// paramTensors lists every parameter of a with its gradient (copied, so
// later loss evaluations cannot disturb it).
func paramTensors(a *Arena[float64]) []checked {
	var out []checked
	for _, p := range a.Params {
		out = append(out, checked{name: p.Name, x: p.Value, grad: append([]float64(nil), p.Grad...)})
	}
	return out
}

func dot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func randN(rng *rand.Rand, n int, scale float64) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = scale * rng.NormFloat64()
	}
	return s
}

// randomizeParams replaces every parameter by N(0, scale²), so checks do not
// run at the special initial point (r = 0.5, zero biases).
func randomizeParams(a *Arena[float64], rng *rand.Rand, scale float64) {
	for i := range a.Value {
		a.Value[i] = scale * rng.NormFloat64()
	}
}

func name(format string, args ...any) string { return fmt.Sprintf(format, args...) }
