package main

import (
	"strings"
	"testing"

	"github.com/flsest/flsest/engine"
)

// The claims table pairs runs by seed: FLSEST against FLEN on the hand
// example of paired_test.go is confirmed with its interval; a pair with one
// side missing reads "not run".
func TestClaimsMarkdownPairsBySeed(t *testing.T) {
	const preset, fp = "quick", "data"
	results := map[string]runResult{}
	put := func(model string, aucs []float64) {
		for i, s := range seedList(len(aucs)) {
			j := job{Model: model, Preset: preset, Seed: s, Data: fp}
			results[j.key()] = runResult{Job: j, Result: engine.Result{TestAUC: aucs[i], TestLogLoss: 1 - aucs[i]}}
		}
	}
	put("flsest", []float64{0.787, 0.785, 0.789, 0.786, 0.788})
	put("flen", []float64{0.784, 0.784, 0.785, 0.783, 0.786})
	put("edcn", []float64{0.790}) // one seed: no interval
	md := claimsMarkdown(results, preset, fp, "ml-100k", 5)
	var flen, edcn, fm string
	for _, line := range strings.Split(md, "\n") {
		switch {
		case strings.Contains(line, "| flsest − flen |"):
			flen = line
		case strings.Contains(line, "| flsest − edcn |"):
			edcn = line
		case strings.Contains(line, "| fm+sest − fm |"):
			fm = line
		}
	}
	if !strings.Contains(flen, "| 5 | +0.0026 [+0.0012, +0.0040] | -0.0026 [-0.0040, -0.0012] | confirmed |") || !strings.Contains(flen, quoteFiBiFLEN) {
		t.Errorf("FLSEST − FLEN line: %q", flen)
	}
	if !strings.Contains(edcn, "| 1 | (one pair: no interval) |") || !strings.Contains(fm, "not run") {
		t.Errorf("unpaired lines: %q, %q", edcn, fm)
	}
	if got := strings.Count(md, "\n| 4.3."); got != len(claims) {
		t.Errorf("%d claim lines, want %d", got, len(claims))
	}
}
