package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestInspect(t *testing.T) {
	m, b := trainedSmallModel(t)
	in := m.Inspect(b)
	if len(in.Fields) != len(m.Schema.Fields) {
		t.Fatalf("%d SEST fields, want %d", len(in.Fields), len(m.Schema.Fields))
	}
	for _, f := range in.Fields {
		// 0 < a < 1 (sigmoid), so 0 < λ < z; λ = z·a per sample.
		if !(f.A.Min > 0 && f.A.Max < 1) || f.Lambda.Max > f.Z.Max || f.Zeroed.Min < 0 || f.Zeroed.Max > 1 {
			t.Errorf("field %s: a %+v λ %+v z %+v zeroed %+v", f.Name, f.A, f.Lambda, f.Z, f.Zeroed)
		}
	}
	if len(in.R) != 2 || len(in.R[0]) != 2 || len(in.R[1][0]) != 2 {
		t.Errorf("R = %v, want two 2×2 matrices", in.R)
	}
	// Sum fusion: linear + the four parts add up to the logit exactly, and
	// the two streams to the four parts.
	var parts, streams, linear float64
	for _, c := range in.Contributions {
		switch c.Name {
		case "linear":
			linear = c.Mean
		case "stream_o", "stream_s":
			streams += c.Mean
		default:
			parts += c.Mean
		}
	}
	if math.Abs(linear+parts-in.Logit.Mean) > 1e-5 || math.Abs(streams-parts) > 1e-5 {
		t.Errorf("linear %v + parts %v ≠ logit %v, or streams %v ≠ parts", linear, parts, in.Logit.Mean, streams)
	}
}

// Inspecting a set in two chunks gives what one pass over it gives.
func TestInspectorChunksEqualOnePass(t *testing.T) {
	rng := rand.New(rand.NewPCG(81, 82))
	s := testSchema([]int{0, 0, 0, 1, 1}, 9)
	m, err := NewFLSEST[float64](s, smallConfig(), 40, 3)
	if err != nil {
		t.Fatal(err)
	}
	randomizeParams(&m.Arena, rng, 0.5)
	all := randomBatch(rng, s, 40, 4)
	first, second := sliceBatch(all, 0, 25), sliceBatch(all, 25, 40)
	one := m.Inspect(all)
	in := NewInspector(m)
	in.Add(first)
	in.Add(second)
	two := in.Result()
	close := func(what string, a, b float64) {
		if math.Abs(a-b) > 1e-12*(1+math.Abs(a)) {
			t.Errorf("%s: one pass %v, two chunks %v", what, a, b)
		}
	}
	for f := range one.Fields {
		close("z mean "+one.Fields[f].Name, one.Fields[f].Z.Mean, two.Fields[f].Z.Mean)
		close("a std "+one.Fields[f].Name, one.Fields[f].A.Std, two.Fields[f].A.Std)
		close("zeroed max "+one.Fields[f].Name, one.Fields[f].Zeroed.Max, two.Fields[f].Zeroed.Max)
	}
	for c := range one.Contributions {
		close("contribution "+one.Contributions[c].Name, one.Contributions[c].Mean, two.Contributions[c].Mean)
	}
	close("interaction", one.Interaction[1][0][3], two.Interaction[1][0][3])
	if two.N != 40 {
		t.Errorf("N = %d, want 40", two.N)
	}
}

// sliceBatch returns samples [from, to) of b as a batch.
func sliceBatch(b *Batch, from, to int) *Batch {
	F := (len(b.Off) - 1) / b.N
	out := &Batch{N: to - from, Off: []int32{0}, Label: b.Label[from:to]}
	for i := from; i < to; i++ {
		for f := 0; f < F; f++ {
			out.Idx = append(out.Idx, b.Values(F, i, f)...)
			out.Off = append(out.Off, int32(len(out.Idx)))
		}
	}
	return out
}

// With two fields in two domains, FwBI's only term is r[0][1]·e_0⊙e_1, so
// for one sample the effective interaction equals |fwbi_o's logit term −
// its bias's share| (sum fusion, no DiceFactor at inference).
func TestInteractionStrengthIsTheFwBITerm(t *testing.T) {
	rng := rand.New(rand.NewPCG(83, 84))
	s := testSchema([]int{0, 1}, 5)
	c := smallConfig()
	c.Transform = ""
	m, err := NewFLSEST[float64](s, c, 1, 3)
	if err != nil {
		t.Fatal(err)
	}
	randomizeParams(&m.Arena, rng, 0.7)
	b := randomBatch(rng, s, 1, -1)
	in := m.Inspect(b)
	var fwbi float64
	for _, c := range in.Contributions {
		if c.Name == "fwbi_o" {
			fwbi = c.Mean
		}
	}
	var biasTerm float64
	for k, g := range m.Fusion.Heads[0].Value {
		biasTerm += g * m.Streams[0].FwBI.Bias.Value[k]
	}
	if got, want := in.Interaction[0][0][1], math.Abs(fwbi-biasTerm); math.Abs(got-want) > 1e-12 {
		t.Errorf("interaction = %v, want |fwbi_o − bias term| = %v", got, want)
	}
}
