package model

// Config is FLSEST's architecture: every ambiguity of the paper that
// docs/design.md lists is a field here, with its default and where it comes
// from. JSON names are those of the CLI flags and the engine API.
type Config struct {
	// Architecture (net.go): an optional second stream V = T(E), the
	// interaction layers applied to every stream, and what the MLP reads.
	// FLSEST is {sest; fwbi; flat, one MLP per stream}; every model of the
	// paper's tables is such a combination (engine/config.go names them).
	Transform     string   `json:"transform"`       // "sest" (eq 1–8), "senet" (FiBiNET), "" (one stream)
	Interactions  []string `json:"interactions"`    // per stream: "fwbi" (eq 12–14), "fm", "fwfm", "cin"
	DeepInputs    []string `json:"deep_inputs"`     // the MLP's input per stream: "flat" (eq 17), "bi" (NFM), "bilinear" (FiBiNET); none: no MLP
	DeepPerStream bool     `json:"deep_per_stream"` // one MLP per stream (FLSEST) or one over all streams' inputs (FiBiNET)
	CIN           []int    `json:"cin"`             // CIN layer sizes (xDeepFM), DeepCTR's (128, 128)
	CINSplitHalf  bool     `json:"cin_split_half"`  // DeepCTR's default true
	CINActivation string   `json:"cin_activation"`  // "relu" (DeepCTR) or "identity" (xDeepFM's paper)
	BilinearType  string   `json:"bilinear_type"`   // FiBiNET: "interaction" (default), "each", "all"

	EmbeddingDim int     `json:"embedding_dim"` // K, 16 (paper §4.3.1)
	Pooling      string  `json:"pooling"`       // multi-valued fields: "sum" (paper §3.2) or "mean" (DeepCTR's MovieLens example)
	EmbeddingStd float64 `json:"embedding_std"` // N(0, std²) init of embeddings and linear weights, 1e-4 (DeepCTR init_std)
	L2Embedding  float64 `json:"l2_embedding"`  // 1e-5 (DeepCTR l2_reg_embedding)
	L2Linear     float64 `json:"l2_linear"`     // 1e-5 (DeepCTR l2_reg_linear)

	Hidden     []int   `json:"hidden"`     // MLP widths (eq 17)
	Activation string  `json:"activation"` // MLP σ: "relu" (paper §4.3.1), "tanh", "sigmoid" (Figure 7)
	Dropout    float64 `json:"dropout"`    // MLP dropout, 0.5 (paper Figure 8)

	ReductionRatio int    `json:"reduction_ratio"` // r of eq (2)/(6), 3 (docs/design.md)
	SEActivation   string `json:"se_activation"`   // σ2 of eq (6): "sigmoid" (SENET) or "relu" (FiBiNET/DeepCTR)
	ExcitationBias bool   `json:"excitation_bias"` // biases in SEST's excitation layers; not in the paper
	SqueezeNorm    bool   `json:"squeeze_norm"`    // RMS-normalised squeeze; not in the paper
	// SESTGranularity: one threshold ratio and SE weight per field
	// (SESTPerField, F·R·4 parameters) or per embedding coordinate
	// (SESTPerCoordinate: eq (7)'s a_i ∈ R^K, §3.3.4's 4fk count).
	SESTGranularity string `json:"sest_granularity"`

	DiceFactor float64 `json:"dice_factor"` // DiceFactor rate on FwBI's products (§3.4)
	FwBIBias   bool    `json:"fwbi_bias"`   // FLEN's K-vector bias in FwBI

	Fusion       string `json:"fusion"`        // "sum" of per-part logits or "concat" + ReLU (docs/design.md, "Reading the paper")
	FusionHidden int    `json:"fusion_hidden"` // width of the concat fusion's ReLU layer
}

// SEST granularities (sest.go, sest_coordinate.go).
const (
	SESTPerField      = "field"
	SESTPerCoordinate = "coordinate"
)

// DefaultConfig is full FLSEST with docs/design.md's defaults; the fusion,
// pooling and σ2 defaults are the reference run's best (docs/design.md,
// "Reading the paper"), re-checked by cmd/flsest's
// validation runs (README).
func DefaultConfig() Config {
	return Config{
		Transform: "sest", Interactions: []string{"fwbi"}, DeepInputs: []string{"flat"}, DeepPerStream: true,
		CIN: []int{128, 128}, CINSplitHalf: true, CINActivation: "relu", BilinearType: BilinearInteraction,
		EmbeddingDim: 16, Pooling: "mean", EmbeddingStd: 1e-4, L2Embedding: 1e-5, L2Linear: 1e-5,
		Hidden: []int{200, 200}, Activation: "relu", Dropout: 0.5,
		ReductionRatio: 3, SEActivation: "sigmoid", SESTGranularity: SESTPerField,
		DiceFactor: 0, FwBIBias: true,
		Fusion: FusionSum, FusionHidden: 64,
	}
}

