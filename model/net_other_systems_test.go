package model

import (
	"math/rand/v2"
	"testing"
)

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

func TestOtherSystemsGradients(t *testing.T) {
	for vname, edit := range otherSystems {
		t.Run(vname, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(31, 32))
			s := testSchema([]int{0, 0, 0, 1, 1, 2}, 5)
			c := smallConfig()
			edit(&c)
			const n = 6
			m, err := NewNet[float64](s, c, n, 7)
			if err != nil {
				t.Fatal(err)
			}
			if len(m.PartNames) == 0 {
				t.Fatal("no parts")
			}
			randomizeParams(&m.Arena, rng, 0.3) // 0.5 saturates FinalMLP's gates (gradients at the difference noise)
			b := randomBatch(rng, s, n, 4)
			dLogit := make([]float64, n)
			loss := func() float64 {
				m.Reseed(3)
				l := BCEWithLogits(dLogit, m.Forward(b, true), b.Label, n)
				var pen float64
				for _, p := range m.Arena.Params {
					for _, w := range p.Value {
						pen += p.L2 * w * w
					}
				}
				return l + pen
			}
			loss()
			m.Arena.ZeroGrad()
			m.Backward(b, dLogit)
			m.Arena.AddL2()
			gradCheck(t, loss, paramTensors(&m.Arena))
		})
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
