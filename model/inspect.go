package model

import "math"

// Inspection of what FLSEST has learned, for the UI and the CLI: per field
// the SEST quantities of eq (1)–(8) summarised over samples (one sample
// gives its own values), both FwBI r matrices, the field × field effective
// interaction strength, and each part's contribution to the logit.
// An Inspector accumulates over batches, so a validation set of any size
// can be inspected in bounded chunks.

// Summary is a mean with its spread over samples.
type Summary struct {
	Mean float64 `json:"mean"`
	Std  float64 `json:"std"`
	Min  float64 `json:"min"`
	Max  float64 `json:"max"`
}

func summarise(xs []float64) Summary {
	if len(xs) == 0 {
		return Summary{}
	}
	s := Summary{Min: math.Inf(1), Max: math.Inf(-1)}
	for _, x := range xs {
		s.Mean += x
		s.Min = math.Min(s.Min, x)
		s.Max = math.Max(s.Max, x)
	}
	s.Mean /= float64(len(xs))
	for _, x := range xs {
		s.Std += float64((x - s.Mean) * (x - s.Mean))
	}
	s.Std = math.Sqrt(s.Std / float64(len(xs)))
	return s
}

// FieldSEST is SEST's view of one field.
type FieldSEST struct {
	Name     string  `json:"name"`
	Z        Summary `json:"z"`         // z_i = mean |e_i|, eq (1)
	A        Summary `json:"a"`         // threshold ratio a_i = λ_i/z_i, eq (2)
	Lambda   Summary `json:"lambda"`    // λ_i = z_i·a_i, eq (4)
	Zeroed   Summary `json:"zeroed"`    // share of e_i's K coordinates with |e| ≤ λ_i, eq (3)
	SEWeight Summary `json:"se_weight"` // a'_i, eq (6)
	U        Summary `json:"u"`         // the threshold excitation before its sigmoid, eq (2)
	SEU      Summary `json:"se_u"`      // the SE excitation before its σ2, eq (6)
	// Per coordinate only (sest_granularity "coordinate"): the K means over
	// samples of a_ij, a'_ij and of the share of samples zeroing e_ij.
	ACoord        []float64 `json:"a_coord,omitempty"`
	SEWeightCoord []float64 `json:"se_weight_coord,omitempty"`
	ZeroedCoord   []float64 `json:"zeroed_coord,omitempty"`
}

// Contribution is a part's or stream's share of the logit: for the sum
// fusion exactly its term; for concat, the logit minus the logit with that
// part's output set to zero.
type Contribution struct {
	Name string `json:"name"`
	Summary
}

// Inspection is everything an Inspector reports.
type Inspection struct {
	N      int         `json:"n"`
	Fields []FieldSEST `json:"fields,omitempty"` // empty without SEST
	// SESTGranularity is the reading Fields come from; SESTUnits the share
	// of samples in which each excitation hidden unit is active.
	SESTGranularity string     `json:"sest_granularity,omitempty"`
	SESTUnits       *SESTUnits `json:"sest_units,omitempty"`
	Domains         []string   `json:"domains"`
	// R holds r per stream (original, then SEST) as an M×M matrix: the
	// diagonal r[m][m] (eq 12), the upper triangle r[i][j] (eq 13).
	R [][][]float64 `json:"r,omitempty"`
	// Interaction holds, per stream, the F×F effective strength of each field
	// pair's FwBI term (upper triangle): its weight (2·r[m][m] within a
	// domain, r[i][j] across) times the mean over samples of
	// |Σ_k g_k e_ik e_jk|, where g is the FwBI part's fusion head (ones for
	// the concat fusion). It says which pairs move the logit, not only r.
	Interaction   [][][]float64  `json:"interaction,omitempty"`
	Contributions []Contribution `json:"contributions"`
	Logit         Summary        `json:"logit"`
}

// Inspector accumulates an Inspection of m over batches. It allocates; it
// is not for the training loop.
type Inspector[T Float] struct {
	// SESTOnly: Add runs the embedding and SEST alone and accumulates
	// SEST's fields and units only (no FwBI, contributions or logits), for
	// the mechanism view, at a fraction of a forward pass's cost.
	SESTOnly bool

	m       *Net[T]
	n       int
	sest    *sestStats  // nil without SEST
	contrib [][]float64 // per contribution name, per sample
	names   []string
	logit   []float64
	pairSum [][]float64 // per stream, F×F sums of |Σ_k g_k e_ik e_jk|
}

// NewInspector starts an empty inspection of m.
func NewInspector[T Float](m *Net[T]) *Inspector[T] {
	F := m.F
	in := &Inspector[T]{m: m}
	if m.SEST != nil {
		in.sest = newSESTStats(m.SEST)
	}
	in.names = append([]string{"linear"}, m.PartNames...)
	if len(m.Streams) == 2 {
		in.names = append(in.names, "stream_o", "stream_s")
	}
	in.contrib = make([][]float64, len(in.names))
	for _, st := range m.Streams {
		if st.FwBI != nil {
			in.pairSum = append(in.pairSum, make([]float64, F*F))
		}
	}
	return in
}

