package model

import (
	"fmt"
	"math"
)

// CompositeScorer scores composite rows: row r takes field f's values from
// source sample src[r*F+f]. Both explanation measures score only such
// rows: an interventional Shapley value (shapley.go) fills a coalition's
// absent fields from a background row; permutation importance
// (permutation.go) gives one field another validation row's value.
//
// What depends on one field's value is computed once per distinct value
// among the sources (943 users, not 8,000 validation rows), not once per
// row:
//
//   - the pooled embedding e_f and the pooled linear weight of eq (11);
//   - for a model whose E-stream MLP reads flat E (FLSEST, FLEN, DeepFM …),
//     that MLP's first layer splits by field, W·E + b = Σ_f W_f e_f + b
//     (eq 17), so W_f e_f (H values) is kept per field value and a
//     row's pre-activation is F vector additions instead of an F·K×H
//     product;
//   - FLSEST's SEST-stream MLP reads V, v_f = η_f + a'_f e_f (eq 3, 7, 8),
//     whose η_f depends on the row only through λ_f = z_f a_f (eq 4), so
//     W_f v_f = W_f η_f + a'_f (W_f e_f): W_f e_f is kept per field value,
//     and W_f η_f per field value for the last λ_f it was computed at.
//     When SEST's threshold units are all inactive, a = σ(0) for every row
//     (after training they are, for most rows), so λ_f repeats and a row's
//     pre-activation is again F vector operations.
//
// The sums run in field order and then add b, a fixed order, so a row's
// logit has the same bits natively and under WebAssembly, and the same
// whether a cached term was reused or recomputed; it may differ from
// Net.Forward's (one dot product of F·K terms per unit) in the last bits.
//
// Everything else (SEST or SENET itself, the interaction layers, the
// fusion) runs through the model's own layers on the composite E, in
// inference mode. The scorer uses the model's buffers: the model must
// not be used elsewhere while it scores.
type CompositeScorer[T Float] struct {
	m       *Net[T]
	F, K    int
	sources int
	emb     []T // (sources, F, K) pooled embedding of each source's fields
	lin     []T // (sources, F) each source's pooled linear weight per field
	// Field f's distinct value lists are its slots: source s has slot
	// slot[f*sources+s], numbered from slotBase[f] across fields, and
	// what depends on a field's value alone is kept per slot.
	slot       []int32 // (F, sources)
	slotBase   []int   // (F+1)
	slotSource []int32 // (slots) the first source with each slot's values
	split      [2]*splitMLP[T]
	chunk      []int32 // the rows being scored, for mlp
}

// splitMLP is a stream's MLP with its first layer split by field.
type splitMLP[T Float] struct {
	mlp  *MLP[T]
	H    int
	proj []T   // (slots, H) W_f e_f
	wf   [][]T // per field (H, K): W_f, for the SEST stream's W_f η_f
	// W_f η_f at two λ_f per slot (SEST stream): most rows share one λ_f
	// (a = σ(0)); a row whose threshold units fire has its own, and with
	// one entry it would evict the shared one.
	eta    []T     // (slots, 2, H)
	lambda []T     // (slots, 2) the λ_f of each entry; NaN: empty
	recent []uint8 // (slots) the entry a row hit last
	// A batch's terms not in eta, computed together field by field (a
	// tiled product instead of one row at a time).
	missAt   []int32 // (B, F) position in missTerm, or −1 − entry: eta holds it
	missTerm []T     // (B·F, H)
	missEta  []T     // (B·F, K) the soft-thresholded e_f of each miss
	missRows []int32 // (B·F) scratch
}

