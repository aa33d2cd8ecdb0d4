package engine

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/flsest/flsest/model"
)

// Setting is one training setting, a field of TrainConfig: its name (the
// JSON field, the API's and the URL's key; the CLI flag is -name with
// dashes), its kind, its allowed values, its help text, and how to read and
// write it. The table below lists each once; the CLI's flags, the API's
// settings list (and through it the URL's defaults), TrainConfig's Set, Get
// and Validate all read it (TensorFlow Playground's State.PROPS idea).
type Setting struct {
	Name    string
	Kind    string   // "int", "uint", "float", "bool", "string" or "list" (comma-separated)
	Help    string   // for a flag or a control, the allowed values included
	Choices []string // a one-value enumeration's values
	get     func(*TrainConfig) string
	set     func(*TrainConfig, string) error
	check   func(*TrainConfig) error // the engine's own range or choice; nil: model checks it
}

// settings is the table, in TrainConfig's order. Settings of model.Config
// and model.OptimizerConfig take their choices from model and are checked
// by model's Validate; the engine's own are checked here.
var settings = []Setting{
	choice("model", "model: "+strings.Join(ModelNames(), ", "), ModelNames(), true, func(c *TrainConfig) *string { return &c.Model }),
	choice("preset", "preset the other settings start from: "+strings.Join(PresetNames(), ", "), PresetNames(), false, func(c *TrainConfig) *string { return &c.Preset }),

	choice("transform", "second stream: sest, senet, copy (V = E with its own layers: the control), or empty (set by model)", model.Transforms(), false, func(c *TrainConfig) *string { return &c.Transform }),
	words("interactions", "interaction layers per stream, comma-separated: "+strings.Join(model.InteractionLayers(), ", ")+" (set by model)", func(c *TrainConfig) *[]string { return &c.Interactions }),
	words("deep_inputs", "what the MLP reads per stream: "+strings.Join(model.DeepInputKinds(), ", ")+" (set by model)", func(c *TrainConfig) *[]string { return &c.DeepInputs }),
	boolean("deep_per_stream", "one MLP per stream (FLSEST) or one over both (set by model)", func(c *TrainConfig) *bool { return &c.DeepPerStream }),
	ints("cin", "CIN layer sizes (xDeepFM), comma-separated", func(c *TrainConfig) *[]int { return &c.CIN }),
	boolean("cin_split_half", "CIN split_half (DeepCTR default)", func(c *TrainConfig) *bool { return &c.CINSplitHalf }),
	choice("cin_activation", "CIN activation: relu (DeepCTR) or identity (xDeepFM paper)", model.CINActivations(), false, func(c *TrainConfig) *string { return &c.CINActivation }),
	choice("bilinear_type", "FiBiNET bilinear type: interaction, each, all", model.BilinearTypes(), false, func(c *TrainConfig) *string { return &c.BilinearType }),
	integer("cross_layers", "EDCN: cross and deep layers (each with a bridge and a regulation module)", 0, 0, func(c *TrainConfig) *int { return &c.CrossLayers }),
	number("edcn_temperature", "EDCN: temperature τ of the regulation module's field softmax", func(c *TrainConfig) *float64 { return &c.EDCNTemperature }),
	integer("finalmlp_heads", "FinalMLP: heads of the bilinear fusion (must divide the MLP's last width)", 0, 0, func(c *TrainConfig) *int { return &c.FinalMLPHeads }),
	integer("disen_channels", "DisenCTR: intent channels (must divide the embedding size)", 0, 0, func(c *TrainConfig) *int { return &c.DisenChannels }),
	integer("embedding_dim", "embedding size K", 0, 0, func(c *TrainConfig) *int { return &c.EmbeddingDim }),
	choice("pooling", "multi-valued field pooling: sum (paper) or mean", model.Poolings(), false, func(c *TrainConfig) *string { return &c.Pooling }),
	number("embedding_std", "std of the N(0, std²) initialisation of embeddings", func(c *TrainConfig) *float64 { return &c.EmbeddingStd }),
	number("l2_embedding", "L2 coefficient on embeddings", func(c *TrainConfig) *float64 { return &c.L2Embedding }),
	number("l2_linear", "L2 coefficient on the linear part", func(c *TrainConfig) *float64 { return &c.L2Linear }),
	ints("hidden", "MLP widths, comma-separated, e.g. 200,200", func(c *TrainConfig) *[]int { return &c.Hidden }),
	choice("activation", "MLP activation: relu, tanh, sigmoid", model.MLPActivations(), false, func(c *TrainConfig) *string { return &c.Activation }),
	number("dropout", "MLP dropout rate in [0, 1)", func(c *TrainConfig) *float64 { return &c.Dropout }),
	integer("reduction_ratio", "SEST reduction ratio r", 0, 0, func(c *TrainConfig) *int { return &c.ReductionRatio }),
	choice("se_activation", "SEST squeeze-excitation σ2: sigmoid or relu", model.SEActivations(), false, func(c *TrainConfig) *string { return &c.SEActivation }),
	boolean("excitation_bias", "biases in SEST's excitation layers (not in the paper)", func(c *TrainConfig) *bool { return &c.ExcitationBias }),
	boolean("squeeze_norm", "RMS-normalised SEST squeeze (not in the paper)", func(c *TrainConfig) *bool { return &c.SqueezeNorm }),
	choice("sest_granularity", "SEST's a and a′: one per field, or one per embedding coordinate (the paper's eq 7, a_i ∈ R^k)", model.SESTGranularities(), false, func(c *TrainConfig) *string { return &c.SESTGranularity }),
	number("dice_factor", "DiceFactor rate on FwBI's products", func(c *TrainConfig) *float64 { return &c.DiceFactor }),
	boolean("fwbi_bias", "FLEN's K-vector bias in FwBI", func(c *TrainConfig) *bool { return &c.FwBIBias }),
	choice("fusion", "stream fusion: sum (per-part logits) or concat (+ReLU layer)", model.Fusions(), false, func(c *TrainConfig) *string { return &c.Fusion }),
	integer("fusion_hidden", "width of the concat fusion's ReLU layer", 0, 0, func(c *TrainConfig) *int { return &c.FusionHidden }),

	choice("optimizer", "optimizer: adam, lazyadam (updates only the embedding rows a batch uses), sgd, adagrad", model.Optimizers(), false, func(c *TrainConfig) *string { return &c.OptimizerConfig.Name }),
	number("lr", "learning rate", func(c *TrainConfig) *float64 { return &c.LR }),
	number("beta1", "Adam β1 (0: 0.9)", func(c *TrainConfig) *float64 { return &c.Beta1 }),
	number("beta2", "Adam β2 (0: 0.999)", func(c *TrainConfig) *float64 { return &c.Beta2 }),
	number("eps", "Adam/Adagrad ε (0: 1e-8 / 1e-10)", func(c *TrainConfig) *float64 { return &c.Eps }),

	integer("batch_size", "batch size", 1, 4096, func(c *TrainConfig) *int { return &c.BatchSize }),
	integer("epochs", "maximum epochs", 1, 1000, func(c *TrainConfig) *int { return &c.Epochs }),
	integer("patience", "early stop after this many epochs without a better validation monitor (0: never)", 0, 1000, func(c *TrainConfig) *int { return &c.Patience }),
	choice("monitor", "early-stopping monitor on validation: auc or auc-logloss", []string{MonitorAUC, MonitorAUCMinusLogLoss}, true, func(c *TrainConfig) *string { return &c.Monitor }),
	unsigned("seed", "seed of initialisation, dropout and batch order", func(c *TrainConfig) *uint64 { return &c.Seed }),
	unsigned("split_seed", "seed of the 80/10/10 split (paper: 1024)", func(c *TrainConfig) *uint64 { return &c.SplitSeed }),
	choice("grouping", "FwBI domains: user-item, user-item-context, per-field", Groupings(), true, func(c *TrainConfig) *string { return &c.Grouping }),
	boolean("context", "add weekday and hour fields", func(c *TrainConfig) *bool { return &c.Context }),
	integer("batches_per_epoch", "cap on batches per epoch (0: all; for demos only)", 0, math.MaxInt, func(c *TrainConfig) *int { return &c.BatchesPerEpoch }),
	withChoices(integer("workers", "data-parallel workers: each batch split among this many model copies (0 or 1: one)", 0, MaxWorkers, func(c *TrainConfig) *int { return &c.Workers }), workerChoices()),
}

