package model

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// smallConfig is FLSEST at test size: K=4, MLP 6-5, dropout and DiceFactor
// on (their masks are replayed by reseeding before each forward pass).
func smallConfig() Config {
	c := DefaultConfig()
	c.EmbeddingDim = 4
	c.Hidden = []int{6, 5}
	c.Dropout = 0.2
	c.DiceFactor = 0.2
	c.ReductionRatio = 2
	c.L2Embedding, c.L2Linear = 1e-2, 1e-2 // large enough to show in the check
	c.EmbeddingStd = 0.5
	return c
}

// Every architecture of the paper's tables (engine/config.go names them),
// against central differences on the real loss, dropout and DiceFactor on.
var testArchitectures = map[string]func(*Config){
	"flsest":                func(c *Config) {},
	"flsest concat fusion":  func(c *Config) { c.Fusion = FusionConcat; c.FusionHidden = 5 },
	"flsest sum, tanh":      func(c *Config) { c.Pooling = "sum"; c.Activation = "tanh" },
	"flsest relu SE, norm":  func(c *Config) { c.SEActivation = "relu"; c.ExcitationBias = true; c.SqueezeNorm = true },
	"flsest per coordinate": func(c *Config) { c.SESTGranularity = SESTPerCoordinate },
	"flen (no SEST)":        func(c *Config) { c.Transform = "" },
	"flsest without FwBI":   func(c *Config) { c.Interactions = nil },
	"flsest without MLP":    func(c *Config) { c.DeepInputs = nil },
	"fm":                    func(c *Config) { c.Transform, c.Interactions, c.DeepInputs = "", []string{"fm"}, nil },
	"fwfm":                  func(c *Config) { c.Transform, c.Interactions, c.DeepInputs = "", []string{"fwfm"}, nil },
	"nfm":                   func(c *Config) { c.Transform, c.Interactions, c.DeepInputs = "", nil, []string{"bi"} },
	"deepfm":                func(c *Config) { c.Transform, c.Interactions = "", []string{"fm"} },
	"xdeepfm":               func(c *Config) { c.Transform, c.Interactions, c.CIN = "", []string{"cin"}, []int{4, 3} },
	"fibinet": func(c *Config) {
		c.Transform, c.Interactions, c.DeepInputs, c.DeepPerStream = "senet", nil, []string{"bilinear"}, false
	},
	"fibisest, bilinear each": func(c *Config) {
		c.Interactions, c.DeepInputs, c.DeepPerStream, c.BilinearType = nil, []string{"bilinear"}, false, BilinearEach
	},
	"fm+sest":     func(c *Config) { c.Interactions, c.DeepInputs = []string{"fm"}, nil },
	"fwfm+senet":  func(c *Config) { c.Transform, c.Interactions, c.DeepInputs = "senet", []string{"fwfm"}, nil },
	"nfm+sest":    func(c *Config) { c.Interactions, c.DeepInputs, c.DeepPerStream = nil, []string{"bi"}, false },
	"deepfm+sest": func(c *Config) { c.Interactions, c.DeepPerStream = []string{"fm"}, false },
	"everything": func(c *Config) {
		c.Interactions, c.DeepInputs, c.CIN = []string{"fwbi", "fm", "fwfm", "cin"}, []string{"flat", "bi", "bilinear"}, []int{3}
	},
}

func TestNetGradients(t *testing.T) {
	for vname, edit := range testArchitectures {
		t.Run(vname, func(t *testing.T) { checkNetGradients(t, edit, 0.5) })
	}
}

// checkNetGradients checks a test-sized net of smallConfig with edit
// applied against central differences on its real loss (BCE + L2), at
// parameters drawn from N(0, scale²).
func checkNetGradients(t *testing.T, edit func(*Config), scale float64) {
	t.Helper()
	rng := rand.New(rand.NewPCG(31, 32))
	s := testSchema([]int{0, 0, 0, 1, 1, 2}, 5)
	c := smallConfig()
	edit(&c)
	const n = 6
	m, err := NewNet[float64](s, c, n, 7)
	if err != nil {
		t.Fatal(err)
	}
	randomizeParams(&m.Arena, rng, scale)
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
}

// FM and FwFM as models equal FwBI's special cases (eq 15, 16): a net with
// FwBI on one domain (r = 0.5, no bias, head weights 1) gives FM's logit;
// on one domain per field (r = FwFM's r) FwFM's.
func TestFMAndFwFMAreFwBISpecialCases(t *testing.T) {
	for _, c := range []struct {
		name    string
		domains []int
		other   string
	}{{"eq 15: FM", []int{0, 0, 0, 0, 0}, "fm"}, {"eq 16: FwFM", []int{0, 1, 2, 3, 4}, "fwfm"}} {
		t.Run(c.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(33, 34))
			s := testSchema(c.domains, 6)
			cfg := smallConfig()
			cfg.Transform, cfg.DeepInputs, cfg.FwBIBias, cfg.DiceFactor = "", nil, false, 0
			cfg.Interactions = []string{"fwbi"}
			fwbi, _ := NewNet[float64](s, cfg, 4, 1)
			cfg.Interactions = []string{c.other}
			other, _ := NewNet[float64](s, cfg, 4, 1)
			randomizeParams(&other.Arena, rng, 0.5)
			// Same embeddings and linear part; FwBI's head sums h (weights 1).
			copy(fwbi.Arena.Value, other.Arena.Value[:len(fwbi.Arena.Value)-fwbiExtra(fwbi)])
			for i := range fwbi.Fusion.Heads[0].Value {
				fwbi.Fusion.Heads[0].Value[i] = 1
			}
			if c.other == "fm" {
				fwbi.Streams[0].FwBI.RDiag.Value[0] = 0.5
			} else {
				copy(fwbi.Streams[0].FwBI.ROff.Value, other.Streams[0].FwFM.R.Value)
			}
			b := randomBatch(rng, s, 4, -1)
			want := append([]float64(nil), other.Forward(b, false)...)
			got := fwbi.Forward(b, false)
			for i := range want {
				if math.Abs(got[i]-want[i]) > 1e-12 {
					t.Errorf("sample %d: FwBI net %v, %s net %v", i, got[i], c.other, want[i])
				}
			}
		})
	}
}

