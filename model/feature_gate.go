package model

// FeatureGate is FinalMLP's stream-specific feature selection (Mao et al.,
// "FinalMLP: An Enhanced Two-Stream MLP Model for CTR Prediction", AAAI
// 2023, §3.2): a gate computed from a stream's conditioning features scales
// every coordinate of the flat embeddings x ∈ R^D:
//
//	g = 2 · sigmoid(W₂ ReLU(W₁ ctx + b₁) + b₂),  y = x ⊙ g
//
// The factor 2 makes the gate average 1 at initialisation (FuxiCTR).
type FeatureGate[T Float] struct {
	In, Hidden, D int
	First, Second *Dense[T]
	hid, gate     []T // (B, Hidden) ReLU output, (B, D) g
	dHid, dPre    []T
}

// NewFeatureGate declares the gate's two layers: ctx of width in → hidden → D.
func NewFeatureGate[T Float](a *Arena[T], name string, in, hidden, D, maxBatch int) *FeatureGate[T] {
	return &FeatureGate[T]{
		In: in, Hidden: hidden, D: D,
		First:  NewDense(a, name+".layer0", in, hidden, true),
		Second: NewDense(a, name+".layer1", hidden, D, true),
		hid:    make([]T, maxBatch*hidden), dHid: make([]T, maxBatch*hidden),
		gate: make([]T, maxBatch*D), dPre: make([]T, maxBatch*D),
	}
}

// Forward sets y (n, D) = x ⊙ g(ctx), ctx (n, In).
func (g *FeatureGate[T]) Forward(y, x, ctx []T, n int) {
	hid, gate := g.hid[:n*g.Hidden], g.gate[:n*g.D]
	g.First.Forward(hid, ctx, n)
	activate(ReLU, hid)
	g.Second.Forward(gate, hid, n)
	for i, v := range gate {
		gate[i] = 2 * sigmoid(v)
		y[i] = T(x[i] * gate[i])
	}
}

// Backward adds into dx (n, D), dctx (n, In) and the layers' gradients.
func (g *FeatureGate[T]) Backward(dx, dctx, dy, x, ctx []T, n int) {
	gate, dPre, dHid := g.gate[:n*g.D], g.dPre[:n*g.D], g.dHid[:n*g.Hidden]
	for i, d := range dy[:n*g.D] {
		dx[i] += T(d * gate[i])
		// g = 2s: dg/dpre = 2s(1−s) = g(1 − g/2)
		half := T(gate[i] / 2) // rounded, so 1 − g/2 cannot fuse
		dPre[i] = T(T(d*x[i]) * T(gate[i]*(1-half)))
	}
	clear(dHid)
	g.Second.Backward(dHid, dPre, g.hid[:n*g.Hidden], n)
	activateBackward(ReLU, dHid, g.hid[:n*g.Hidden])
	g.First.Backward(dctx, dHid, ctx, n)
}
