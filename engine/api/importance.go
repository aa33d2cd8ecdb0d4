package api

// Which features matter: permutation importance per field (a job with
// progress events), exact Shapley values per field for one sample, and
// their summary over a fixed validation sample.
//
//	GET  /api/importance/permutation          PermutationStatus (the latest job)
//	POST /api/importance/permutation          PermutationRequest → PermutationStatus (409 while training or running)
//	POST /api/importance/permutation/cancel   → PermutationStatus
//	POST /api/importance/shapley              ShapleyRequest → ShapleyResponse
//	POST /api/importance/shapley/summary      ShapleySummaryRequest → ShapleySummary
//
// Every computation runs on a copy of the weights taken when it starts
// (the current ones, or the best epoch's), so training can go on beside it
// and never sees its buffers, and each yields to the host as the training
// loop does, so the engine keeps answering. A permutation job (≈ 9 s in
// Chromium) is refused while training runs: its numbers would be of
// weights already gone when it ends, and it would halve the training's
// speed; a new session (reset, settings, checkpoint) cancels it. It sends
// "importance" events (Event.Importance) at most every 200 ms and when it
// ends. The Shapley routes answer in the request (background 128: ≈ 0.25 s
// in Chromium; the reference point: ≈ 5 ms).

// Route paths.
const (
	PathPermutation       = "/api/importance/permutation"
	PathPermutationCancel = "/api/importance/permutation/cancel"
	PathShapley           = "/api/importance/shapley"
	PathShapleySummary    = "/api/importance/shapley/summary"
)

// Which weights an explanation uses.
const (
	WeightsCurrent = "current" // the model as it is now (the default)
	WeightsBest    = "best"    // the best-validation epoch's (409 before an epoch ends)
)

// Permutation job states.
const (
	JobIdle      = "idle"
	JobRunning   = "running"
	JobDone      = "done"
	JobCancelled = "cancelled"
	JobFailed    = "failed"
)

// Shapley variants.
const (
	// ShapleyBackground: absent fields come from a background of
	// validation rows (interventional Shapley; base = mean logit over it).
	ShapleyBackground = "background"
	// ShapleyReference: absent fields take a single reference point, each
	// field's most frequent value over the background (the mode, a genre
	// list as a whole): 256 rows, the what-if's instant answer.
	ShapleyReference = "reference"
)

// PermutationRequest starts permutation importance over the validation
// split: each field's values shuffled across the rows (genres as a whole
// list), Repeats times, from Seed.
type PermutationRequest struct {
	Repeats int    `json:"repeats,omitempty"` // 1–100, default 5
	Seed    uint64 `json:"seed,omitempty"`    // default 1
	Weights string `json:"weights,omitempty"` // WeightsCurrent or WeightsBest
}

// FieldImportance is one field's permutation importance: mean and sample
// standard deviation over the repeats.
type FieldImportance struct {
	Name           string  `json:"name"`
	AUCDrop        float64 `json:"auc_drop"` // validation AUC − AUC with the field shuffled
	AUCDropStd     float64 `json:"auc_drop_std"`
	LogLossRise    float64 `json:"logloss_rise"` // LogLoss shuffled − LogLoss
	LogLossRiseStd float64 `json:"logloss_rise_std"`
}

// PermutationResult is a finished job's answer.
type PermutationResult struct {
	Rows    int               `json:"rows"` // validation rows
	Repeats int               `json:"repeats"`
	Seed    uint64            `json:"seed"`
	AUC     float64           `json:"auc"` // unshuffled, on these weights
	LogLoss float64           `json:"logloss"`
	Scored  int               `json:"scored"` // distinct rows scored (equal rows once)
	Fields  []FieldImportance `json:"fields"`
	Seconds float64           `json:"seconds"`
}

