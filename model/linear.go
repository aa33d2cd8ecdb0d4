package model

// Linear part (paper eq 11): L = w0 + Σ_i x_i w_i, one weight per field value
// (a 1-dim embedding, pooled like the embeddings) and a global bias w0. The
// model has one linear part, shared by both streams (§3.4).

// Linear maps a batch to one logit term per sample.
type Linear[T Float] struct {
	F       int
	Mean    bool
	Weights []*Param[T] // per field: (Vocab)
	Bias    *Param[T]   // w0: (1)
}

// NewLinear declares the per-field weights (N(0, std²), L2 l2) and w0 = 0.
func NewLinear[T Float](a *Arena[T], s Schema, std, l2 float64, mean bool) *Linear[T] {
	l := &Linear[T]{F: len(s.Fields), Mean: mean}
	for _, f := range s.Fields {
		p := a.Declare("linear."+f.Name, Init{Kind: InitNormal, Std: std}, f.Vocab)
		p.L2 = T(l2)
		l.Weights = append(l.Weights, p)
	}
	l.Bias = a.Declare("linear.bias", Init{Kind: InitZeros}, 1)
	return l
}

// Forward sets out[b] = w0 + Σ_f pool(w_f[x])   eq (11)   (B)
func (l *Linear[T]) Forward(out []T, in *Batch) {
	mustLen("linear out", out, in.N)
	w0 := l.Bias.Value[0]
	for b := 0; b < in.N; b++ {
		s := w0
		for f := 0; f < l.F; f++ {
			s += l.fieldTerm(in.Values(l.F, b, f), f)
		}
		out[b] = s
	}
}

// fieldTerm is field f's pooled weight for the values vals.
func (l *Linear[T]) fieldTerm(vals []int32, f int) T {
	w := l.Weights[f].Value
	var fs T
	for _, v := range vals {
		fs += w[v]
	}
	if l.Mean && len(vals) > 1 {
		fs /= T(len(vals))
	}
	return fs
}

// Backward adds dOut into the gradients of w0 and the weights used.
func (l *Linear[T]) Backward(dOut []T, in *Batch) {
	mustLen("linear dOut", dOut, in.N)
	for b := 0; b < in.N; b++ {
		d := dOut[b]
		l.Bias.Grad[0] += d
		for f := 0; f < l.F; f++ {
			vals := in.Values(l.F, b, f)
			g := l.Weights[f].Grad
			s := d
			if l.Mean && len(vals) > 1 {
				s /= T(len(vals))
			}
			for _, v := range vals {
				g[v] += s
			}
		}
	}
}
