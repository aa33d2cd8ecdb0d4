package model

import (
	"sort"
	"testing"
)

// Every architecture of testArchitectures trains to pinned weights: 30 Adam
// steps of a test-sized model with dropout and DiceFactor on, hashed as
// trainedWeightsHash does. Net's composition (the order parts run in, the
// order their gradients add into a stream's) fixes these bits natively and
// under wasm; a rewrite of net.go that keeps them keeps every model's
// training. If a hash changes on purpose, update it on both platforms.
func TestEveryArchitectureIsPinned(t *testing.T) {
	names := make([]string, 0, len(testArchitectures))
	for name := range testArchitectures {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		got := trainedWeightsHash(t, func(c *Config) {
			c.EmbeddingDim, c.Hidden, c.DiceFactor, c.ReductionRatio = 8, []int{16, 8}, 0.1, 2
			testArchitectures[name](c)
		})
		if want, ok := pinnedArchitectureHashes[name]; !ok || got != want {
			t.Errorf("%q: weights hash %s, pinned %s", name, got, want)
		}
	}
}

var pinnedArchitectureHashes = map[string]string{
	"deepfm":                  "a8eb76f7a664262b",
	"deepfm+sest":             "44c09f77c5b72c8b",
	"everything":              "a7165a19be594a09",
	"fibinet":                 "48174a7eb8d7b706",
	"fibisest, bilinear each": "5ac7068e21c524b4",
	"flen (no SEST)":          "a92fa89809e03afe",
	"flsest":                  "a0e2fd470bd6cb3c",
	"flsest concat fusion":    "0068142add10aa7c",
	"flsest per coordinate":   "00516a36f358a2c8",
	"flsest relu SE, norm":    "6281b315a36d6f19",
	"flsest sum, tanh":        "889c0e0a47b52241",
	"flsest without FwBI":     "90def5d5fc1e3255",
	"flsest without MLP":      "c97c35fdcf376267",
	"fm":                      "31d3fed640b0a16b",
	"fm+sest":                 "e96e6171d2152d9f",
	"fwfm":                    "a611e3d21da2fc8a",
	"fwfm+senet":              "4c05b6f70d0e30ca",
	"nfm":                     "08fc93ec2c5f4fe7",
	"nfm+sest":                "ae7eaa8ebf8996df",
	"xdeepfm":                 "f6221ddf88aa5616",
}
