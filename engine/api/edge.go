package api

// The stateless API: what the Cloudflare Worker (wasm/cloudflare) serves
// beside the app's files. A Worker keeps nothing between requests, so each
// request carries the model: a multipart/form-data body whose part
// "checkpoint" is a checkpoint (the bytes of GET /api/checkpoint, the
// page's download) and whose part "request" is an EdgeRequest in JSON.
// Training stays in the visitor's browser; the Worker holds no dataset.
//
//	GET  /api/edge          EdgeInfo: the limits below
//	POST /api/edge/predict  checkpoint + EdgeRequest → EdgePrediction
//	POST /api/edge/inspect  checkpoint + EdgeRequest → EdgeInspection (over all the samples)
//	POST /api/edge/explain  checkpoint + EdgeRequest with background → EdgeExplanation
//
// Errors are Error objects: 400 for a bad request (Field names the part,
// sample or field), 413 for a body over EdgeInfo.MaxBodyBytes.
const (
	PathEdge        = "/api/edge"
	PathEdgePredict = "/api/edge/predict"
	PathEdgeInspect = "/api/edge/inspect"
	PathEdgeExplain = "/api/edge/explain"
)

// The multipart parts of an edge request.
const (
	EdgePartCheckpoint = "checkpoint"
	EdgePartRequest    = "request"
)

// EdgeSample is one sample as the model sees it: field name → indices into
// that field's vocabulary, in the order the engine encodes the data (a
// checkpoint holds the vocabulary sizes, not the values, so the caller who
// has the data encodes it). A field left out, or given [], has no value (a
// zero embedding); a multi-valued field such as genres takes several.
type EdgeSample map[string][]int32

// EdgeRequest is the "request" part.
type EdgeRequest struct {
	Samples []EdgeSample `json:"samples"`
	// Background (explain only): the rows a coalition's absent fields come
	// from; Shapley values are against their mean (model/shapley.go).
	Background []EdgeSample `json:"background,omitempty"`
}

// EdgeInfo is what GET /api/edge answers: the Worker's limits.
type EdgeInfo struct {
	MaxBodyBytes      int64 `json:"max_body_bytes"`
	MaxRequestBytes   int64 `json:"max_request_bytes"`   // the "request" part alone
	MaxSamples        int   `json:"max_samples"`         // predict, inspect
	MaxExplainSamples int   `json:"max_explain_samples"` // explain
	MaxBackground     int   `json:"max_background"`      // explain
	// MaxExplainRows bounds explain's work: samples × 2^F × background
	// composite rows scored (a Worker's time limit is CPU time, and its
	// clock stands still while it computes, so work is what is bounded).
	MaxExplainRows int `json:"max_explain_rows"`
}

// EdgePrediction answers predict, in the samples' order.
type EdgePrediction struct {
	Probabilities []float64 `json:"probabilities"` // P(like), as POST /api/predict gives it
}

// EdgeInspection is the model's view over the request's samples: SEST per
// field (eq 1–8), both FwBI r matrices (eq 12–13), each part's share of the
// logit; for one sample, that sample's own values.
type EdgeInspection struct {
	N             int            `json:"n"`
	FieldNames    []string       `json:"field_names"`
	Fields        []FieldSEST    `json:"fields,omitempty"` // empty without SEST
	Domains       []string       `json:"domains"`
	R             [][][]float64  `json:"r,omitempty"`
	Contributions []Contribution `json:"contributions"`
	Logit         Summary        `json:"logit"`
}

// EdgeExplanation holds each sample's Shapley values, in order.
type EdgeExplanation struct {
	FieldNames []string      `json:"field_names"`
	Samples    []EdgeShapley `json:"samples"`
}

// EdgeShapley explains one sample: Phi per field in logit units, with
// Σ Phi = Value − Base.
type EdgeShapley struct {
	Phi   []float64 `json:"phi"`
	Base  float64   `json:"base"`  // the mean logit over the background
	Value float64   `json:"value"` // the sample's own logit
}
