package engine

import (
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
	if n := len(Settings()); n < 30 {
		t.Errorf("%d settings: a field lost its json tag?", n)
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
