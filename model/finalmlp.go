package model

import "math/rand/v2"

// FinalMLP (Mao et al. 2023): two MLP streams over the same flat embeddings
// x = flat(E) ∈ R^D, each behind its own feature gate, joined by the
// multi-head bilinear fusion:
//
//	h_s = MLP_s(x ⊙ Gate_s(ctx_s)),  s = 1, 2        §3.1–3.2
//	logit = Aggregation(h_1, h_2)                     §3.3
//
// ctx_s, the gate's conditioning features, are the embeddings of one
// domain's fields: the user fields for stream 1, the item fields for
// stream 2 (the paper conditions the two gates on user and item features;
// FuxiCTR's default conditions both on a learned constant).
type FinalMLP[T Float] struct {
	F, K, D   int
	Gates     [2]*FeatureGate[T]
	MLPs      [2]*MLP[T]
	Agg       *Aggregation[T]
	ctxFields [2][]int
	ctx, dCtx [2][]T // (B, |ctxFields_s|·K)
	gated     [2][]T // (B, D): x ⊙ g_s
	dGated    [2][]T
	h, dh     [2][]T // h aliases the MLP's output; dh (B, H)
	x         []T
}

// FinalMLPGateHidden is the width of each gate's hidden layer (FuxiCTR's
// fs_hidden_units [64]).
const FinalMLPGateHidden = 64

// NewFinalMLP declares the two gates, the two MLPs (widths hidden each) and
// the fusion with heads heads; ctxFields[s] lists the fields gate s reads.
func NewFinalMLP[T Float](a *Arena[T], name string, F, K int, ctxFields [2][]int, hidden []int, act Activation, dropout float64, heads, maxBatch int) *FinalMLP[T] {
	D := F * K
	m := &FinalMLP[T]{F: F, K: K, D: D, ctxFields: ctxFields}
	for s := 0; s < 2; s++ {
		sfx := [2]string{"1", "2"}[s]
		in := len(ctxFields[s]) * K
		m.Gates[s] = NewFeatureGate(a, name+".gate"+sfx, in, FinalMLPGateHidden, D, maxBatch)
		m.MLPs[s] = NewMLP(a, name+".mlp"+sfx, D, hidden, act, dropout, maxBatch)
		m.ctx[s], m.dCtx[s] = make([]T, maxBatch*in), make([]T, maxBatch*in)
		m.gated[s], m.dGated[s] = make([]T, maxBatch*D), make([]T, maxBatch*D)
		m.dh[s] = make([]T, maxBatch*m.MLPs[s].OutWidth())
	}
	m.Agg = NewAggregation(a, name+".aggregation", m.MLPs[0].OutWidth(), m.MLPs[1].OutWidth(), heads)
	return m
}

// Forward sets out (n), a logit term, from x (n, D).
func (m *FinalMLP[T]) Forward(out, x []T, n int, train bool, rng *rand.Rand) {
	m.x = x[:n*m.D]
	for s := 0; s < 2; s++ {
		m.gatherContext(s, n)
		m.Gates[s].Forward(m.gated[s][:n*m.D], m.x, m.ctx[s], n)
		m.h[s] = m.MLPs[s].Forward(m.gated[s][:n*m.D], n, train, rng)
	}
	m.Agg.Forward(out, m.h[0], m.h[1], n)
}

// Backward adds into dx (n, D) and the parameters' gradients, given dOut (n).
func (m *FinalMLP[T]) Backward(dx, dOut []T, n int) {
	for s := 0; s < 2; s++ {
		clear(m.dh[s][:len(m.h[s])])
	}
	m.Agg.Backward(m.dh[0][:len(m.h[0])], m.dh[1][:len(m.h[1])], dOut, m.h[0], m.h[1], n)
	for s := 0; s < 2; s++ {
		dGated, dCtx := m.dGated[s][:n*m.D], m.dCtx[s][:n*len(m.ctxFields[s])*m.K]
		clear(dGated)
		clear(dCtx)
		m.MLPs[s].Backward(dGated, m.dh[s][:len(m.h[s])], n)
		m.Gates[s].Backward(dx, dCtx, dGated, m.x, m.ctx[s], n)
		m.scatterContext(dx, s, n)
	}
}

// gatherContext copies the embeddings of gate s's fields into ctx[s].
func (m *FinalMLP[T]) gatherContext(s, n int) {
	K, w := m.K, len(m.ctxFields[s])*m.K
	for b := 0; b < n; b++ {
		for i, f := range m.ctxFields[s] {
			copy(m.ctx[s][b*w+i*K:b*w+i*K+K], m.x[b*m.D+f*K:b*m.D+f*K+K])
		}
	}
}

// scatterContext adds ctx[s]'s gradient back into dx.
func (m *FinalMLP[T]) scatterContext(dx []T, s, n int) {
	K, w := m.K, len(m.ctxFields[s])*m.K
	for b := 0; b < n; b++ {
		for i, f := range m.ctxFields[s] {
			dst, src := dx[b*m.D+f*K:b*m.D+f*K+K], m.dCtx[s][b*w+i*K:b*w+i*K+K]
			for k, v := range src {
				dst[k] += v
			}
		}
	}
}