// Settings lists every setting in TrainConfig's order (a copy: the table
// itself cannot be changed).
func Settings() []Setting { return append([]Setting(nil), settings...) }

// setting finds a setting by name.
func setting(name string) (Setting, bool) {
	for _, s := range settings {
		if s.Name == name {
			return s, true
		}
	}
	return Setting{}, false
}

// Set parses value into the setting called name. Errors are
// *model.ConfigError naming the setting.
func (c *TrainConfig) Set(name, value string) error {
	s, ok := setting(name)
	if !ok {
		return &model.ConfigError{Field: name, Message: "no such setting"}
	}
	return s.set(c, value)
}

// Get formats the setting called name ("" if there is none).
func (c TrainConfig) Get(name string) string {
	s, ok := setting(name)
	if !ok {
		return ""
	}
	return s.get(&c)
}

// checkSettings runs the table's own checks, in its order.
func (c TrainConfig) checkSettings() error {
	for _, s := range settings {
		if s.check == nil {
			continue
		}
		if err := s.check(&c); err != nil {
			return err
		}
	}
	return nil
}

func notA(name, value, want string) error {
	return &model.ConfigError{Field: name, Message: fmt.Sprintf("%q is not %s", value, want)}
}

// scalar is a one-value setting of type V: format writes it, parse reads
// it (an error says the text is not want).
func scalar[V any](name, kind, help, want string, field func(*TrainConfig) *V, format func(V) string, parse func(string) (V, error)) Setting {
	return Setting{Name: name, Kind: kind, Help: help,
		get: func(c *TrainConfig) string { return format(*field(c)) },
		set: func(c *TrainConfig, v string) error {
			x, err := parse(v)
			if err != nil {
				return notA(name, v, want)
			}
			*field(c) = x
			return nil
		},
	}
}