// Add runs an inference pass on b (b.N ≤ m.MaxBatch()) and accumulates.
func (in *Inspector[T]) Add(b *Batch) {
	m := in.m
	n := b.N
	if in.SESTOnly {
		if m.SEST != nil {
			E := m.E[:n*m.F*m.K]
			m.Embedding.Forward(E, b)
			m.SEST.Forward(m.V[:n*m.F*m.K], E, n) // eq (1)–(8), as in Forward
			in.n += n
			addSEST(in.sest, m.SEST, m.E, n)
		}
		return
	}
	logit := toF64(m.Forward(b, false)[:n])
	in.n += n
	in.logit = append(in.logit, logit...)
	if m.SEST != nil {
		addSEST(in.sest, m.SEST, m.E, n)
	}
	in.addPairStrengths(n)
	// Linear part, then each fusion part by ablation, then each stream.
	lin := make([]T, n)
	m.Linear.Forward(lin, b)
	in.contrib[0] = append(in.contrib[0], toF64(lin)...)
	fused := make([]float64, n)
	for i := range fused {
		fused[i] = logit[i] - float64(lin[i])
	}
	parts := append([][]T(nil), m.parts...)
	without := func(drop func(name string) bool) []float64 {
		ps := make([][]T, len(parts))
		for p := range ps {
			ps[p] = parts[p]
			if drop(m.PartNames[p]) {
				ps[p] = make([]T, len(parts[p]))
			}
		}
		l := make([]T, n)
		m.Fusion.Forward(l, ps, n)
		d := make([]float64, n)
		for i := range d {
			d[i] = fused[i] - float64(l[i])
		}
		return d
	}
	for c, name := range in.names[1:] {
		var drop func(string) bool
		switch name {
		case "stream_o", "stream_s":
			// A stream's parts (a shared MLP, which reads both streams, stays).
			suffix := name[len(name)-2:]
			drop = func(p string) bool { return len(p) > 2 && p[len(p)-2:] == suffix }
		default:
			drop = func(p string) bool { return p == name }
		}
		in.contrib[c+1] = append(in.contrib[c+1], without(drop)...)
	}
}

// addPairStrengths accumulates |Σ_k g_k e_ik e_jk| per field pair and stream
// from the last Forward.
func (in *Inspector[T]) addPairStrengths(n int) {
	m := in.m
	F, K := m.F, m.K
	idx := 0
	for _, st := range m.Streams {
		if st.FwBI == nil {
			continue
		}
		X := st.X
		g := make([]float64, K)
		for k := range g {
			g[k] = 1
		}
		if head := m.Fusion.Heads[st.interactionPart("fwbi")]; m.Fusion.Mode != FusionConcat && head != nil {
			for k, v := range head.Value {
				g[k] = float64(v)
			}
		}
		sums := in.pairSum[idx]
		for b := 0; b < n; b++ {
			for i := 0; i < F; i++ {
				ei := X[(b*F+i)*K : (b*F+i)*K+K]
				for j := i + 1; j < F; j++ {
					ej := X[(b*F+j)*K : (b*F+j)*K+K]
					var s float64
					for k, v := range ei {
						s += float64(g[k] * float64(v) * float64(ej[k]))
					}
					sums[i*F+j] += math.Abs(s)
				}
			}
		}
		idx++
	}
}

// Result summarises what was added.
func (in *Inspector[T]) Result() Inspection {
	m := in.m
	out := Inspection{N: in.n, Domains: m.Schema.Domains, Logit: summarise(in.logit)}
	if m.SEST != nil {
		for _, fl := range m.Schema.Fields {
			out.Fields = append(out.Fields, FieldSEST{Name: fl.Name})
		}
		units := in.sest.fill(out.Fields, m.K)
		out.SESTGranularity, out.SESTUnits = m.Config.SESTGranularity, &units
	}
	if in.SESTOnly {
		return out
	}
	idx := 0
	for _, st := range m.Streams {
		x := st.FwBI
		if x == nil {
			continue
		}
		out.R = append(out.R, x.R())
		F := m.F
		strength := make([][]float64, F)
		for i := range strength {
			strength[i] = make([]float64, F)
			for j := i + 1; j < F; j++ {
				w := x.pairWeight(i, j)
				if in.n > 0 {
					strength[i][j] = math.Abs(w) * in.pairSum[idx][i*F+j] / float64(in.n)
				}
			}
		}
		out.Interaction = append(out.Interaction, strength)
		idx++
	}
	for c, name := range in.names {
		out.Contributions = append(out.Contributions, Contribution{Name: name, Summary: summarise(in.contrib[c])})
	}
	return out
}

// Inspect runs an inference pass on one batch and reports.
func (m *Net[T]) Inspect(b *Batch) Inspection {
	in := NewInspector(m)
	in.Add(b)
	return in.Result()
}

func toF64[T Float](s []T) []float64 {
	out := make([]float64, len(s))
	for i, v := range s {
		out[i] = float64(v)
	}
	return out
}
