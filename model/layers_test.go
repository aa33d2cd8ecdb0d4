package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

// randomBatch draws n samples for schema s; field multi (if ≥ 0) gets 0–3
// values (missing and multi-valued), the others exactly one.
func randomBatch(rng *rand.Rand, s Schema, n, multi int) *Batch {
	F := len(s.Fields)
	b := &Batch{N: n, Off: []int32{0}, Label: make([]float32, n)}
	for i := 0; i < n; i++ {
		for f := 0; f < F; f++ {
			k := 1
			if f == multi {
				k = rng.IntN(4)
			}
			for j := 0; j < k; j++ {
				b.Idx = append(b.Idx, int32(rng.IntN(s.Fields[f].Vocab)))
			}
			b.Off = append(b.Off, int32(len(b.Idx)))
		}
		b.Label[i] = float32(rng.IntN(2))
	}
	return b
}

func TestEmbeddingAndLinearGradients(t *testing.T) {
	const K, n = 3, 6
	for _, mean := range []bool{false, true} {
		t.Run(name("mean=%v", mean), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(21, 22))
			s := testSchema([]int{0, 0, 1}, 4)
			b := randomBatch(rng, s, n, 2)
			var a Arena[float64]
			e := NewEmbedding(&a, s, K, 1, 0, mean)
			l := NewLinear(&a, s, 1, 0, mean)
			a.Finalize(rng)
			E := make([]float64, n*3*K)
			dE := randN(rng, n*3*K, 1)
			y := make([]float64, n)
			dy := randN(rng, n, 1)
			loss := func() float64 {
				e.Forward(E, b)
				l.Forward(y, b)
				return dot(E, dE) + dot(y, dy)
			}
			loss()
			a.ZeroGrad()
			e.Backward(dE, b)
			l.Backward(dy, b)
			gradCheck(t, loss, paramTensors(&a))
		})
	}
}

// Pooling: sum adds the genre vectors (paper §3.2), mean averages them, and
// a missing field is the zero vector.
func TestEmbeddingPooling(t *testing.T) {
	s := Schema{Fields: []Field{{Name: "a", Vocab: 3}, {Name: "genres", Vocab: 3}}, Domains: []string{"d"}}
	b := &Batch{N: 2, Off: []int32{0, 1, 3, 4, 4}, Idx: []int32{0, 1, 2, 0}, Label: []float32{0, 1}}
	for _, c := range []struct {
		mean bool
		want []float64 // sample 0's genres vector, then sample 1's
	}{{false, []float64{1 + 2, 10 + 20}}, {true, []float64{1.5, 15}}} {
		var a Arena[float64]
		e := NewEmbedding(&a, s, 1, 1, 0, c.mean)
		a.Finalize(rand.New(rand.NewPCG(1, 1)))
		copy(e.Tables[1].Value, []float64{0, 1, 2})
		copy(e.Tables[0].Value, []float64{0, 10, 20})
		E := make([]float64, 4)
		e.Forward(E, b)
		if E[1] != c.want[0] || E[3] != 0 {
			t.Errorf("mean=%v: genres pooled = %v, missing = %v; want %v and 0", c.mean, E[1], E[3], c.want[0])
		}
	}
}

func TestDenseAndMLPGradients(t *testing.T) {
	const in, n = 7, 5
	for _, act := range []Activation{ReLU, Tanh, Sigmoid} {
		for _, p := range []float64{0, 0.3} {
			t.Run(name("%v/dropout=%v", act, p), func(t *testing.T) {
				rng := rand.New(rand.NewPCG(23, 24))
				var a Arena[float64]
				m := NewMLP(&a, "mlp", in, []int{6, 5, 3}, act, p, n)
				a.Finalize(rng)
				randomizeParams(&a, rng, 0.6)
				x := randN(rng, n*in, 1)
				dOut := randN(rng, n*3, 1)
				loss := func() float64 {
					return dot(m.Forward(x, n, true, rand.New(rand.NewPCG(7, 7)))[:n*3], dOut)
				}
				loss()
				dx := make([]float64, n*in)
				a.ZeroGrad()
				m.Backward(dx, append([]float64(nil), dOut...), n)
				gradCheck(t, loss, append(paramTensors(&a), checked{"x", x, dx}))
			})
		}
	}
}

func TestFusionGradients(t *testing.T) {
	const n = 4
	widths := []int{3, 5, 2}
	for _, mode := range []string{FusionSum, FusionConcat} {
		t.Run(mode, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(25, 26))
			var a Arena[float64]
			f := NewFusion(&a, mode, []string{"a", "b", "c"}, widths, nil, 4, n)
			a.Finalize(rng)
			randomizeParams(&a, rng, 0.7)
			parts := make([][]float64, 3)
			dParts := make([][]float64, 3)
			for p, w := range widths {
				parts[p] = randN(rng, n*w, 1)
				dParts[p] = make([]float64, n*w)
			}
			dLogit := randN(rng, n, 1)
			logit := make([]float64, n)
			loss := func() float64 {
				clear(logit)
				f.Forward(logit, parts, n)
				return dot(logit, dLogit)
			}
			loss()
			a.ZeroGrad()
			f.Backward(dParts, parts, dLogit, n)
			ts := paramTensors(&a)
			for p := range parts {
				ts = append(ts, checked{name("part%d", p), parts[p], dParts[p]})
			}
			gradCheck(t, loss, ts)
		})
	}
}

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
