package engine

import (
	"fmt"
	"maps"
	"slices"

	"github.com/flsest/flsest/model"
)

// TrainConfig is everything a training run depends on. The JSON names are
// the CLI's flag names and the engine API's fields.
type TrainConfig struct {
	Model  string `json:"model"`  // a name from ModelNames
	Preset string `json:"preset"` // the preset the other fields started from
	model.Config
	model.OptimizerConfig

	BatchSize int    `json:"batch_size"`
	Epochs    int    `json:"epochs"`   // at most this many
	Patience  int    `json:"patience"` // stop after this many epochs without a better monitor; 0 never stops early
	Monitor   string `json:"monitor"`  // MonitorAUC or MonitorAUCMinusLogLoss, on the validation split
	Seed      uint64 `json:"seed"`     // initialisation, dropout and batch order
	SplitSeed uint64 `json:"split_seed"`
	Grouping  string `json:"grouping"` // GroupUserItem, GroupUserItemContext, GroupPerField
	Context   bool   `json:"context"`  // weekday/hour fields (implied by GroupUserItemContext)
	// BatchesPerEpoch caps the batches of an epoch (0: the whole training
	// split). For short demonstrations and browser tests, not for results.
	BatchesPerEpoch int `json:"batches_per_epoch"`
	// Workers > 1 trains data-parallel: each batch is split among this
	// many copies of the model (replicas.go). 0 and 1 train alone.
	Workers int `json:"workers,omitempty"`
}

// MaxWorkers caps Workers: beyond it the shards of a batch get too small to
// pay for the exchange of weights and gradients.
const MaxWorkers = 8

// Early-stopping monitors, both on the validation split.
const (
	MonitorAUC             = "auc"
	MonitorAUCMinusLogLoss = "auc-logloss" // FuxiCTR's ['AUC', 'logloss'] with weights 1, −1
)

// models maps each model name to its architecture on top of the preset's
// model.Config (model/net.go composes them). "custom" keeps the config as
// it is (a checkpoint's, or one set setting by setting).
var models = map[string]func(*model.Config){
	"custom": func(c *model.Config) {},
	// FLSEST (Figure 1) and the ablations of Table 5.
	"flsest":         arch("sest", []string{"fwbi"}, []string{"flat"}, true),
	"flsest-no-sest": arch("", []string{"fwbi"}, []string{"flat"}, true), // = FLEN
	"flsest-no-fwbi": arch("sest", nil, []string{"flat"}, true),
	"flsest-no-mlp":  arch("sest", []string{"fwbi"}, nil, true),
	"fwbi-only":      arch("", []string{"fwbi"}, nil, true),
	"mlp-only":       arch("", nil, []string{"flat"}, true),
	// The baselines of Tables 1–4 (DeepCTR's structures, docs/design.md).
	"fm":      arch("", []string{"fm"}, nil, false),
	"fwfm":    arch("", []string{"fwfm"}, nil, false),
	"nfm":     arch("", nil, []string{"bi"}, false),
	"deepfm":  arch("", []string{"fm"}, []string{"flat"}, false),
	"xdeepfm": arch("", []string{"cin"}, []string{"flat"}, false),
	"fibinet": arch("senet", nil, []string{"bilinear"}, false),
	"flen":    arch("", []string{"fwbi"}, []string{"flat"}, false),
	// SEST plug-ins (Tables 2–4): the model plus the stream V = SEST(E),
	// every interaction layer on both streams, one MLP over both (FiBiNET's
	// way with SENET).
	"fm+sest":     arch("sest", []string{"fm"}, nil, false),
	"fwfm+sest":   arch("sest", []string{"fwfm"}, nil, false),
	"fwfm+senet":  arch("senet", []string{"fwfm"}, nil, false),
	"nfm+sest":    arch("sest", nil, []string{"bi"}, false),
	"deepfm+sest": arch("sest", []string{"fm"}, []string{"flat"}, false),
	"fibisest":    arch("sest", nil, []string{"bilinear"}, false),
	// The other systems of Table 1 (model/edcn.go, finalmlp.go,
	// disentangle.go; docs/design.md, "Other systems").
	"edcn":     arch("", []string{"edcn"}, nil, false),
	"finalmlp": arch("", []string{"finalmlp"}, nil, false),
	"disenctr": arch("", nil, []string{"disen"}, false),
	// Controls: FLSEST's second stream fed E instead of SEST(E), with its
	// own FwBI and MLP, separates "SEST helps" from "two streams help";
	// FLSEST with biases in SEST's excitation layers.
	"flsest-v-eq-e": arch("copy", []string{"fwbi"}, []string{"flat"}, true),
	// The same control for each SEST plug-in of Tables 2–3: its second
	// stream fed E instead of SEST(E).
	"fm+sest-v-eq-e":         arch("copy", []string{"fm"}, nil, false),
	"fwfm+sest-v-eq-e":       arch("copy", []string{"fwfm"}, nil, false),
	"nfm+sest-v-eq-e":        arch("copy", nil, []string{"bi"}, false),
	"deepfm+sest-v-eq-e":     arch("copy", []string{"fm"}, []string{"flat"}, false),
	"flsest-excitation-bias": with(arch("sest", []string{"fwbi"}, []string{"flat"}, true), func(c *model.Config) { c.ExcitationBias = true }),
	// SEST per embedding coordinate (eq 7's a_i ∈ R^k, §3.3.4's 4fk
	// parameters), the paper's other reading (docs/design.md).
	"flsest-sest-per-coordinate":    with(arch("sest", []string{"fwbi"}, []string{"flat"}, true), perCoordinate),
	"fwfm+sest-sest-per-coordinate": with(arch("sest", []string{"fwfm"}, nil, false), perCoordinate),
}

