package model

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"math"
	"math/rand/v2"
	"testing"
)

// The portable exp agrees with math.Exp to within 2 ulps (it is the
// algorithm wasm's math.Exp runs; amd64's assembly differs from it by up to
// 2 ulps), and tanh with math.Tanh to float32 precision.
func TestPortableExp(t *testing.T) {
	rng := rand.New(rand.NewPCG(71, 72))
	for i := 0; i < 200000; i++ {
		x := (rng.Float64() - 0.5) * 80
		got, want := exp(x), math.Exp(x)
		if ulps := math.Abs(float64(int64(math.Float64bits(got)) - int64(math.Float64bits(want)))); ulps > 2 {
			t.Fatalf("exp(%v) = %v, math.Exp %v (%v ulps)", x, got, want, ulps)
		}
		if d := math.Abs(tanh(x/10) - math.Tanh(x/10)); d > 1e-15 {
			t.Fatalf("tanh(%v) = %v, math.Tanh %v", x/10, tanh(x/10), math.Tanh(x/10))
		}
	}
	for _, c := range []struct{ x, want float64 }{{0, 1}, {1, math.E}, {-800, 0}, {800, math.Inf(1)}, {math.Inf(-1), 0}} {
		if got := exp(c.x); got != c.want {
			t.Errorf("exp(%v) = %v, want %v", c.x, got, c.want)
		}
	}
}

// Training is bit-identical on every platform: `./build.sh test` runs this
// natively and under wasm, against pinned hashes of the weights after 30
// Adam steps, for two configurations: tanh with DiceFactor (the portable
// exp), and the default's ReLU and dropout 0.5 (the sparse kernel paths and
// branch-free ReLU). If a hash changes on purpose (a model change), update
// it — on both platforms at once.
func TestTrainingBitIdenticalAcrossPlatforms(t *testing.T) {
	for _, c := range []struct {
		name, pinned string
		edit         func(*Config)
	}{
		{"tanh, DiceFactor", "684160b17bfba8ca", func(c *Config) {
			c.Hidden = []int{32, 16}
			c.Activation = "tanh"
			c.DiceFactor = 0.1
		}},
		{"relu, dropout 0.5", pinnedReLUHash, func(c *Config) { c.Hidden = []int{64, 48} }},
	} {
		if got := trainedWeightsHash(t, c.edit); got != c.pinned {
			t.Errorf("%s: weights hash %s, pinned %s: training differs from the pinned platform", c.name, got, c.pinned)
		}
	}
}

const pinnedReLUHash = "0d72d16f2f05b450" // the same before the kernel and ReLU rewrites

// trainedWeightsHash trains FLSEST (DefaultConfig, edited) for 30 Adam steps
// on seeded random batches and hashes the float32 weights' bits.
func trainedWeightsHash(t *testing.T, edit func(*Config)) string {
	t.Helper()
	s := movieLensSchema()
	c := DefaultConfig()
	edit(&c)
	m, err := NewFLSEST[float32](s, c, 64, 9)
	if err != nil {
		t.Fatal(err)
	}
	opt, _ := NewOptimizer(OptimizerConfig{Name: "adam", LR: 3e-3}, m.Params())
	tr := NewTrainer[float32](m, opt)
	rng := rand.New(rand.NewPCG(73, 74))
	for step := 0; step < 30; step++ {
		if _, err := tr.Step(randomBatch(rng, s, 64, 6)); err != nil {
			t.Fatal(err)
		}
	}
	h := sha256.New()
	var b [4]byte
	for _, v := range m.Arena.Value {
		binary.LittleEndian.PutUint32(b[:], math.Float32bits(v))
		h.Write(b[:])
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}
