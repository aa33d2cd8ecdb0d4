package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every model gets the same number of distinct configurations, the shared
// preset's first, and the same positions of the grid.
func TestTuneGridSameBudget(t *testing.T) {
	for _, m := range []string{"flsest", "edcn", "finalmlp", "disenctr", "xdeepfm", "fm"} {
		g := tuneGrid(m, 16)
		if len(g) != 16 || g[0] != nil {
			t.Fatalf("%s: %d configurations, first %v", m, len(g), g[0])
		}
		seen := map[string]bool{}
		for _, cfg := range g[1:] {
			if len(cfg) != 4 || seen[settingsText(cfg)] {
				t.Errorf("%s: configuration %v repeated or incomplete", m, cfg)
			}
			seen[settingsText(cfg)] = true
		}
		if got := tuneGrid(m, 5); len(got) != 5 || settingsText(got[3]) != settingsText(g[3]) {
			t.Errorf("%s: the first 5 are not the grid's first 5", m)
		}
	}
	for model, knob := range map[string]string{"finalmlp": "finalmlp_heads", "flsest": "reduction_ratio", "fibinet": "reduction_ratio",
		"flsest-v-eq-e": "l2_embedding", "flsest-no-sest": "l2_embedding", "deepfm": "l2_embedding"} {
		if k := modelKnob(model); k.Setting != knob {
			t.Errorf("%s's knob is %q, want %q", model, k.Setting, knob)
		}
	}
}

// On synthetic data, -tune runs each model's configurations at seed 1024,
// picks the best validation AUC and runs it at every seed, and a second call
// runs nothing.
func TestReproduceTune(t *testing.T) {
	dir := syntheticDir(t)
	cache := filepath.Join(t.TempDir(), "cache")
	md := filepath.Join(t.TempDir(), "R.md")
	os.WriteFile(md, []byte("<!-- reproduce:table2 -->\n<!-- /reproduce:table2 -->\n<!-- reproduce:table2-tuned -->\n<!-- /reproduce:table2-tuned -->\n"), 0o644)
	args := []string{"-table", "2", "-seeds", "2", "-data", dir, "-cache", cache, "-write", md, "-workers", "2",
		"-tune", "-tune-configs", "3", "-models", "fm"}
	var log1, log2 strings.Builder
	if err := runReproduce(args, &strings.Builder{}, &log1); err != nil {
		t.Fatal(err)
	}
	// A second call, from the cache alone, writes the same file.
	first, _ := os.ReadFile(md)
	if err := runReproduce(append(args, "-cached"), &strings.Builder{}, &log2); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(log2.String(), " 0 to do"); n != 3 {
		t.Errorf("second call: %d of 3 phases ran nothing:\n%s", n, log2.String())
	}
	out, _ := os.ReadFile(md)
	if string(out) != string(first) {
		t.Errorf("-cached wrote another file:\n%s\nthen\n%s", first, out)
	}
	var line string
	for _, l := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(l, "| FM |") && strings.Contains(l, "of 3") {
			line = l
		}
	}
	// The choice is the best validation AUC of FM's three runs at seed 1024,
	// read back from the cache.
	files, _ := filepath.Glob(filepath.Join(cache, "*.json"))
	best, bestVal := "", -1.0
	for _, f := range files {
		b, _ := os.ReadFile(f)
		var r runResult
		if json.Unmarshal(b, &r) != nil || r.Job.Model != "fm" || r.Job.Seed != 1024 {
			continue
		}
		if r.Result.ValAUC > bestVal {
			best, bestVal = settingsText(r.Job.Settings), r.Result.ValAUC
		}
	}
	if best == "" {
		best = "the shared preset"
	}
	if !strings.Contains(line, "| 3 of 3 | "+best+" (") || !strings.Contains(line, "(2 seeds)") {
		t.Errorf("tuned FM line %q, want the choice %q (validation AUC %.4f)", line, best, bestVal)
	}
	if len(files) != 4 && len(files) != 5 { // 3 configurations + 1 or 2 more seeds
		t.Errorf("%d runs cached", len(files))
	}
	if !strings.Contains(string(out), "| FwFM | 0 of 3 | (not run) |") {
		t.Errorf("FwFM was not filtered out:\n%s", out)
	}
}
