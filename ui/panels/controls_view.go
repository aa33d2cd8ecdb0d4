package panels

import "github.com/flsest/flsest/engine/api"

// presetSetting is the pseudo-setting that picks a preset.
const presetSetting = "preset"

// controlSpec is one control: the setting and its label.
type controlSpec struct{ Name, Label string }

// The controls the page shows, in order (the list, then SEST's
// switches); the rest sit under "more settings".
var (
	mainControls = []controlSpec{
		{"model", "Model"}, {"lr", "Learning rate"}, {"batch_size", "Batch size"}, {"epochs", "Epochs (max)"},
		{"embedding_dim", "Embedding dim K"}, {"hidden", "MLP layers"}, {"dropout", "Dropout"},
		{"reduction_ratio", "Reduction ratio r"}, {"se_activation", "SE σ2"}, {"grouping", "Domains (FwBI)"}, {"seed", "Seed"},
		{"excitation_bias", "Excitation biases"}, {"squeeze_norm", "Normalised squeeze"},
		{"workers", "Workers (data-parallel)"},
	}
	moreControls = []controlSpec{
		{"fusion", "Fusion"}, {"pooling", "Genre pooling"}, {"activation", "MLP activation"}, {"dice_factor", "DiceFactor"},
		{"optimizer", "Optimizer"}, {"patience", "Early-stop patience"}, {"monitor", "Monitor"}, {"l2_embedding", "L2 on embeddings"},
		{"batches_per_epoch", "Batches per epoch (0 = all)"}, {"split_seed", "Split seed"},
	}
)

// controlView is what the template needs for one control.
type controlView struct {
	ID, Name, Label, Help, Value, Error string
	Select, Check                       bool
	Island                              bool // a select whose options are an island (controls_island.go)
	Checked                             bool
	Options                             []string
}

// islandOptions is the number of choices from which a select's options
// are an island rather than elements Vugu manages (the model list has 27).
const islandOptions = 8

// controlViews is the controls of specs the engine has, less hidden.
func controlViews(specs []controlSpec, settings []api.Setting, config, errs map[string]string, hidden map[string]bool) []controlView {
	byName := map[string]api.Setting{}
	for _, st := range settings {
		byName[st.Name] = st
	}
	var out []controlView
	for _, c := range specs {
		st, ok := byName[c.Name]
		if !ok || hidden[c.Name] {
			continue
		}
		v := controlView{ID: "ctl-" + c.Name, Name: c.Name, Label: c.Label, Help: st.Help, Value: config[c.Name], Error: errs[c.Name]}
		switch {
		case len(st.Choices) > 0:
			v.Select, v.Options = true, st.Choices
			v.Island = len(st.Choices) >= islandOptions
		case st.Kind == "bool":
			v.Check, v.Checked = true, v.Value == "true"
		}
		out = append(out, v)
	}
	return out
}