// fwbiExtra is how many parameters the FwBI net has after the embeddings
// and the linear part (r and its head), which the copy skips.
func fwbiExtra(m *Net[float64]) int {
	n := 0
	for _, p := range m.Arena.Params {
		if p.Name != "linear.bias" && !strings.HasPrefix(p.Name, "embedding.") && !strings.HasPrefix(p.Name, "linear.") {
			n += p.Size()
		}
	}
	return n
}

// The real training step allocates nothing (a test, not a
// benchmark assertion), in float32 at the quick preset's shape.
func TestTrainStepAllocatesNothing(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	s := testSchema([]int{0, 0, 0, 0, 0, 1, 1, 1}, 50)
	m, err := NewFLSEST[float32](s, DefaultConfig(), 128, 1)
	if err != nil {
		t.Fatal(err)
	}
	opt, _ := NewOptimizer(OptimizerConfig{Name: "adam", LR: 1e-3}, m.Params())
	tr := NewTrainer[float32](m, opt)
	b := randomBatch(rng, s, 128, 6)
	if _, err := tr.Step(b); err != nil {
		t.Fatal(err)
	}
	if allocs := testing.AllocsPerRun(5, func() { tr.Step(b) }); allocs != 0 {
		t.Errorf("a training step allocates %v times, want 0", allocs)
	}
}

// A NaN loss stops the step before any weight changes.
func TestTrainStepRefusesNonFiniteLoss(t *testing.T) {
	rng := rand.New(rand.NewPCG(43, 44))
	s := testSchema([]int{0, 0, 1, 1}, 10)
	m, err := NewFLSEST[float32](s, DefaultConfig(), 16, 1)
	if err != nil {
		t.Fatal(err)
	}
	opt, _ := NewOptimizer(OptimizerConfig{Name: "adam", LR: 1e-3}, m.Params())
	tr := NewTrainer[float32](m, opt)
	b := randomBatch(rng, s, 16, -1)
	if _, err := tr.Step(b); err != nil {
		t.Fatal(err)
	}
	m.Linear.Weights[0].Value[int(b.Idx[0])] = float32(math.NaN())
	before := append([]float32(nil), m.Arena.Value...)
	_, err = tr.Step(b)
	if !errors.Is(err, ErrNonFinite) {
		t.Fatalf("step with a NaN weight: error %v, want ErrNonFinite", err)
	}
	for i, v := range m.Arena.Value {
		if v != before[i] && !(math.IsNaN(float64(v)) && math.IsNaN(float64(before[i]))) {
			t.Fatalf("weight %d (%s) changed from %v to %v in a refused step", i, m.Arena.ParamAt(i).Name, before[i], v)
		}
	}
	if opt.Steps() != 1 {
		t.Errorf("optimizer steps = %d, want 1", opt.Steps())
	}
}

func TestConfigValidateNamesTheField(t *testing.T) {
	cases := []struct {
		field string
		edit  func(*Config)
	}{
		{"dropout", func(c *Config) { c.Dropout = 1 }},
		{"dropout", func(c *Config) { c.Dropout = -0.1 }},
		{"embedding_dim", func(c *Config) { c.EmbeddingDim = 0 }},
		{"hidden", func(c *Config) { c.Hidden = []int{200, 0} }},
		{"activation", func(c *Config) { c.Activation = "gelu" }},
		{"se_activation", func(c *Config) { c.SEActivation = "tanh" }},
		{"reduction_ratio", func(c *Config) { c.ReductionRatio = 0 }},
		{"fusion", func(c *Config) { c.Fusion = "max" }},
		{"pooling", func(c *Config) { c.Pooling = "max" }},
		{"dice_factor", func(c *Config) { c.DiceFactor = math.NaN() }},
		{"interactions", func(c *Config) { c.Interactions, c.DeepInputs = nil, nil }},
		{"interactions", func(c *Config) { c.Interactions = []string{"fwbi", "fwbi"} }},
		{"deep_inputs", func(c *Config) { c.DeepInputs = []string{"conv"} }},
		{"transform", func(c *Config) { c.Transform = "attention" }},
		{"cin", func(c *Config) { c.CIN = []int{1} }},
		{"bilinear_type", func(c *Config) { c.BilinearType = "pairs" }},
	}
	for _, tc := range cases {
		c := DefaultConfig()
		tc.edit(&c)
		var ce *ConfigError
		if err := c.Validate(8); !errors.As(err, &ce) || ce.Field != tc.field {
			t.Errorf("Validate() = %v, want a ConfigError on %q", err, tc.field)
		}
	}
	if err := DefaultConfig().Validate(8); err != nil {
		t.Errorf("default config: %v", err)
	}
	if err := (OptimizerConfig{Name: "adam", LR: 0}).Validate(); err == nil || err.Error() != "lr: 0 is out of range (0, 1]" {
		t.Errorf("lr 0: %v", err)
	}
}
