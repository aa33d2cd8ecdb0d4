package model

import "fmt"

// CompositeScorer scores composite rows: row r takes field f's values from
// source sample src[r*F+f]. Both explanation measures score only such
// rows: an interventional Shapley value (shapley.go) fills a coalition's
// absent fields from a background row; permutation importance
// (permutation.go) gives one field another validation row's value.
//
// What depends on one field of one source is computed once per source, not
// once per row:
//
//   - the pooled embedding e_f and the pooled linear weight of eq (11);
//   - for a model whose E-stream MLP reads flat E (FLSEST, FLEN, DeepFM …),
//     that MLP's first layer splits by field, W·E + b = Σ_f W_f e_f + b
//     (eq 17), so W_f e_f (H values) is kept per field and source and a
//     row's pre-activation is F vector additions instead of an F·K×H
//     product. The sum runs in field order and then adds b, a fixed order,
//     so a row's logit has the same bits natively and under WebAssembly; it
//     may differ from Net.Forward's (one dot product of F·K terms) in the
//     last bits.
//
// Everything else (SEST or SENET, the interaction layers, the second
// stream, the fusion) runs through the model's own layers on the composite
// E, in inference mode. The scorer uses the model's buffers: the model must
// not be used elsewhere while it scores.
type CompositeScorer[T Float] struct {
	m       *Net[T]
	F, K    int
	sources int
	emb     []T     // (sources, F, K) pooled embedding of each source's fields
	lin     []T     // (sources, F) each source's pooled linear weight per field
	canon   []int32 // (F, sources) the first source with the same values in field f
	mlpPart int     // the E-stream MLP's part, if the first-layer split applies; else −1
	H       int     // that MLP's first width
	proj    []T     // (F, sources, H) W_f e_f
	chunk   []int32 // the rows being scored, for the part hook
	hook    func(p, n int) bool
}

// NewCompositeScorer prepares m to score composite rows over the samples of
// sources.
func NewCompositeScorer[T Float](m *Net[T], sources *Batch) *CompositeScorer[T] {
	F, K, S := m.F, m.K, sources.N
	if len(sources.Off) != S*F+1 {
		panic(fmt.Sprintf("model: composite: sources have %d offsets, want %d", len(sources.Off), S*F+1))
	}
	c := &CompositeScorer[T]{m: m, F: F, K: K, sources: S, mlpPart: -1}
	c.emb = make([]T, S*F*K)
	m.Embedding.Forward(c.emb, sources)
	c.lin = make([]T, S*F)
	for s := 0; s < S; s++ {
		for f := 0; f < F; f++ {
			c.lin[s*F+f] = m.Linear.fieldTerm(sources.Values(F, s, f), f)
		}
	}
	c.canon = make([]int32, F*S)
	for f := 0; f < F; f++ {
		first := map[string]int32{}
		for s := 0; s < S; s++ {
			key := valuesKey(sources.Values(F, s, f))
			if _, ok := first[key]; !ok {
				first[key] = int32(s)
			}
			c.canon[f*S+s] = first[key]
		}
	}
	if d := m.deep[StreamOriginal]; d != nil && d.direct && m.MLP[StreamOriginal] != nil {
		for p, name := range m.PartNames {
			if name == "mlp_o" {
				c.mlpPart = p
			}
		}
	}
	if c.mlpPart >= 0 {
		c.splitFirstLayer(S)
	}
	c.hook = func(p, n int) bool {
		if p != c.mlpPart {
			return false
		}
		m.parts[p] = c.mlpE(n)
		return true
	}
	return c
}

