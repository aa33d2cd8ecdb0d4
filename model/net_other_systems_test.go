package model

import "testing"

// otherSystems are the systems added for Table 1 and the V = E control, at
// the sizes of testArchitectures.
var otherSystems = map[string]func(*Config){
	"edcn": func(c *Config) {
		c.Transform, c.Interactions, c.DeepInputs, c.CrossLayers = "", []string{"edcn"}, nil, 2
	},
	"finalmlp": func(c *Config) { c.Transform, c.Interactions, c.DeepInputs = "", []string{"finalmlp"}, nil },
	"disenctr": func(c *Config) {
		c.Transform, c.Interactions, c.DeepInputs, c.DisenChannels = "", nil, []string{"disen"}, 2
	},
	"flsest v=e": func(c *Config) { c.Transform = "copy" },
}

// Each against central differences like every architecture of
// testArchitectures, at smaller parameters: at N(0, 0.5²) FinalMLP's gates
// saturate and their first layer's gradients (≈1e-7) sink into the
// differences' rounding noise.
func TestOtherSystemsGradients(t *testing.T) {
	for vname, edit := range otherSystems {
		t.Run(vname, func(t *testing.T) { checkNetGradients(t, edit, 0.3) })
	}
}

// The other systems train to pinned weights natively and under wasm, as
// every architecture of net_pinned_test.go does (same settings).
func TestOtherSystemsArePinned(t *testing.T) {
	for name, want := range pinnedOtherSystemHashes {
		got := trainedWeightsHash(t, func(c *Config) {
			c.EmbeddingDim, c.Hidden, c.DiceFactor, c.ReductionRatio = 8, []int{16, 8}, 0.1, 2
			otherSystems[name](c)
		})
		if got != want {
			t.Errorf("%q: weights hash %s, pinned %s", name, got, want)
		}
	}
	if len(pinnedOtherSystemHashes) != len(otherSystems) {
		t.Errorf("%d pinned hashes for %d systems", len(pinnedOtherSystemHashes), len(otherSystems))
	}
}

var pinnedOtherSystemHashes = map[string]string{
	"edcn":       "aca0e822980f141f",
	"finalmlp":   "086f3b95b2d88bc6",
	"disenctr":   "e82871637f4ed3b9",
	"flsest v=e": "3406d0424a1e4130",
}

// The V = E controls of the SEST plug-ins (Tables 2–3): each plug-in of
// testArchitectures with its second stream fed E.
func TestPlugInControlsGradients(t *testing.T) {
	for _, name := range []string{"fm+sest", "nfm+sest", "deepfm+sest"} {
		t.Run(name+" v=e", func(t *testing.T) {
			checkNetGradients(t, func(c *Config) { testArchitectures[name](c); c.Transform = "copy" }, 0.5)
		})
	}
	t.Run("fwfm+sest v=e", func(t *testing.T) {
		checkNetGradients(t, func(c *Config) { c.Transform, c.Interactions, c.DeepInputs = "copy", []string{"fwfm"}, nil }, 0.5)
	})
}
