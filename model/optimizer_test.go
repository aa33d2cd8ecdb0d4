package model

import (
	"math"
	"testing"
)

// Each optimiser against its reference formula, worked in float64 over
// three steps on a two-weight arena with fixed gradients (PyTorch's
// definitions: torch.optim.SGD, Adagrad with initial_accumulator_value 0,
// Adam; LazyAdam is Adam on the rows a batch uses, lazy_adam_test.go).
func TestOptimizersFollowTheirFormulas(t *testing.T) {
	w0 := []float64{0.5, -1.5}
	grads := [][]float64{{0.1, -0.2}, {-0.3, 0.05}, {0.2, 0.4}}
	const lr, b1, b2, eps = 0.01, 0.8, 0.9, 1e-6
	for _, c := range []struct {
		cfg  OptimizerConfig
		want func(step int, w, g, s1, s2 []float64) // advances w (and its state s1, s2) by one step
	}{
		{OptimizerConfig{Name: "sgd", LR: lr}, func(_ int, w, g, _, _ []float64) {
			for i := range w {
				w[i] -= lr * g[i]
			}
		}},
		{OptimizerConfig{Name: "adagrad", LR: lr, Eps: eps}, func(_ int, w, g, sum, _ []float64) {
			for i := range w {
				sum[i] += g[i] * g[i]
				w[i] -= lr * g[i] / (math.Sqrt(sum[i]) + eps)
			}
		}},
		{OptimizerConfig{Name: "adam", LR: lr, Beta1: b1, Beta2: b2, Eps: eps}, func(t int, w, g, m, v []float64) {
			for i := range w {
				m[i] = b1*m[i] + (1-b1)*g[i]
				v[i] = b2*v[i] + (1-b2)*g[i]*g[i]
				mHat := m[i] / (1 - math.Pow(b1, float64(t)))
				vHat := v[i] / (1 - math.Pow(b2, float64(t)))
				w[i] -= lr * mHat / (math.Sqrt(vHat) + eps)
			}
		}},
	} {
		var a Arena[float64]
		a.Declare("w", Init{Kind: InitZeros}, 2)
		a.Finalize(nil)
		copy(a.Value, w0)
		opt, err := NewOptimizer(c.cfg, &a)
		if err != nil {
			t.Fatal(err)
		}
		want, s1, s2 := append([]float64(nil), w0...), make([]float64, 2), make([]float64, 2)
		for step, g := range grads {
			copy(a.Grad, g)
			opt.Step(&a)
			c.want(step+1, want, g, s1, s2)
			for i := range want {
				if math.Abs(a.Value[i]-want[i]) > 1e-12 {
					t.Errorf("%s step %d: w[%d] = %v, formula %v", c.cfg.Name, step+1, i, a.Value[i], want[i])
				}
			}
		}
		if opt.Steps() != len(grads) {
			t.Errorf("%s: %d steps counted, want %d", c.cfg.Name, opt.Steps(), len(grads))
		}
	}
}
