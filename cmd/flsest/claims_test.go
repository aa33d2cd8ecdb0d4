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

// The tuned claims pair each model at its own tuned choice: FLSEST at the
// preset (its best on validation) against FLEN at the grid's other
// configuration (FLEN's best), not at FLEN's preset runs.
func TestTunedClaimsPairTheChosenConfigurations(t *testing.T) {
	const preset, fp = "quick", "data"
	results := map[string]runResult{}
	put := func(model string, cfg map[string]string, val float64, aucs []float64) {
		for i, s := range seedList(len(aucs)) {
			j := job{Model: model, Preset: preset, Settings: cfg, Seed: s, Data: fp}
			results[j.key()] = runResult{Job: j, Result: engine.Result{ValAUC: val, TestAUC: aucs[i], TestLogLoss: 1 - aucs[i]}}
		}
	}
	flenBest := tuneGrid("flen", 2)[1]
	put("flsest", nil, 0.80, []float64{0.787, 0.785, 0.789, 0.786, 0.788})
	put("flsest", tuneGrid("flsest", 2)[1], 0.79, []float64{0.700})
	put("flen", nil, 0.79, []float64{0.700, 0.700, 0.700, 0.700, 0.700}) // FLEN's preset: not chosen
	put("flen", flenBest, 0.81, []float64{0.788, 0.786, 0.790, 0.787, 0.789})
	md := tunedClaimsMarkdown(results, []string{"flsest", "flen"}, preset, fp, "ml-100k", 2, 5)
	if !strings.Contains(md, "| flsest − flen | 5 | -0.0010 [-0.0010, -0.0010] |") || !strings.Contains(md, "| contradicted |") {
		t.Errorf("tuned claims:\n%s", md)
	}
	if strings.Contains(md, "flsest − deepfm") {
		t.Error("a claim with an untuned model is listed")
	}
}
