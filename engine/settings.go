package engine

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/flsest/flsest/model"
)

// Setting is one field of TrainConfig, addressed by its JSON name. One
// table drives the CLI's flags and the API's partial updates, so every
// hyperparameter is reachable from both (TensorFlow Playground's
// State.PROPS idea).
type Setting struct {
	Name    string // JSON name, e.g. "batch_size"; the CLI flag is -batch-size
	Help    string
	Kind    reflect.Kind // Int, Uint64, Float64, Bool, String, Slice ([]int or []string)
	Choices []string     // the allowed values of an enumeration
	index   []int
}

// settingChoices lists the allowed values of enumerated settings.
var settingChoices = map[string][]string{
	"model":            ModelNames(),
	"preset":           presetNames(),
	"pooling":          {"mean", "sum"},
	"activation":       {"relu", "tanh", "sigmoid"},
	"se_activation":    {"sigmoid", "relu"},
	"sest_granularity": {model.SESTPerField, model.SESTPerCoordinate},
	"fusion":           {"sum", "concat"},
	"optimizer":        {"adam", "lazyadam", "sgd", "adagrad"},
	"monitor":          {MonitorAUC, MonitorAUCMinusLogLoss},
	"grouping":         {GroupUserItem, GroupUserItemContext, GroupPerField},
	"transform":        {"sest", "senet", "copy", ""},
	"cin_activation":   {"relu", "identity"},
	"bilinear_type":    {model.BilinearInteraction, model.BilinearEach, model.BilinearAll},
	"workers":          {"1", "2", "3", "4", "5", "6", "7", "8"},
}

var settingHelp = map[string]string{
	"model":             "model: " + strings.Join(ModelNames(), ", "),
	"preset":            "preset the other settings start from: paper, quick",
	"transform":         "second stream: sest, senet, copy (V = E, its own weights), or empty (set by model)",
	"interactions":      "interaction layers per stream, comma-separated: fwbi, fm, fwfm, cin, edcn, finalmlp (set by model)",
	"deep_inputs":       "what the MLP reads per stream: flat, bi, bilinear, disen (set by model)",
	"cross_layers":      "EDCN: cross and deep layers (each with a bridge and a regulation module)",
	"edcn_temperature":  "EDCN: temperature τ of the regulation module's field softmax",
	"finalmlp_heads":    "FinalMLP: heads of the bilinear fusion (must divide the MLP's last width)",
	"disen_channels":    "DisenCTR: intent channels (must divide the embedding size)",
	"deep_per_stream":   "one MLP per stream (FLSEST) or one over both (set by model)",
	"cin":               "CIN layer sizes (xDeepFM), comma-separated",
	"cin_split_half":    "CIN split_half (DeepCTR default)",
	"cin_activation":    "CIN activation: relu (DeepCTR) or identity (xDeepFM paper)",
	"bilinear_type":     "FiBiNET bilinear type: interaction, each, all",
	"embedding_dim":     "embedding size K",
	"pooling":           "multi-valued field pooling: sum (paper) or mean",
	"embedding_std":     "std of the N(0, std²) initialisation of embeddings",
	"l2_embedding":      "L2 coefficient on embeddings",
	"l2_linear":         "L2 coefficient on the linear part",
	"hidden":            "MLP widths, comma-separated, e.g. 200,200",
	"activation":        "MLP activation: relu, tanh, sigmoid",
	"dropout":           "MLP dropout rate in [0, 1)",
	"reduction_ratio":   "SEST reduction ratio r",
	"se_activation":     "SEST squeeze-excitation σ2: sigmoid or relu",
	"excitation_bias":   "biases in SEST's excitation layers (not in the paper)",
	"squeeze_norm":      "RMS-normalised SEST squeeze (not in the paper)",
	"sest_granularity":  "SEST's a and a′: one per field, or one per embedding coordinate (the paper's eq 7, a_i ∈ R^k)",
	"dice_factor":       "DiceFactor rate on FwBI's products",
	"fwbi_bias":         "FLEN's K-vector bias in FwBI",
	"fusion":            "stream fusion: sum (per-part logits) or concat (+ReLU layer)",
	"fusion_hidden":     "width of the concat fusion's ReLU layer",
	"optimizer":         "optimizer: adam, lazyadam (updates only the embedding rows a batch uses), sgd, adagrad",
	"lr":                "learning rate",
	"beta1":             "Adam β1 (0: 0.9)",
	"beta2":             "Adam β2 (0: 0.999)",
	"eps":               "Adam/Adagrad ε (0: 1e-8 / 1e-10)",
	"batch_size":        "batch size",
	"epochs":            "maximum epochs",
	"patience":          "early stop after this many epochs without a better validation monitor (0: never)",
	"monitor":           "early-stopping monitor on validation: auc or auc-logloss",
	"seed":              "seed of initialisation, dropout and batch order",
	"split_seed":        "seed of the 80/10/10 split (paper: 1024)",
	"grouping":          "FwBI domains: user-item, user-item-context, per-field",
	"context":           "add weekday and hour fields",
	"batches_per_epoch": "cap on batches per epoch (0: all; for demos only)",
	"workers":           "data-parallel workers: each batch split among this many model copies (0 or 1: one)",
}