// NewCompositeScorer prepares m to score composite rows over the samples of
// sources.
func NewCompositeScorer[T Float](m *Net[T], sources *Batch) *CompositeScorer[T] {
	F, K, S := m.F, m.K, sources.N
	if len(sources.Off) != S*F+1 {
		panic(fmt.Sprintf("model: composite: sources have %d offsets, want %d", len(sources.Off), S*F+1))
	}
	c := &CompositeScorer[T]{m: m, F: F, K: K, sources: S}
	c.emb = make([]T, S*F*K)
	m.Embedding.Forward(c.emb, sources)
	c.lin = make([]T, S*F)
	for s := 0; s < S; s++ {
		for f := 0; f < F; f++ {
			c.lin[s*F+f] = m.Linear.fieldTerm(sources.Values(F, s, f), f)
		}
	}
	c.slot = make([]int32, F*S)
	for f := 0; f < F; f++ {
		c.slotBase = append(c.slotBase, len(c.slotSource))
		// One value: its slot by value index (no map, no allocation per
		// source, which the browser's garbage collector would pay for);
		// none or several: by the list.
		single := make([]int32, m.Schema.Fields[f].Vocab)
		for i := range single {
			single[i] = -1
		}
		lists := map[string]int32{}
		for s := 0; s < S; s++ {
			vals := sources.Values(F, s, f)
			var k int32
			var ok bool
			if len(vals) == 1 {
				k, ok = single[vals[0]], single[vals[0]] >= 0
			} else {
				k, ok = lists[valuesKey(vals)]
			}
			if !ok {
				k = int32(len(c.slotSource) - c.slotBase[f])
				if len(vals) == 1 {
					single[vals[0]] = k
				} else {
					lists[valuesKey(vals)] = k
				}
				c.slotSource = append(c.slotSource, int32(s))
			}
			c.slot[f*S+s] = k
		}
	}
	c.slotBase = append(c.slotBase, len(c.slotSource))
	for st, x := range m.Streams {
		// The SEST stream splits only under one threshold ratio and SE
		// weight per field (λ_f, a'_f scalars): a SEST read per coordinate
		// has F·K of each, and goes through its own layers.
		if x.MLP == nil || !x.deep.direct || (st == StreamSEST && (m.SEST == nil || m.SEST.Threshold.F != m.F)) {
			continue
		}
		c.split[st] = c.splitFirstLayer(x.MLP, st == StreamSEST)
	}
	return c
}

// splitFirstLayer sets proj[slot] = W_f e_f: mlp's first layer restricted
// to field f's K inputs, applied to each of field f's distinct values.
func (c *CompositeScorer[T]) splitFirstLayer(mlp *MLP[T], sest bool) *splitMLP[T] {
	F, K, D := c.F, c.K, len(c.slotSource)
	layer := mlp.Layers[0]
	H := layer.Out
	sp := &splitMLP[T]{mlp: mlp, H: H, proj: make([]T, D*H)}
	ef := make([]T, D*K)
	for f := 0; f < F; f++ {
		wf := make([]T, H*K) // (H, K) field f's columns of W (H, F·K)
		for h := 0; h < H; h++ {
			copy(wf[h*K:h*K+K], layer.W.Value[h*F*K+f*K:h*F*K+f*K+K])
		}
		sp.wf = append(sp.wf, wf)
		lo, hi := c.slotBase[f], c.slotBase[f+1]
		for k := lo; k < hi; k++ {
			s := int(c.slotSource[k])
			copy(ef[k*K:k*K+K], c.emb[(s*F+f)*K:(s*F+f)*K+K])
		}
		mulABt(sp.proj[lo*H:hi*H], ef[lo*K:hi*K], wf, hi-lo, K, H)
	}
	if sest {
		sp.eta, sp.lambda, sp.recent = make([]T, 2*D*H), make([]T, 2*D), make([]uint8, D)
		for i := range sp.lambda {
			sp.lambda[i] = T(math.NaN())
		}
		B := c.m.maxBatch
		sp.missAt, sp.missRows = make([]int32, B*F), make([]int32, B*F)
		sp.missTerm, sp.missEta = make([]T, B*F*H), make([]T, B*F*K)
	}
	return sp
}

// Sources is the number of source samples.
func (c *CompositeScorer[T]) Sources() int { return c.sources }

// Canonical returns the first source whose field f has the same values as
// source s's: two rows whose fields have the same canonical sources are
// the same row.
func (c *CompositeScorer[T]) Canonical(f int, s int32) int32 {
	return c.slotSource[c.slotOf(f, int(s))]
}

// slotOf is the slot of source s's values of field f.
func (c *CompositeScorer[T]) slotOf(f, s int) int { return c.slotBase[f] + int(c.slot[f*c.sources+s]) }

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
	m.forwardFromE(n, false, c)
	copy(out, logit)
}

