package model

import "slices"

// Config is FLSEST's architecture: every ambiguity of the paper that
// docs/design.md lists is a field here, with its default and where it comes
// from. JSON names are those of the CLI flags and the engine API.
type Config struct {
	// Architecture (net.go): an optional second stream V = T(E), the
	// interaction layers applied to every stream, and what the MLP reads.
	// FLSEST is {sest; fwbi; flat, one MLP per stream}; every model of the
	// paper's tables is such a combination (engine/config.go names them).
	Transform     string   `json:"transform"`       // "sest" (eq 1–8), "senet" (FiBiNET), "copy" (V = E, the two-stream control), "" (one stream)
	Interactions  []string `json:"interactions"`    // per stream: "fwbi" (eq 12–14), "fm", "fwfm", "cin", "edcn", "finalmlp"
	DeepInputs    []string `json:"deep_inputs"`     // the MLP's input per stream: "flat" (eq 17), "bi" (NFM), "bilinear" (FiBiNET), "disen" (DisenCTR); none: no MLP
	DeepPerStream bool     `json:"deep_per_stream"` // one MLP per stream (FLSEST) or one over all streams' inputs (FiBiNET)
	CIN           []int    `json:"cin"`             // CIN layer sizes (xDeepFM), DeepCTR's (128, 128)
	CINSplitHalf  bool     `json:"cin_split_half"`  // DeepCTR's default true
	CINActivation string   `json:"cin_activation"`  // "relu" (DeepCTR) or "identity" (xDeepFM's paper)
	BilinearType  string   `json:"bilinear_type"`   // FiBiNET: "interaction" (default), "each", "all"
	// The other systems of the paper's Table 1 (docs/design.md, "Other
	// systems"): EDCN's cross/deep layer count and regulation temperature
	// (FuxiCTR's 3 and 1), FinalMLP's bilinear heads (FuxiCTR's 1),
	// DisenCTR's intent channels (the authors' code's 4).
	CrossLayers     int     `json:"cross_layers"`
	EDCNTemperature float64 `json:"edcn_temperature"`
	FinalMLPHeads   int     `json:"finalmlp_heads"`
	DisenChannels   int     `json:"disen_channels"`

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
		CrossLayers: 3, EDCNTemperature: 1, FinalMLPHeads: 1, DisenChannels: 4,
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
	if err := oneOf("transform", c.Transform, Transforms()); err != nil {
		return err
	}
	if len(c.Interactions) == 0 && len(c.DeepInputs) == 0 {
		return errorf("interactions", "no interaction layer and no MLP: the model would be linear")
	}
	if err := oneOfEach("interactions", c.Interactions, InteractionLayers()); err != nil {
		return err
	}
	if err := oneOfEach("deep_inputs", c.DeepInputs, DeepInputKinds()); err != nil {
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
	if err := oneOf("cin_activation", c.CINActivation, CINActivations()); err != nil {
		return err
	}
	if err := oneOf("bilinear_type", c.BilinearType, BilinearTypes()); err != nil {
		return err
	}
	if c.EmbeddingDim < 1 || c.EmbeddingDim > 512 {
		return errorf("embedding_dim", "%d is out of range [1, 512]", c.EmbeddingDim)
	}
	if err := c.validateOtherSystems(); err != nil {
		return err
	}
	if err := oneOf("pooling", c.Pooling, Poolings()); err != nil {
		return err
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
	if err := oneOf("activation", c.Activation, MLPActivations()); err != nil {
		return err
	}
	if !(c.Dropout >= 0 && c.Dropout < 1) {
		return errorf("dropout", "%v is out of range [0, 1)", c.Dropout)
	}
	if c.ReductionRatio < 1 || c.ReductionRatio > 64 {
		// R = max(1, ⌊F/r⌋), so r > F is allowed (DeepCTR's SENETLayer).
		return errorf("reduction_ratio", "%d is out of range [1, 64]", c.ReductionRatio)
	}
	if err := oneOf("se_activation", c.SEActivation, SEActivations()); err != nil {
		return err
	}
	if err := oneOf("sest_granularity", c.SESTGranularity, SESTGranularities()); err != nil {
		return err
	}
	if !(c.DiceFactor >= 0 && c.DiceFactor < 1) {
		return errorf("dice_factor", "%v is out of range [0, 1)", c.DiceFactor)
	}
	if err := oneOf("fusion", c.Fusion, Fusions()); err != nil {
		return err
	}
	if c.Fusion == FusionConcat && (c.FusionHidden < 1 || c.FusionHidden > 4096) {
		return errorf("fusion_hidden", "%d is out of range [1, 4096]", c.FusionHidden)
	}
	return nil
}

// oneOfEach checks that every value is allowed and none repeats.
func oneOfEach(field string, values []string, allowed []string) error {
	seen := map[string]bool{}
	for _, v := range values {
		if !slices.Contains(allowed, v) {
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
