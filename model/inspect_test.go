package model

import (
	"math"
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
