package model

import (
	"slices"
	"strings"
)

// The allowed values of Config's and OptimizerConfig's enumerations, in
// the order controls offer them. Validate checks against them and the
// engine's settings table lists them; each call returns a new slice, so
// no caller can change what another sees.

// Transforms are Config.Transform's values: the second stream, or none ("").
func Transforms() []string { return []string{"sest", "senet", "copy", ""} }

// InteractionLayers are Config.Interactions' items.
func InteractionLayers() []string {
	return []string{"fwbi", "fm", "fwfm", "cin", "edcn", "finalmlp"}
}

// DeepInputKinds are Config.DeepInputs' items.
func DeepInputKinds() []string { return []string{"flat", "bi", "bilinear", "disen"} }

// Poolings are Config.Pooling's values.
func Poolings() []string { return []string{"mean", "sum"} }

// MLPActivations are Config.Activation's values.
func MLPActivations() []string { return []string{"relu", "tanh", "sigmoid"} }

// SEActivations are Config.SEActivation's values (σ2 of eq 6).
func SEActivations() []string { return []string{"sigmoid", "relu"} }

// SESTGranularities are Config.SESTGranularity's values.
func SESTGranularities() []string { return []string{SESTPerField, SESTPerCoordinate} }

// CINActivations are Config.CINActivation's values.
func CINActivations() []string { return []string{"relu", "identity"} }

// BilinearTypes are Config.BilinearType's values.
func BilinearTypes() []string { return []string{BilinearInteraction, BilinearEach, BilinearAll} }

// Fusions are Config.Fusion's values.
func Fusions() []string { return []string{FusionSum, FusionConcat} }

// Optimizers are OptimizerConfig.Name's values.
func Optimizers() []string { return []string{"adam", "lazyadam", "sgd", "adagrad"} }

// oneOf checks that value is one of choices; the error names the field and
// lists them ("x" is not relu, tanh or sigmoid).
func oneOf(field, value string, choices []string) error {
	if slices.Contains(choices, value) {
		return nil
	}
	return errorf(field, "%q is not %s", value, orList(choices))
}

// orList writes choices as "a, b or c", the empty value as "empty".
func orList(choices []string) string {
	names := make([]string, len(choices))
	for i, c := range choices {
		names[i] = c
		if c == "" {
			names[i] = "empty"
		}
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