// with applies edit, then more.
func with(edit, more func(*model.Config)) func(*model.Config) {
	return func(c *model.Config) { edit(c); more(c) }
}

func perCoordinate(c *model.Config) { c.SESTGranularity = model.SESTPerCoordinate }

func arch(transform string, interactions, deep []string, perStream bool) func(*model.Config) {
	return func(c *model.Config) {
		c.Transform, c.Interactions, c.DeepInputs, c.DeepPerStream = transform, interactions, deep, perStream
	}
}

// ModelNames returns the model names, sorted.
func ModelNames() []string { return slices.Sorted(maps.Keys(models)) }

// presets are starting points; any field can be changed after.
//
//   - paper: §4.3.1 and Figures 8–9 — batch 64, Adam lr 1e-5, 100 epochs,
//     dropout 0.5, ReLU; no early stop (the test metrics are still taken at
//     the best-validation epoch).
//   - quick: the browser's default, chosen by measurement on the validation
//     split (README, "How the quick preset was chosen"): MLP 100-100, batch
//     128, lr 1e-3, early stop after 2 epochs without a better validation
//     AUC. It tied for the best validation AUC of 17 configurations over
//     3 seeds and ran 2.5× faster than MLP 200-200.
var presets = map[string]func() TrainConfig{
	"paper": func() TrainConfig {
		c := baseConfig("paper")
		c.BatchSize, c.LR, c.Epochs, c.Patience = 64, 1e-5, 100, 0
		return c
	},
	"quick": func() TrainConfig {
		c := baseConfig("quick")
		c.BatchSize, c.LR, c.Epochs, c.Patience = 128, 1e-3, 20, 2
		c.Hidden = []int{100, 100}
		return c
	},
}

func baseConfig(preset string) TrainConfig {
	return TrainConfig{
		Model: "flsest", Preset: preset,
		Config:          model.DefaultConfig(),
		OptimizerConfig: model.OptimizerConfig{Name: "adam"},
		Monitor:         MonitorAUC,
		Seed:            1024, SplitSeed: 1024, // paper §4.3.1
		Grouping: GroupUserItem,
		Workers:  1,
	}
}

// Preset returns a copy of the named preset with model applied.
func Preset(name string) (TrainConfig, error) {
	p, ok := presets[name]
	if !ok {
		return TrainConfig{}, &model.ConfigError{Field: "preset", Message: fmt.Sprintf("%q is not one of %v", name, PresetNames())}
	}
	return p(), nil
}

// PresetNames returns the preset names, sorted.
func PresetNames() []string { return slices.Sorted(maps.Keys(presets)) }

// ModelConfig returns the model.Config of c with its model's switches on.
func (c TrainConfig) ModelConfig() (model.Config, error) {
	edit, ok := models[c.Model]
	if !ok {
		return model.Config{}, &model.ConfigError{Field: "model", Message: fmt.Sprintf("%q is not one of %v", c.Model, ModelNames())}
	}
	mc := c.Config
	mc.Hidden, mc.CIN = slices.Clone(mc.Hidden), slices.Clone(mc.CIN)
	mc.Interactions, mc.DeepInputs = slices.Clone(mc.Interactions), slices.Clone(mc.DeepInputs)
	edit(&mc)
	return mc, nil
}

// Validate checks the training fields (the model's own are checked against
// the data's schema when a session starts). Errors are *model.ConfigError
// naming the field.
func (c TrainConfig) Validate() error {
	if _, err := c.ModelConfig(); err != nil {
		return err
	}
	if err := c.OptimizerConfig.Validate(); err != nil {
		return err
	}
	return c.checkSettings() // the settings table's ranges and choices (settings.go)
}

// Apply is how every config is made, by `flsest train` and by the runner
// alike: the named preset (c itself if preset is ""), then each setting by
// name (in name order, so the first error is always the same one), then
// Validate. Errors are *model.ConfigError naming the setting.
func (c TrainConfig) Apply(preset string, settings map[string]string) (TrainConfig, error) {
	if preset != "" {
		p, err := Preset(preset)
		if err != nil {
			return c, err
		}
		c = p
	}
	for _, name := range slices.Sorted(maps.Keys(settings)) {
		if err := c.Set(name, settings[name]); err != nil {
			return c, err
		}
	}
	return c, c.Validate()
}
