package model

// Embedding layer (paper §3.2, Figure 4): each field value n has a vector
// e_n ∈ R^K; a multi-valued field (genres) pools its values' vectors by sum
// (the paper) or mean (DeepCTR's MovieLens example); a missing field gives
// the zero vector.

// Embedding maps a batch to E (B, F, K).
type Embedding[T Float] struct {
	F, K   int
	Mean   bool        // pool multi-valued fields by mean instead of sum
	Tables []*Param[T] // per field: (Vocab, K)
}

// NewEmbedding declares one table per field, initialised N(0, std²)
// (DeepCTR's init_std 1e-4), with L2 coefficient l2.
func NewEmbedding[T Float](a *Arena[T], s Schema, K int, std, l2 float64, mean bool) *Embedding[T] {
	e := &Embedding[T]{F: len(s.Fields), K: K, Mean: mean}
	for _, f := range s.Fields {
		p := a.Declare("embedding."+f.Name, Init{Kind: InitNormal, Std: std}, f.Vocab, K)
		p.L2 = T(l2)
		e.Tables = append(e.Tables, p)
	}
	return e
}

// Forward sets E[b,f,:] = pool of the field's value vectors   (B, F, K).
func (e *Embedding[T]) Forward(E []T, in *Batch) {
	F, K := e.F, e.K
	mustLen("embedding E", E, in.N*F*K)
	vk := vectorFor[T](K)
	for b := 0; b < in.N; b++ {
		for f := 0; f < F; f++ {
			out := E[(b*F+f)*K : (b*F+f)*K+K]
			clear(out)
			vals := in.Values(F, b, f)
			tab := e.Tables[f].Value
			for _, v := range vals {
				row := tab[int(v)*K : int(v)*K+K]
				if vk != nil {
					vk.add(float32s(out), float32s(row))
					continue
				}
				for k, x := range row {
					out[k] += x
				}
			}
			if e.Mean && len(vals) > 1 {
				s := 1 / T(len(vals))
				for k := range out {
					out[k] *= s
				}
			}
		}
	}
}

// Backward adds dE into the gradients of the rows the batch used.
func (e *Embedding[T]) Backward(dE []T, in *Batch) {
	F, K := e.F, e.K
	mustLen("embedding dE", dE, in.N*F*K)
	vk := vectorFor[T](K)
	for b := 0; b < in.N; b++ {
		for f := 0; f < F; f++ {
			d := dE[(b*F+f)*K : (b*F+f)*K+K]
			vals := in.Values(F, b, f)
			s := T(1)
			if e.Mean && len(vals) > 1 {
				s = 1 / T(len(vals))
			}
			g := e.Tables[f].Grad
			for _, v := range vals {
				row := g[int(v)*K : int(v)*K+K]
				if vk != nil && s == 1 { // T(1·x) is x
					vk.add(float32s(row), float32s(d))
					continue
				}
				for k, x := range d {
					row[k] += T(s * x)
				}
			}
		}
	}
}
