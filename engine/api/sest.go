package api

// PathSEST serves SEST's mechanism: GET → SESTReport.
const PathSEST = "/api/sest"

// SESTReport is SEST's mechanism (paper eq 1–8) over the fixed validation
// sample live snapshots use (the first 2,048 validation rows), with the
// same numbers at step 0 over the same rows, so a learner sees not only
// that a and a′ sit near 0.5 but why: where the excitations u sit before
// their sigmoid, and how often the hidden units they read are active.
type SESTReport struct {
	Step  int `json:"step"`
	Epoch int `json:"epoch"`
	N     int `json:"n"` // validation rows summarised
	// Granularity is the reading: "field" (one a_i, a′_i per field) or
	// "coordinate" (a_ij, a′_ij per embedding coordinate, eq 7's a_i ∈ R^k).
	Granularity string      `json:"granularity"`
	Fields      []SESTField `json:"fields"`
	// Units: per hidden unit of each branch, the share of the N samples in
	// which it is active (ReLU(W_down·z) > 0). The units are shared: every
	// field's (or coordinate's) excitation reads all of its branch's units.
	Units SESTUnits `json:"units"`
	// InitialUnits is the same at step 0 (absent after a checkpoint load
	// whose step 0 is unknown).
	InitialUnits *SESTUnits `json:"initial_units,omitempty"`
}

// SESTUnits is, per hidden unit, the share of samples in which it is active.
type SESTUnits struct {
	Threshold []float64 `json:"threshold"` // eq (2)'s units (W3)
	SE        []float64 `json:"se"`        // eq (6)'s units (W1)
}

// SESTField is one field's mechanism. Under the "coordinate" reading each
// Summary is over the field's k coordinates and the samples, and the
// *Coord arrays hold one mean over samples per coordinate (a heat strip).
type SESTField struct {
	Name     string  `json:"name"`
	U        Summary `json:"u"`         // threshold excitation before its sigmoid, eq (2)
	A        Summary `json:"a"`         // threshold ratio a = σ(u), λ = a · mean|e|, eq (2), (4)
	SEU      Summary `json:"se_u"`      // SE excitation before its σ2, eq (6)
	SEWeight Summary `json:"se_weight"` // a′ = σ2(u′), eq (6)
	Lambda   Summary `json:"lambda"`    // λ, eq (4)
	Zeroed   Summary `json:"zeroed"`    // share of the field's k coordinates zeroed per sample, eq (3)
	// Drift from step 0 over the same rows: mean now − mean at step 0
	// (absent without a step-0 inspection).
	ADrift        *float64 `json:"a_drift,omitempty"`
	SEWeightDrift *float64 `json:"se_weight_drift,omitempty"`
	InitialA      *Summary `json:"initial_a,omitempty"`
	InitialSE     *Summary `json:"initial_se_weight,omitempty"`
	// Per coordinate only: k means over samples.
	ACoord        []float64 `json:"a_coord,omitempty"`
	SEWeightCoord []float64 `json:"se_weight_coord,omitempty"`
	ZeroedCoord   []float64 `json:"zeroed_coord,omitempty"` // share of samples zeroing each coordinate
	// The same at step 0, per coordinate only.
	InitialACoord        []float64 `json:"initial_a_coord,omitempty"`
	InitialSEWeightCoord []float64 `json:"initial_se_weight_coord,omitempty"`
}