// PermutationStatus is the latest permutation job.
type PermutationStatus struct {
	State   string             `json:"state"` // JobIdle, JobRunning, JobDone, JobCancelled, JobFailed
	Request PermutationRequest `json:"request"`
	Step    int                `json:"step"`  // the training step of the weights used
	Done    int                `json:"done"`  // rows scored so far
	Total   int                `json:"total"` // rows to score
	Result  *PermutationResult `json:"result,omitempty"`
	Error   *Error             `json:"error,omitempty"`
}

// SampleEdit changes a sample's attributes (a what-if); an absent field
// leaves the attribute as it is. POST /api/predict, /api/inspect and
// /api/importance/shapley take the same edit, so they score the same row.
type SampleEdit struct {
	Gender     string   `json:"gender,omitempty"`     // "F" or "M"
	Age        int      `json:"age,omitempty"`        // years (the model sees the age bucket)
	Occupation string   `json:"occupation,omitempty"` // a MovieLens occupation
	Zip        string   `json:"zip,omitempty"`        // the model sees its first character
	Genres     []string `json:"genres,omitempty"`     // genre names; [] means none, absent keeps them
	Year       int      `json:"year,omitempty"`       // release year (the model sees its bucket)
}

// ShapleyRequest asks for the Shapley values of one sample.
type ShapleyRequest struct {
	InspectRequest        // user, movie and an optional edit: the sample
	Variant        string `json:"variant,omitempty"`    // ShapleyBackground (default) or ShapleyReference
	Background     int    `json:"background,omitempty"` // background rows, 1–256, default 128
	Weights        string `json:"weights,omitempty"`
}

// FieldShapley is one field's Shapley value for one sample.
type FieldShapley struct {
	Field     string  `json:"field"`
	Value     string  `json:"value"`               // the sample's value ("M", "25-34", "Action|Comedy")
	Reference string  `json:"reference,omitempty"` // the reference value (ShapleyReference)
	Phi       float64 `json:"phi"`                 // logit units
}

// ShapleyResponse explains one sample: BaseLogit + Σ phi = the composite
// path's logit of the sample, which equals Logit to about 1e-6.
type ShapleyResponse struct {
	Variant         string         `json:"variant"`
	Background      int            `json:"background"` // rows (1 for ShapleyReference)
	Weights         string         `json:"weights"`
	Step            int            `json:"step"`
	Logit           float64        `json:"logit"`       // the sample's logit, as POST /api/predict scores it
	Probability     float64        `json:"probability"` // σ(Logit): /api/predict's number
	BaseLogit       float64        `json:"base_logit"`  // the mean logit over the background
	BaseProbability float64        `json:"base_probability"`
	Fields          []FieldShapley `json:"fields"`
	Rows            int            `json:"rows"` // distinct rows scored
	Seconds         float64        `json:"seconds"`
}

// ShapleySummaryRequest asks for Shapley values over the first Rows
// validation rows against the reference point.
type ShapleySummaryRequest struct {
	Rows    int    `json:"rows,omitempty"` // 1–2048, default 512
	Weights string `json:"weights,omitempty"`
}

// FieldShapleySummary is one field's φ over the summary's rows.
type FieldShapleySummary struct {
	Name      string    `json:"name"`
	MeanAbs   float64   `json:"mean_abs"`
	Mean      float64   `json:"mean"`
	Quantiles []float64 `json:"quantiles"` // at ShapleySummary.Probabilities
}

// ShapleySummary is the global view: per field, mean |φ| and φ's
// distribution over Rows validation rows, each explained against the
// reference point (the background's mode per field), so its cost is
// Rows × 2^F rows.
type ShapleySummary struct {
	Rows          int                   `json:"rows"`
	Variant       string                `json:"variant"` // ShapleyReference
	Reference     []string              `json:"reference"`
	Weights       string                `json:"weights"`
	Step          int                   `json:"step"`
	Probabilities []float64             `json:"probabilities"` // of the quantiles
	Fields        []FieldShapleySummary `json:"fields"`
	Seconds       float64               `json:"seconds"`
}
