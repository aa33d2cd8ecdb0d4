package api

// SampleTrace is one user × movie pair's pass through the model, every
// intermediate the lesson and the end-to-end view show. POST /api/inspect
// returns it in SampleInspection.Trace when InspectRequest.Trace is set.
// Its numbers are the model's own, read from one inference pass: Parts'
// terms added to Linear in order give Logit (sum fusion), and Probability
// is what /api/predict gives for the pair.
type SampleTrace struct {
	Fields []string    `json:"fields"`
	Domain []int       `json:"domain"` // field → general domain
	K      int         `json:"k"`
	E      [][]float64 `json:"e"` // per field, its embedding (pooled for a multi-valued field)
	// SEST (absent without it): z_i = mean|e_i| (eq 1); λ and a′ per field
	// and coordinate (eq 4, 6; the same K times under the per-field
	// reading); a_i (eq 2) and z′_i (eq 5) under the per-field reading only.
	Z        []float64   `json:"z,omitempty"`
	ZMean    []float64   `json:"z_mean,omitempty"`
	A        []float64   `json:"a,omitempty"`
	Lambda   [][]float64 `json:"lambda,omitempty"`
	SEWeight [][]float64 `json:"se_weight,omitempty"`
	Eta      [][]float64 `json:"eta,omitempty"` // η_i = soft-thresholded e_i (eq 3): its zeros are what λ zeroes
	V        [][]float64 `json:"v,omitempty"`   // v_i = η_i + a′_i e_i (eq 8)
	// The linear part (eq 11): w0, each field's pooled weight, their sum.
	LinearBias   float64     `json:"linear_bias"`
	LinearFields []float64   `json:"linear_fields"`
	Linear       float64     `json:"linear"`
	FwBI         []TraceFwBI `json:"fwbi,omitempty"` // per stream
	Parts        []TracePart `json:"parts"`
	Fusion       string      `json:"fusion"` // sum or concat
	Logit        float64     `json:"logit"`
	Probability  float64     `json:"probability"`
}

// TraceFwBI is one stream's FwBI output apart: h = Within + Across (+ Bias), eq (14).
type TraceFwBI struct {
	Stream string      `json:"stream"` // "o" (E) or "s" (V)
	R      [][]float64 `json:"r"`      // M×M: r[m][m] on the diagonal, r[i][j] above
	Within []float64   `json:"within"` // FM within the domains, eq (12)
	Across []float64   `json:"across"` // MF between the domains, eq (13)
	Bias   []float64   `json:"bias,omitempty"`
}

// TracePart is one input of the fusion (an FwBI or MLP output): its output
// vector, its head w_p and its term w_pᵀ·output of the logit. Under the
// concat fusion Head is absent and Term is 0.
type TracePart struct {
	Name   string    `json:"name"`
	Output []float64 `json:"output"`
	Head   []float64 `json:"head,omitempty"`
	Term   float64   `json:"term"`
}
