package model

import (
	"errors"
	"testing"
)

// Validate takes every listed value and refuses an unlisted one, naming
// the field: the lists are the one place the choices are written.
func TestChoicesAreWhatValidateTakes(t *testing.T) {
	for _, c := range []struct {
		field   string
		choices []string
		set     func(*Config, *OptimizerConfig, string)
	}{
		{"transform", Transforms(), func(c *Config, _ *OptimizerConfig, v string) { c.Transform = v }},
		{"pooling", Poolings(), func(c *Config, _ *OptimizerConfig, v string) { c.Pooling = v }},
		{"activation", MLPActivations(), func(c *Config, _ *OptimizerConfig, v string) { c.Activation = v }},
		{"se_activation", SEActivations(), func(c *Config, _ *OptimizerConfig, v string) { c.SEActivation = v }},
		{"sest_granularity", SESTGranularities(), func(c *Config, _ *OptimizerConfig, v string) { c.SESTGranularity = v }},
		{"cin_activation", CINActivations(), func(c *Config, _ *OptimizerConfig, v string) { c.CINActivation = v }},
		{"bilinear_type", BilinearTypes(), func(c *Config, _ *OptimizerConfig, v string) { c.BilinearType = v }},
		{"fusion", Fusions(), func(c *Config, _ *OptimizerConfig, v string) { c.Fusion = v }},
		{"interactions", InteractionLayers(), func(c *Config, _ *OptimizerConfig, v string) { c.Interactions = []string{v} }},
		{"deep_inputs", DeepInputKinds(), func(c *Config, _ *OptimizerConfig, v string) { c.DeepInputs = []string{v} }},
		{"optimizer", Optimizers(), func(_ *Config, o *OptimizerConfig, v string) { o.Name = v }},
	} {
		check := func(v string) error {
			cfg, opt := DefaultConfig(), OptimizerConfig{Name: "adam", LR: 1e-3}
			c.set(&cfg, &opt, v)
			if err := cfg.Validate(6); err != nil {
				return err
			}
			return opt.Validate()
		}
		for _, v := range c.choices {
			if err := check(v); err != nil {
				t.Errorf("%s=%q is listed but refused: %v", c.field, v, err)
			}
		}
		var ce *ConfigError
		if err := check("bogus"); !errors.As(err, &ce) || ce.Field != c.field {
			t.Errorf("%s=bogus: %v, want an error naming %s", c.field, err, c.field)
		}
	}
}