// mlp is stream st's MLP from its split first layer (eq 17; inference,
// so dropout is the identity).
func (c *CompositeScorer[T]) mlp(sp *splitMLP[T], st, n int) []T {
	F, H := c.F, sp.H
	pre := sp.mlp.act[0][:n*H]
	if st == StreamSEST {
		c.etaTerms(sp, n)
	}
	for r := 0; r < n; r++ {
		row := pre[r*H : r*H+H]
		for f := 0; f < F; f++ {
			g := c.slotOf(f, int(c.chunk[r*F+f]))
			proj := sp.proj[g*H : g*H+H]
			if st == StreamOriginal {
				if f == 0 {
					copy(row, proj)
				} else {
					addInto(row, proj)
				}
				continue
			}
			// W_f v_f = W_f η_f + a'_f (W_f e_f)   eq (3), (7), (8)
			var eta []T
			if at := int(sp.missAt[r*F+f]); at >= 0 {
				eta = sp.missTerm[at*H : at*H+H]
			} else {
				e := 2*g + (-1 - at)
				eta = sp.eta[e*H : e*H+H]
			}
			w := c.m.SEST.Weight.A[r*F+f]
			if f == 0 {
				clear(row)
			}
			addScaledSum(row, eta, proj, w)
		}
	}
	if st == StreamSEST {
		c.keepEtaTerms(sp, n)
	}
	var bias []T
	if first := sp.mlp.Layers[0]; first.B != nil {
		bias = first.B.Value
	}
	addRowBiasActivate(sp.mlp.Act, pre, bias, n, H)
	in := pre
	for l := 1; l < len(sp.mlp.Layers); l++ {
		d := sp.mlp.Layers[l]
		a := sp.mlp.act[l][:n*d.Out]
		d.forwardActivate(a, in, n, sp.mlp.Act)
		in = a
	}
	return in
}

// etaTerms finds the terms W_f η_f (eq 3) of n rows that eta does not
// hold at the row's λ_f and computes them, one product per field, into
// missTerm (missAt says where).
func (c *CompositeScorer[T]) etaTerms(sp *splitMLP[T], n int) {
	F, K, H := c.F, c.K, sp.H
	lambda := c.m.SEST.lambda
	at := 0
	for f := 0; f < F; f++ {
		rows := sp.missRows[:0]
		for r := 0; r < n; r++ {
			g, lam := c.slotOf(f, int(c.chunk[r*F+f])), lambda[r*F+f]
			switch lam {
			case sp.lambda[2*g]:
				sp.missAt[r*F+f], sp.recent[g] = -1, 0
			case sp.lambda[2*g+1]:
				sp.missAt[r*F+f], sp.recent[g] = -2, 1
			default:
				rows = append(rows, int32(r))
			}
		}
		if len(rows) == 0 {
			continue
		}
		eta := sp.missEta[at*K : (at+len(rows))*K]
		for i, r := range rows {
			s, lam := int(c.chunk[int(r)*F+f]), lambda[int(r)*F+f]
			for t, x := range c.emb[(s*F+f)*K : (s*F+f)*K+K] {
				eta[i*K+t] = softThreshold(x, lam)
			}
			sp.missAt[int(r)*F+f] = int32(at + i)
		}
		mulABt(sp.missTerm[at*H:(at+len(rows))*H], eta, sp.wf[f], len(rows), K, H)
		at += len(rows)
	}
}

// keepEtaTerms stores the computed terms of n rows in eta, each in the
// entry of its slot that no row hit last, after the rows that read eta
// have read it.
func (c *CompositeScorer[T]) keepEtaTerms(sp *splitMLP[T], n int) {
	F, H := c.F, sp.H
	for i, at := range sp.missAt[:n*F] {
		if at < 0 {
			continue
		}
		g := c.slotOf(i%F, int(c.chunk[i]))
		e := 1 - sp.recent[g] // not the entry rows hit last: that one is shared
		copy(sp.eta[(2*g+int(e))*H:(2*g+int(e)+1)*H], sp.missTerm[int(at)*H:int(at)*H+H])
		sp.lambda[2*g+int(e)] = c.m.SEST.lambda[i]
	}
}

// addScaledSum sets y += a + w·b elementwise (each product rounded).
func addScaledSum[T Float](y, a, b []T, w T) {
	a, b = a[:len(y)], b[:len(y)]
	for i := range y {
		y[i] += a[i] + T(w*b[i])
	}
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
