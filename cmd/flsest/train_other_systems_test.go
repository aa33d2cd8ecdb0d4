package main

import (
	"testing"
)

// `flsest train -model M` trains each system added for Table 1 and each
// control; each has its own parameters (the reported config is the preset's,
// the architecture is the model name's), so the counts all differ from
// FLSEST's and from one another.
func TestTrainOtherSystems(t *testing.T) {
	dir := syntheticDir(t)
	counts := map[float64]string{}
	for _, model := range []string{"flsest", "edcn", "finalmlp", "disenctr", "flsest-v-eq-e", "flsest-excitation-bias", "flsest-sest-per-coordinate"} {
		out, log, err := train(t, "-data", dir, "-json", "-model", model, "-epochs", "1", "-hidden", "8", "-embedding-dim", "4", "-seed", "3")
		if err != nil {
			t.Fatalf("%s: %v\n%s", model, err, log)
		}
		if auc, _ := out["test_auc"].(float64); !(auc > 0 && auc <= 1) {
			t.Errorf("%s: test AUC %v", model, auc)
		}
		n, _ := out["parameters"].(float64)
		if other, ok := counts[n]; ok || n == 0 {
			t.Errorf("%s has %v parameters, as %s does", model, n, other)
		}
		counts[n] = model
	}
}