// Settings lists every setting of TrainConfig in declaration order.
func Settings() []Setting {
	var out []Setting
	var walk func(t reflect.Type, prefix []int)
	walk = func(t reflect.Type, prefix []int) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			idx := append(append([]int(nil), prefix...), i)
			if f.Anonymous {
				walk(f.Type, idx)
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			out = append(out, Setting{Name: name, Help: settingHelp[name], Kind: f.Type.Kind(), Choices: settingChoices[name], index: idx})
		}
	}
	walk(reflect.TypeOf(TrainConfig{}), nil)
	return out
}

// Set parses value into the setting called name. Errors are
// *model.ConfigError naming the setting.
func (c *TrainConfig) Set(name, value string) error {
	for _, s := range Settings() {
		if s.Name != name {
			continue
		}
		v := reflect.ValueOf(c).Elem().FieldByIndex(s.index)
		bad := func(want string) error {
			return &model.ConfigError{Field: name, Message: fmt.Sprintf("%q is not %s", value, want)}
		}
		switch s.Kind {
		case reflect.Int:
			n, err := strconv.Atoi(value)
			if err != nil {
				return bad("an integer")
			}
			v.SetInt(int64(n))
		case reflect.Uint64:
			n, err := strconv.ParseUint(value, 10, 64)
			if err != nil {
				return bad("a non-negative integer")
			}
			v.SetUint(n)
		case reflect.Float64:
			x, err := strconv.ParseFloat(value, 64)
			if err != nil {
				return bad("a number")
			}
			v.SetFloat(x)
		case reflect.Bool:
			b, err := strconv.ParseBool(value)
			if err != nil {
				return bad("true or false")
			}
			v.SetBool(b)
		case reflect.String:
			v.SetString(value)
		case reflect.Slice:
			var parts []string
			for _, p := range strings.Split(value, ",") {
				if p = strings.TrimSpace(p); p != "" {
					parts = append(parts, p)
				}
			}
			if v.Type().Elem().Kind() == reflect.String {
				v.Set(reflect.ValueOf(parts))
				break
			}
			ints := []int{}
			for _, p := range parts {
				n, err := strconv.Atoi(p)
				if err != nil {
					return bad("a comma-separated list of integers")
				}
				ints = append(ints, n)
			}
			v.Set(reflect.ValueOf(ints))
		}
		return nil
	}
	return &model.ConfigError{Field: name, Message: "no such setting"}
}

// Get formats the setting called name ("" if there is none).
func (c TrainConfig) Get(name string) string {
	for _, s := range Settings() {
		if s.Name != name {
			continue
		}
		v := reflect.ValueOf(c).FieldByIndex(s.index)
		if s.Kind == reflect.Slice {
			var parts []string
			for i := 0; i < v.Len(); i++ {
				parts = append(parts, fmt.Sprint(v.Index(i).Interface()))
			}
			return strings.Join(parts, ",")
		}
		return fmt.Sprint(v.Interface())
	}
	return ""
}
