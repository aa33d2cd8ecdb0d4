package model

import "math"

// Inspection of what FLSEST has learned, for the UI and the CLI: per field
// the SEST quantities of eq (1)–(8) summarised over a batch (one sample
// gives its own values), both FwBI r matrices, and each part's contribution
// to the logit.

// Summary is a mean with its spread over the samples of a batch.
type Summary struct {
	Mean float64 `json:"mean"`
	Std  float64 `json:"std"`
	Min  float64 `json:"min"`
	Max  float64 `json:"max"`
}

func summarise(xs []float64) Summary {
	if len(xs) == 0 {
		return Summary{Mean: math.NaN(), Std: math.NaN(), Min: math.NaN(), Max: math.NaN()}
	}
	s := Summary{Min: math.Inf(1), Max: math.Inf(-1)}
	for _, x := range xs {
		s.Mean += x
		s.Min = math.Min(s.Min, x)
		s.Max = math.Max(s.Max, x)
	}
	s.Mean /= float64(len(xs))
	for _, x := range xs {
		s.Std += (x - s.Mean) * (x - s.Mean)
	}
	s.Std = math.Sqrt(s.Std / float64(len(xs)))
	return s
}

// FieldSEST is SEST's view of one field over a batch.
type FieldSEST struct {
	Name     string  `json:"name"`
	Z        Summary `json:"z"`         // z_i = mean |e_i|, eq (1)
	A        Summary `json:"a"`         // threshold ratio a_i, eq (2)
	Lambda   Summary `json:"lambda"`    // λ_i = z_i·a_i, eq (4)
	Zeroed   Summary `json:"zeroed"`    // share of e_i's K coordinates with |e| ≤ λ_i, eq (3)
	SEWeight Summary `json:"se_weight"` // a'_i, eq (6)
}

// Contribution is a part's or stream's share of the logit: for the sum
// fusion exactly its term; for concat, the logit minus the logit with that
// part's output set to zero.
type Contribution struct {
	Name string `json:"name"`
	Summary
}

// Inspection is everything Inspect reports about a batch.
type Inspection struct {
	N             int            `json:"n"`
	Fields        []FieldSEST    `json:"fields,omitempty"` // empty without SEST
	Domains       []string       `json:"domains"`
	R             [][][]float64  `json:"r,omitempty"` // per stream (original, SEST): M×M, upper triangle
	Contributions []Contribution `json:"contributions"`
	Logit         Summary        `json:"logit"`
}

// Inspect runs an inference pass on b and reports. It allocates; it is not
// for the training loop.
func (m *FLSEST[T]) Inspect(b *Batch) Inspection {
	n, F, K := b.N, m.F, m.K
	logit := toF64(m.Forward(b, false)[:n])
	out := Inspection{N: n, Domains: m.Schema.Domains, Logit: summarise(logit)}
	if s := m.SEST; s != nil {
		a, aW := s.Threshold.A, s.Weight.A
		col := func(src []T, f int) []float64 {
			v := make([]float64, n)
			for i := range v {
				v[i] = float64(src[i*F+f])
			}
			return v
		}
		for f := 0; f < F; f++ {
			zeroed := make([]float64, n)
			for i := 0; i < n; i++ {
				lam := s.lambda[i*F+f]
				c := 0
				for _, e := range m.E[(i*F+f)*K : (i*F+f)*K+K] {
					if abs(e) <= lam {
						c++
					}
				}
				zeroed[i] = float64(c) / float64(K)
			}
			out.Fields = append(out.Fields, FieldSEST{
				Name: m.Schema.Fields[f].Name,
				Z:    summarise(col(s.z, f)), A: summarise(col(a, f)), Lambda: summarise(col(s.lambda, f)),
				Zeroed: summarise(zeroed), SEWeight: summarise(col(aW, f)),
			})
		}
	}
	for st := 0; st < 2; st++ {
		if m.FwBI[st] != nil {
			out.R = append(out.R, m.FwBI[st].R())
		}
	}
	// Linear part, then each fusion part by ablation, then each stream.
	lin := make([]T, n)
	m.Linear.Forward(lin, b)
	out.Contributions = append(out.Contributions, Contribution{Name: "linear", Summary: summarise(toF64(lin))})
	fused := make([]float64, n)
	for i := range fused {
		fused[i] = logit[i] - float64(lin[i])
	}
	without := func(drop func(p int) bool) []float64 {
		parts := make([][]T, len(m.parts))
		for p := range parts {
			parts[p] = m.parts[p]
			if drop(p) {
				parts[p] = make([]T, len(m.parts[p]))
			}
		}
		l := make([]T, n)
		m.Fusion.Forward(l, parts, n)
		d := make([]float64, n)
		for i := range d {
			d[i] = fused[i] - float64(l[i])
		}
		return d
	}
	for p, name := range m.PartNames {
		out.Contributions = append(out.Contributions, Contribution{Name: name, Summary: summarise(without(func(q int) bool { return q == p }))})
	}
	if m.SEST != nil {
		for _, suffix := range []string{"_o", "_s"} {
			out.Contributions = append(out.Contributions, Contribution{Name: "stream" + suffix, Summary: summarise(without(func(q int) bool {
				name := m.PartNames[q]
				return name[len(name)-2:] == suffix
			}))})
		}
	}
	return out
}

func toF64[T Float](s []T) []float64 {
	out := make([]float64, len(s))
	for i, v := range s {
		out[i] = float64(v)
	}
	return out
}
