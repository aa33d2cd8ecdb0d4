package engine

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/flsest/flsest/model"
)

// Every TrainConfig field is a setting with help text, and Set/Get round-trip.
func TestSettingsCoverTrainConfig(t *testing.T) {
	c, _ := Preset("quick")
	for _, s := range Settings() {
		if s.Help == "" {
			t.Errorf("setting %q has no help text", s.Name)
		}
		v := c.Get(s.Name)
		d := TrainConfig{}
		if err := d.Set(s.Name, v); err != nil {
			t.Errorf("Set(%q, %q): %v", s.Name, v, err)
		}
		if got := d.Get(s.Name); got != v {
			t.Errorf("%s: Get after Set = %q, want %q", s.Name, got, v)
		}
	}
	// The table lists each TrainConfig field once, by its JSON name.
	c.Beta1, c.Beta2, c.Eps, c.Workers = 0.9, 0.999, 1e-8, 2 // fields with omitempty
	raw, _ := json.Marshal(c)
	var fields map[string]any
	if err := json.Unmarshal(raw, &fields); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, s := range Settings() {
		if _, ok := fields[s.Name]; !ok {
			t.Errorf("setting %q is no TrainConfig field", s.Name)
		}
		if seen[s.Name] {
			t.Errorf("setting %q is listed twice", s.Name)
		}
		seen[s.Name] = true
	}
	for name := range fields {
		if !seen[name] {
			t.Errorf("TrainConfig field %q has no setting", name)
		}
	}
}

// Each range the table states is where Validate draws the line.
func TestSettingRangesAreValidated(t *testing.T) {
	for _, c := range []struct {
		name      string
		ok, wrong string
	}{
		{"batch_size", "4096", "4097"}, {"batch_size", "1", "0"},
		{"epochs", "1000", "1001"}, {"patience", "0", "-1"},
		{"batches_per_epoch", "0", "-1"}, {"workers", "8", "9"},
		{"monitor", MonitorAUCMinusLogLoss, "loss"}, {"grouping", GroupPerField, "per-user"},
		{"model", "fibinet", "gpt"},
	} {
		cfg, _ := Preset("quick")
		if _, err := cfg.Apply("", map[string]string{c.name: c.ok}); err != nil {
			t.Errorf("%s=%s: %v", c.name, c.ok, err)
		}
		var ce *model.ConfigError
		if _, err := cfg.Apply("", map[string]string{c.name: c.wrong}); !errors.As(err, &ce) || ce.Field != c.name {
			t.Errorf("%s=%s: error %v, want one naming %s", c.name, c.wrong, err, c.name)
		}
	}
}

// Apply is preset, then settings, then Validate.
func TestApplyPresetThenSettings(t *testing.T) {
	base, _ := Preset("quick")
	c, err := base.Apply("paper", map[string]string{"epochs": "7"})
	if err != nil {
		t.Fatal(err)
	}
	paper, _ := Preset("paper")
	if c.Epochs != 7 || c.BatchSize != paper.BatchSize || c.Preset != "paper" {
		t.Errorf("paper then epochs=7: epochs %d, batch %d, preset %s", c.Epochs, c.BatchSize, c.Preset)
	}
	if c, _ := base.Apply("", map[string]string{"lr": "0.01"}); c.LR != 0.01 || c.BatchSize != base.BatchSize {
		t.Errorf("no preset: lr %v, batch %d; want base's with lr 0.01", c.LR, c.BatchSize)
	}
	if _, err := base.Apply("fast", nil); err == nil {
		t.Error("an unknown preset was applied")
	}
}

func TestSetAndValidateNameTheField(t *testing.T) {
	for _, c := range []struct{ name, value, field string }{
		{"batch_size", "x", "batch_size"},
		{"batch_size", "0", "batch_size"},
		{"lr", "2", "lr"},
		{"lr", "-1", "lr"},
		{"epochs", "0", "epochs"},
		{"monitor", "accuracy", "monitor"},
		{"model", "deepfm2", "model"},
		{"grouping", "users", "grouping"},
		{"optimizer", "lbfgs", "optimizer"},
		{"no_such", "1", "no_such"},
	} {
		cfg, _ := Preset("quick")
		err := cfg.Set(c.name, c.value)
		if err == nil {
			err = cfg.Validate()
		}
		var ce *model.ConfigError
		if !errors.As(err, &ce) || ce.Field != c.field {
			t.Errorf("%s=%q: error %v, want a ConfigError on %q", c.name, c.value, err, c.field)
		}
	}
}

func TestPresets(t *testing.T) {
	p, err := Preset("paper")
	if err != nil {
		t.Fatal(err)
	}
	// Paper §4.3.1: batch 64 (MovieLens-100k), Adam, lr 1e-5, 100 epochs,
	// embedding 16, ReLU; dropout 0.5 (Figure 8); seed 1024.
	if p.BatchSize != 64 || p.LR != 1e-5 || p.Epochs != 100 || p.Dropout != 0.5 || p.EmbeddingDim != 16 ||
		p.Activation != "relu" || p.OptimizerConfig.Name != "adam" || p.SplitSeed != 1024 {
		t.Errorf("paper preset = %+v", p)
	}
	if _, err := Preset("fast"); err == nil {
		t.Error("unknown preset accepted")
	}
	for _, name := range []string{"paper", "quick"} {
		c, _ := Preset(name)
		if err := c.Validate(); err != nil {
			t.Errorf("preset %s: %v", name, err)
		}
	}
}
