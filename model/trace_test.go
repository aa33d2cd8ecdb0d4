package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The trace's parts recombine to the model's own logit and probability bit
// for bit, in the order the model adds them; SEST's and FwBI's pieces
// recombine to the stream V and the FwBI output.
func TestTraceRecombines(t *testing.T) {
	m, b := trainedSmallModel(t)
	for i := 0; i < 3; i++ {
		one := &Batch{N: 1, Off: b.Off[i*m.F : i*m.F+m.F+1], Idx: b.Idx, Label: b.Label[i : i+1]}
		tr := m.Trace(one)
		prob := make([]float32, 1)
		Predict[float32](m, one, prob)
		if float32(tr.Probability) != prob[0] {
			t.Errorf("sample %d: trace p %v, Predict %v", i, tr.Probability, prob[0])
		}
		lin := float32(tr.LinearBias)
		for _, v := range tr.LinearFields {
			lin += float32(v)
		}
		if lin != float32(tr.Linear) {
			t.Errorf("sample %d: w0 + Σ fields = %v, linear %v", i, lin, tr.Linear)
		}
		logit := float32(tr.Linear)
		for _, p := range tr.Parts {
			logit += float32(p.Term)
		}
		if logit != float32(tr.Logit) || sigmoid(logit) != prob[0] {
			t.Errorf("sample %d: linear + Σ terms = %v, logit %v", i, logit, tr.Logit)
		}
		for f := range tr.Fields {
			if got := float32(float32(tr.Z[f]) * float32(tr.A[f])); got != float32(tr.Lambda[f][0]) {
				t.Errorf("sample %d field %d: z·a = %v, λ %v", i, f, got, tr.Lambda[f][0])
			}
			for k := 0; k < tr.K; k++ {
				e := float32(tr.E[f][k])
				if v := float32(tr.Eta[f][k]) + float32(float32(tr.SEWeight[f][k])*e); v != float32(tr.V[f][k]) {
					t.Errorf("sample %d field %d coordinate %d: η + a′e = %v, v %v", i, f, k, v, tr.V[f][k])
				}
				if zeroed := math.Abs(tr.E[f][k]) <= tr.Lambda[f][k]; zeroed != (tr.Eta[f][k] == 0) {
					t.Errorf("sample %d field %d coordinate %d: |e| %v vs λ %v, η %v", i, f, k, tr.E[f][k], tr.Lambda[f][k], tr.Eta[f][k])
				}
			}
		}
		if len(tr.FwBI) != 2 {
			t.Fatalf("%d FwBI streams, want 2", len(tr.FwBI))
		}
		for s, x := range tr.FwBI {
			h := tr.Parts[map[int]int{0: 0, 1: 2}[s]] // fwbi_o, mlp_o, fwbi_s, mlp_s
			for k, v := range h.Output {
				sum := x.Within[k] + x.Across[k]
				if x.Bias != nil {
					sum += x.Bias[k]
				}
				if math.Abs(sum-v) > 1e-5*(1+math.Abs(v)) {
					t.Errorf("sample %d stream %s coordinate %d: within + across = %v, %s %v", i, x.Stream, k, sum, h.Name, v)
				}
			}
		}
	}
}

// The per-coordinate reading and the concat fusion trace too: λ and a′
// differ per coordinate, and the concat fusion has no per-part terms.
func TestTraceOtherReadings(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	s := testSchema([]int{0, 0, 1, 1}, 12)
	c := DefaultConfig()
	c.SESTGranularity, c.Fusion = SESTPerCoordinate, FusionConcat
	m, err := NewNet[float32](s, c, 4, 9)
	if err != nil {
		t.Fatal(err)
	}
	b := randomBatch(rng, s, 2, 3)
	tr := m.Trace(b)
	prob := make([]float32, 2)
	Predict[float32](m, b, prob)
	if float32(tr.Probability) != prob[0] || tr.A != nil || tr.Fusion != FusionConcat {
		t.Errorf("p %v (Predict %v), a %v, fusion %q", tr.Probability, prob[0], tr.A, tr.Fusion)
	}
	for _, p := range tr.Parts {
		if p.Term != 0 || p.Head != nil {
			t.Errorf("concat part %s: term %v head %v", p.Name, p.Term, p.Head)
		}
	}
	if l := tr.Lambda[0]; l[0] == l[1] && l[1] == l[2] {
		t.Errorf("per-coordinate λ of field 0 all equal: %v", l)
	}
}
