package model

// Trace is one sample's pass through the model, every intermediate the
// lesson and the end-to-end view show: the embeddings, SEST's squeeze,
// thresholds and weights (eq 1–8), the linear part (eq 11), each stream's
// FwBI (eq 12–14, its within- and across-domain sums apart) and MLP (eq 17)
// outputs, each part's term of the fused logit, the logit and its sigmoid.
// It is read from the buffers of one inference Forward, so its numbers are
// the model's own: Parts' terms added to Linear in order give Logit bit for
// bit (sum fusion), and Probability is what Predict gives.
type Trace struct {
	Fields []string    `json:"fields"`
	Domain []int       `json:"domain"` // field → general domain
	K      int         `json:"k"`
	E      [][]float64 `json:"e"` // per field, its K-dim embedding (pooled for a multi-valued field)
	// SEST (absent without it). Z is z_i = mean|e_i| (eq 1); Lambda and
	// SEWeight hold per field K values: λ (eq 4) and a′ (eq 6), the same K
	// times under the per-field reading; A and ZMean (a_i, eq 2; z′_i, eq 5)
	// are per field under that reading only.
	Z        []float64   `json:"z,omitempty"`
	ZMean    []float64   `json:"z_mean,omitempty"`
	A        []float64   `json:"a,omitempty"`
	Lambda   [][]float64 `json:"lambda,omitempty"`
	SEWeight [][]float64 `json:"se_weight,omitempty"`
	Eta      [][]float64 `json:"eta,omitempty"` // η_i, the soft-thresholded e_i (eq 3); its zeros are the coordinates λ zeroes
	V        [][]float64 `json:"v,omitempty"`   // v_i = η_i + a′_i e_i (eq 8)
	// LinearBias is w0 and LinearFields each field's pooled weight (eq 11);
	// Linear = w0 + Σ LinearFields, as the model adds them.
	LinearBias   float64     `json:"linear_bias"`
	LinearFields []float64   `json:"linear_fields"`
	Linear       float64     `json:"linear"`
	FwBI         []TraceFwBI `json:"fwbi,omitempty"` // per stream
	Parts        []TracePart `json:"parts"`
	Fusion       string      `json:"fusion"` // sum or concat
	Logit        float64     `json:"logit"`
	Probability  float64     `json:"probability"`
}

// TraceFwBI is one stream's FwBI apart: h = Within + Across (+ Bias), eq (14).
type TraceFwBI struct {
	Stream string      `json:"stream"` // "o" (E) or "s" (V)
	R      [][]float64 `json:"r"`      // M×M: r[m][m] on the diagonal, r[i][j] above
	Within []float64   `json:"within"` // Σ_m r[m][m]·2 Σ_{a<b∈m} e_a⊙e_b, eq (12)
	Across []float64   `json:"across"` // Σ_{i<j} r[i][j] e_(i)⊙e_(j), eq (13)
	Bias   []float64   `json:"bias,omitempty"`
}

// TracePart is one input of the fusion: its output vector (FwBI's h, an
// MLP's last layer), its head w_p and its term w_pᵀ·output of the logit
// (sum fusion; a scalar part is its own term). Under the concat fusion
// Head is empty and Term is 0: only the fused whole is defined.
type TracePart struct {
	Name   string    `json:"name"`
	Output []float64 `json:"output"`
	Head   []float64 `json:"head,omitempty"`
	Term   float64   `json:"term"`
}