// integer is an int setting; lo < hi makes the engine check [lo, hi].
func integer(name, help string, lo, hi int, field func(*TrainConfig) *int) Setting {
	s := scalar(name, "int", help, "an integer", field, strconv.Itoa, strconv.Atoi)
	if lo < hi {
		s.check = func(c *TrainConfig) error {
			if n := *field(c); n < lo || n > hi {
				upper := strconv.Itoa(hi) + "]"
				if hi == math.MaxInt {
					upper = "…)"
				}
				return &model.ConfigError{Field: name, Message: fmt.Sprintf("%d is out of range [%d, %s", n, lo, upper)}
			}
			return nil
		}
	}
	return s
}

func unsigned(name, help string, field func(*TrainConfig) *uint64) Setting {
	return scalar(name, "uint", help, "a non-negative integer", field,
		func(n uint64) string { return strconv.FormatUint(n, 10) },
		func(v string) (uint64, error) { return strconv.ParseUint(v, 10, 64) })
}

func number(name, help string, field func(*TrainConfig) *float64) Setting {
	return scalar(name, "float", help, "a number", field,
		func(x float64) string { return fmt.Sprint(x) },
		func(v string) (float64, error) { return strconv.ParseFloat(v, 64) })
}

func boolean(name, help string, field func(*TrainConfig) *bool) Setting {
	return scalar(name, "bool", help, "true or false", field, strconv.FormatBool, strconv.ParseBool)
}

// choice is a string setting with a list of values; checked makes the
// engine check them (the model checks its own).
func choice(name, help string, choices []string, checked bool, field func(*TrainConfig) *string) Setting {
	s := Setting{Name: name, Kind: "string", Help: help, Choices: choices,
		get: func(c *TrainConfig) string { return *field(c) },
		set: func(c *TrainConfig, v string) error { *field(c) = v; return nil },
	}
	if checked {
		s.check = func(c *TrainConfig) error {
			for _, v := range choices {
				if *field(c) == v {
					return nil
				}
			}
			return &model.ConfigError{Field: name, Message: fmt.Sprintf("%q is not one of %v", *field(c), choices)}
		}
	}
	return s
}

func withChoices(s Setting, choices []string) Setting { s.Choices = choices; return s }

// CommaList splits "a, b,,c" into [a b c]: how list settings and the CLI's
// list flags are read.
func CommaList(v string) []string {
	var parts []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return parts
}

func words(name, help string, field func(*TrainConfig) *[]string) Setting {
	return Setting{Name: name, Kind: "list", Help: help,
		get: func(c *TrainConfig) string { return strings.Join(*field(c), ",") },
		set: func(c *TrainConfig, v string) error { *field(c) = CommaList(v); return nil },
	}
}

func ints(name, help string, field func(*TrainConfig) *[]int) Setting {
	return Setting{Name: name, Kind: "list", Help: help,
		get: func(c *TrainConfig) string {
			parts := make([]string, len(*field(c)))
			for i, n := range *field(c) {
				parts[i] = strconv.Itoa(n)
			}
			return strings.Join(parts, ",")
		},
		set: func(c *TrainConfig, v string) error {
			out := []int{}
			for _, p := range CommaList(v) {
				n, err := strconv.Atoi(p)
				if err != nil {
					return notA(name, v, "a comma-separated list of integers")
				}
				out = append(out, n)
			}
			*field(c) = out
			return nil
		},
	}
}

// workerChoices are the worker counts a control offers: 1 to MaxWorkers.
func workerChoices() []string {
	var out []string
	for n := 1; n <= MaxWorkers; n++ {
		out = append(out, strconv.Itoa(n))
	}
	return out
}
