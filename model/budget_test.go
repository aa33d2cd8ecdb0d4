package model

import (
	"errors"
	"runtime"
	"testing"
)

// allocated returns the bytes f allocates (runtime.MemStats.TotalAlloc).
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// budgetConfigs are architectures of every kind, to hold the estimate
// against what NewNet allocates.
func budgetConfigs() map[string]Config {
	out := map[string]Config{"flsest": DefaultConfig()}
	c := DefaultConfig()
	c.SESTGranularity = SESTPerCoordinate
	out["flsest per coordinate"] = c
	c = DefaultConfig()
	c.Transform, c.Interactions, c.CIN, c.CINSplitHalf = "", []string{"cin"}, []int{64, 64, 32}, false
	out["xdeepfm"] = c
	c = DefaultConfig()
	c.Transform, c.Interactions, c.DeepInputs, c.DeepPerStream = "senet", nil, []string{"bilinear"}, false
	c.BilinearType = BilinearEach
	out["fibinet"] = c
	c.BilinearType, c.ReductionRatio = BilinearAll, 1
	out["fibinet all"] = c
	c = DefaultConfig()
	c.Transform, c.CIN, c.Interactions = "sest", []int{100, 50, 20}, []string{"cin", "fwbi"}
	c.SESTGranularity, c.ReductionRatio = SESTPerCoordinate, 5
	out["sest cin split half"] = c
	c = DefaultConfig()
	c.Transform, c.Interactions, c.DeepInputs = "", []string{"fm", "fwfm"}, []string{"bi"}
	c.Fusion, c.FusionHidden = FusionConcat, 32
	out["nfm concat"] = c
	c = DefaultConfig()
	c.Hidden, c.EmbeddingDim = []int{1024, 512, 256}, 32
	out["wide mlp"] = c
	return out
}

func TestFootprintBoundsWhatNewNetAllocates(t *testing.T) {
	s := testSchema([]int{0, 0, 0, 1, 1, 1, 2, 2}, 500)
	for name, c := range budgetConfigs() {
		for _, batch := range []int{1, 64, 512} {
			var m *Net[float32]
			var err error
			got := allocated(func() { m, err = NewNet[float32](s, c, batch, 1) })
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			fp := EstimateFootprint(s, c, batch)
			// Load relies on this: a file with fewer than half the estimate
			// cannot fit its configuration.
			if n := int64(m.Params().Count()); fp.Params < n || fp.Params > n+n/10+1024 {
				t.Errorf("%s, batch %d: estimated %d parameters, the model has %d", name, batch, fp.Params, n)
			}
			// NewNet holds each parameter's value and gradient and every buffer.
			est := uint64(4 * (2*fp.Params + fp.Buffers))
			if est < got || est > 4*got+64<<10 {
				t.Errorf("%s, batch %d: estimated %d bytes, NewNet allocated %d (want within [1, 4]×)", name, batch, est, got)
			}
		}
	}
}

// The hostile configurations of issue 15 are refused before anything is
// allocated: a few kilobytes, not gigabytes.
func TestBudgetRefusesHugeModelsWithoutAllocating(t *testing.T) {
	s := testSchema([]int{0, 0, 0, 1, 1, 1, 2, 2}, 100)
	huge := testSchema([]int{0, 1}, 1<<36/2)
	cases := []struct {
		name  string
		s     Schema
		edit  func(*Config)
		field string
	}{
		{"100 CIN layers of 1024", s, func(c *Config) {
			c.Interactions = []string{"cin"}
			c.CIN = make([]int, 100)
			for i := range c.CIN {
				c.CIN[i] = 1024
			}
		}, "cin"},
		{"8 CIN layers of 1024", s, func(c *Config) {
			c.Interactions, c.CIN = []string{"cin"}, []int{1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024}
		}, "cin"},
		{"a vocabulary of 2^36", huge, func(c *Config) {}, "schema"},
		{"the widest MLP with K = 512", s, func(c *Config) {
			c.EmbeddingDim, c.Hidden = 512, []int{4096, 4096, 4096, 4096, 4096, 4096, 4096, 4096}
		}, "hidden"},
	}
	for _, tc := range cases {
		c := DefaultConfig()
		tc.edit(&c)
		var err error
		got := allocated(func() { _, err = NewNet[float32](tc.s, c, 4096, 1) })
		var ce *ConfigError
		if !errors.As(err, &ce) || ce.Field != tc.field {
			t.Errorf("%s: error %v, want a ConfigError on %q", tc.name, err, tc.field)
			continue
		}
		if got > 1<<20 {
			t.Errorf("%s: refusing it allocated %d bytes", tc.name, got)
		}
		t.Logf("%s: %v (%d bytes allocated)", tc.name, err, got)
	}
}

// Every architecture on MovieLens-sized data, in batches of 1024, is
// inside the budget, under wasm too (1 GB; at 4096 the CIN ones are not:
// their buffers grow with the batch times the maps times the fields).
func TestBudgetAcceptsThePapersModels(t *testing.T) {
	s := testSchema([]int{0, 0, 0, 0, 1, 1, 1, 2, 2}, 3000)
	for name, c := range budgetConfigs() {
		if err := CheckBudget[float32](s, c, 1024); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