// Trace runs an inference pass on b's first sample and reads it out.
func (m *Net[T]) Trace(b *Batch) Trace {
	F, K := m.F, m.K
	one := &Batch{N: 1, Off: b.Off[:F+1], Idx: b.Idx, Label: b.Label[:1]}
	logit := m.Forward(one, false)[0]
	tr := Trace{K: K, Fusion: m.Fusion.Mode, Logit: float64(logit), Probability: float64(sigmoid(logit))}
	for _, f := range m.Schema.Fields {
		tr.Fields = append(tr.Fields, f.Name)
		tr.Domain = append(tr.Domain, f.Domain)
	}
	perField := func(X []T) [][]float64 {
		out := make([][]float64, F)
		for f := range out {
			out[f] = toF64(X[f*K : f*K+K])
		}
		return out
	}
	tr.E = perField(m.E)
	if s := m.SEST; s != nil {
		traceSEST(&tr, s)
		tr.V = perField(m.V)
	}
	// eq (11), added in the order Linear.Forward adds.
	lin := m.Linear.Bias.Value[0]
	tr.LinearBias = float64(lin)
	for f := 0; f < F; f++ {
		t := m.Linear.fieldTerm(one.Values(F, 0, f), f)
		tr.LinearFields = append(tr.LinearFields, float64(t))
		lin += t
	}
	tr.Linear = float64(lin)
	for st, s := range m.Streams {
		if x := s.FwBI; x != nil {
			tr.FwBI = append(tr.FwBI, x.trace(s.X[:F*K], [2]string{"o", "s"}[st]))
		}
	}
	for p, name := range m.PartNames {
		part := m.parts[p][:m.Fusion.Widths[p]]
		tp := TracePart{Name: name, Output: toF64(part)}
		if m.Fusion.Mode != FusionConcat {
			if head := m.Fusion.Heads[p]; head != nil {
				tp.Head = toF64(head.Value)
				var s T
				for k, v := range part { // as Fusion.Forward sums
					s += T(v * head.Value[k])
				}
				tp.Term = float64(s)
			} else {
				tp.Term = float64(part[0])
			}
		}
		tr.Parts = append(tr.Parts, tp)
	}
	return tr
}

// traceSEST reads SEST's buffers for the first sample of the last Forward.
func traceSEST[T Float](tr *Trace, s *SEST[T]) {
	F, K := s.F, s.K
	tr.Z = toF64(s.z[:F])
	lam, w := s.lambda, s.Weight.A
	if !s.PerCoordinate {
		tr.ZMean, tr.A = toF64(s.zMean[:F]), toF64(s.Threshold.A[:F])
	}
	for f := 0; f < F; f++ {
		l, a := make([]float64, K), make([]float64, K)
		eta := make([]float64, K)
		for k := 0; k < K; k++ {
			i := f // the field's one value under the per-field reading
			if s.PerCoordinate {
				i = f*K + k
			}
			l[k], a[k] = float64(lam[i]), float64(w[i])
			eta[k] = float64(softThreshold(T(tr.E[f][k]), lam[i])) // E is T's values, exactly
		}
		tr.Lambda, tr.SEWeight, tr.Eta = append(tr.Lambda, l), append(tr.SEWeight, a), append(tr.Eta, eta)
	}
}

// trace splits the first sample's h into its eq (12) and eq (13) sums.
func (x *FwBI[T]) trace(X []T, stream string) TraceFwBI {
	K, M := x.K, x.M
	t := TraceFwBI{Stream: stream, R: x.R(), Within: make([]float64, K), Across: make([]float64, K)}
	sum := make([]float64, M*K)
	for f := 0; f < x.F; f++ {
		for k := 0; k < K; k++ {
			sum[x.Domain[f]*K+k] += float64(X[f*K+k])
		}
	}
	for _, pr := range x.within {
		w := 2 * float64(x.RDiag.Value[pr.m])
		for k := 0; k < K; k++ {
			t.Within[k] += float64(w * float64(X[pr.a*K+k]) * float64(X[pr.b*K+k]))
		}
	}
	for q, pr := range x.across {
		w := float64(x.ROff.Value[q])
		for k := 0; k < K; k++ {
			t.Across[k] += float64(w * sum[pr[0]*K+k] * sum[pr[1]*K+k])
		}
	}
	if x.Bias != nil {
		t.Bias = toF64(x.Bias.Value)
	}
	return t
}