// Validate checks every field against its allowed range for a schema with
// F fields. The error is a *ConfigError naming the field.
func (c Config) Validate(F int) error {
	switch c.Transform {
	case "", "sest", "senet":
	default:
		return errorf("transform", "%q is not sest, senet or empty", c.Transform)
	}
	if len(c.Interactions) == 0 && len(c.DeepInputs) == 0 {
		return errorf("interactions", "no interaction layer and no MLP: the model would be linear")
	}
	if err := oneOfEach("interactions", c.Interactions, "fwbi", "fm", "fwfm", "cin"); err != nil {
		return err
	}
	if err := oneOfEach("deep_inputs", c.DeepInputs, "flat", "bi", "bilinear"); err != nil {
		return err
	}
	if len(c.CIN) > 8 {
		return errorf("cin", "%d layers: want at most 8", len(c.CIN))
	}
	for _, h := range c.CIN {
		if h < 2 || h > 1024 {
			return errorf("cin", "layer size %d is out of range [2, 1024]", h)
		}
	}
	if a, ok := ParseActivation(c.CINActivation); !ok || (a != ReLU && a != Identity) {
		return errorf("cin_activation", "%q is not relu or identity", c.CINActivation)
	}
	switch c.BilinearType {
	case BilinearInteraction, BilinearEach, BilinearAll:
	default:
		return errorf("bilinear_type", "%q is not interaction, each or all", c.BilinearType)
	}
	if c.EmbeddingDim < 1 || c.EmbeddingDim > 512 {
		return errorf("embedding_dim", "%d is out of range [1, 512]", c.EmbeddingDim)
	}
	if c.Pooling != "sum" && c.Pooling != "mean" {
		return errorf("pooling", "%q is not sum or mean", c.Pooling)
	}
	if !(c.EmbeddingStd > 0 && c.EmbeddingStd <= 1) {
		return errorf("embedding_std", "%v is out of range (0, 1]", c.EmbeddingStd)
	}
	if !(c.L2Embedding >= 0 && c.L2Embedding <= 1) {
		return errorf("l2_embedding", "%v is out of range [0, 1]", c.L2Embedding)
	}
	if !(c.L2Linear >= 0 && c.L2Linear <= 1) {
		return errorf("l2_linear", "%v is out of range [0, 1]", c.L2Linear)
	}
	if len(c.DeepInputs) > 0 {
		if len(c.Hidden) < 1 || len(c.Hidden) > 8 {
			return errorf("hidden", "%d layers: want 1 to 8", len(c.Hidden))
		}
		for _, w := range c.Hidden {
			if w < 1 || w > 4096 {
				return errorf("hidden", "width %d is out of range [1, 4096]", w)
			}
		}
	}
	if a, ok := ParseActivation(c.Activation); !ok || a == Identity {
		return errorf("activation", "%q is not relu, tanh or sigmoid", c.Activation)
	}
	if !(c.Dropout >= 0 && c.Dropout < 1) {
		return errorf("dropout", "%v is out of range [0, 1)", c.Dropout)
	}
	if c.ReductionRatio < 1 || c.ReductionRatio > 64 {
		// R = max(1, ⌊F/r⌋), so r > F is allowed (DeepCTR's SENETLayer).
		return errorf("reduction_ratio", "%d is out of range [1, 64]", c.ReductionRatio)
	}
	if c.SEActivation != "sigmoid" && c.SEActivation != "relu" {
		return errorf("se_activation", "%q is not sigmoid or relu", c.SEActivation)
	}
	if c.SESTGranularity != SESTPerField && c.SESTGranularity != SESTPerCoordinate {
		return errorf("sest_granularity", "%q is not %s or %s", c.SESTGranularity, SESTPerField, SESTPerCoordinate)
	}
	if !(c.DiceFactor >= 0 && c.DiceFactor < 1) {
		return errorf("dice_factor", "%v is out of range [0, 1)", c.DiceFactor)
	}
	if c.Fusion != FusionSum && c.Fusion != FusionConcat {
		return errorf("fusion", "%q is not sum or concat", c.Fusion)
	}
	if c.Fusion == FusionConcat && (c.FusionHidden < 1 || c.FusionHidden > 4096) {
		return errorf("fusion_hidden", "%d is out of range [1, 4096]", c.FusionHidden)
	}
	return nil
}

// oneOfEach checks that every value is allowed and none repeats.
func oneOfEach(field string, values []string, allowed ...string) error {
	seen := map[string]bool{}
	for _, v := range values {
		ok := false
		for _, a := range allowed {
			ok = ok || v == a
		}
		if !ok {
			return errorf(field, "%q is not one of %v", v, allowed)
		}
		if seen[v] {
			return errorf(field, "%q appears twice", v)
		}
		seen[v] = true
	}
	return nil
}

// Has reports whether the config applies interaction layer name.
func (c Config) Has(name string) bool {
	for _, v := range c.Interactions {
		if v == name {
			return true
		}
	}
	return false
}