// splitFirstLayer sets proj[f][s] = W_f e_{s,f}: the E-stream MLP's first
// layer restricted to field f's K inputs.
func (c *CompositeScorer[T]) splitFirstLayer(S int) {
	F, K := c.F, c.K
	layer := c.m.MLP[StreamOriginal].Layers[0]
	H := layer.Out
	c.H = H
	c.proj = make([]T, F*S*H)
	wf := make([]T, H*K) // (H, K) field f's columns of W (H, F·K)
	ef := make([]T, S*K) // (S, K)
	for f := 0; f < F; f++ {
		for h := 0; h < H; h++ {
			copy(wf[h*K:h*K+K], layer.W.Value[h*F*K+f*K:h*F*K+f*K+K])
		}
		for s := 0; s < S; s++ {
			copy(ef[s*K:s*K+K], c.emb[(s*F+f)*K:(s*F+f)*K+K])
		}
		mulABt(c.proj[f*S*H:(f+1)*S*H], ef, wf, S, K, H)
	}
}

// Sources is the number of source samples.
func (c *CompositeScorer[T]) Sources() int { return c.sources }

// Canonical returns the first source whose field f has the same values as
// source s's: two rows whose fields have the same canonical sources are
// the same row.
func (c *CompositeScorer[T]) Canonical(f int, s int32) int32 { return c.canon[f*c.sources+int(s)] }

// Logits sets out[r] to the logit of composite row r, whose field f comes
// from source src[r*F+f] (len(src) = len(out)·F).
func (c *CompositeScorer[T]) Logits(out []T, src []int32) {
	F, B := c.F, c.m.maxBatch
	if len(src) != len(out)*F {
		panic(fmt.Sprintf("model: composite: %d sources for %d rows of %d fields", len(src), len(out), F))
	}
	for off := 0; off < len(out); off += B {
		n := min(B, len(out)-off)
		c.score(out[off:off+n], src[off*F:(off+n)*F])
	}
}

// score runs one batch of at most MaxBatch rows.
func (c *CompositeScorer[T]) score(out []T, src []int32) {
	m, F, K, n := c.m, c.F, c.K, len(out)
	E := m.E[:n*F*K]
	logit := m.logit[:n]
	w0 := m.Linear.Bias.Value[0]
	for r := 0; r < n; r++ {
		s := w0 // eq (11), summed in Linear.Forward's order
		for f := 0; f < F; f++ {
			x := int(src[r*F+f])
			if x < 0 || x >= c.sources {
				panic(fmt.Sprintf("model: composite: source %d of %d", x, c.sources))
			}
			copy(E[(r*F+f)*K:(r*F+f)*K+K], c.emb[(x*F+f)*K:(x*F+f)*K+K])
			s += c.lin[x*F+f]
		}
		logit[r] = s
	}
	c.chunk = src
	hook := c.hook
	if c.mlpPart < 0 {
		hook = nil
	}
	m.forwardFromE(n, false, hook)
	copy(out, logit)
}

// mlpE is the E-stream MLP from the split first layer (eq 17; inference,
// so dropout is the identity).
func (c *CompositeScorer[T]) mlpE(n int) []T {
	mlp, F, H, S := c.m.MLP[StreamOriginal], c.F, c.H, c.sources
	pre := mlp.act[0][:n*H]
	for r := 0; r < n; r++ {
		row := pre[r*H : r*H+H]
		s := int(c.chunk[r*F])
		copy(row, c.proj[s*H:s*H+H])
		for f := 1; f < F; f++ {
			s := int(c.chunk[r*F+f])
			addInto(row, c.proj[(f*S+s)*H:(f*S+s)*H+H])
		}
	}
	first := mlp.Layers[0]
	if first.B != nil {
		addRowBias(pre, first.B.Value, n, H)
	}
	activate(mlp.Act, pre)
	in := pre
	for l := 1; l < len(mlp.Layers); l++ {
		d := mlp.Layers[l]
		a := mlp.act[l][:n*d.Out]
		d.Forward(a, in, n)
		activate(mlp.Act, a)
		in = a
	}
	return in
}

// addInto sets y += x.
func addInto[T Float](y, x []T) {
	x = x[:len(y)]
	for i, v := range x {
		y[i] += v
	}
}

// valuesKey is a map key for a field's value list.
func valuesKey(vals []int32) string {
	b := make([]byte, 0, 4*len(vals))
	for _, v := range vals {
		b = append(b, byte(v), byte(v>>8), byte(v>>16), byte(v>>24))
	}
	return string(b)
}
