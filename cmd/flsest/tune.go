package main

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/flsest/flsest/engine"
)

// Tuning with the same budget for every model: each model gets the same
// grid of shared axes (learning rate, MLP widths, dropout) times two values
// of its own key knob, the same number of configurations (-tune-configs,
// the same positions of one fixed shuffle of the grid for every model),
// each trained once at seed 1024 and chosen on validation AUC only; the
// chosen configuration is then run at every seed.

// tuneAxis is one setting and the values the grid tries.
type tuneAxis struct {
	Setting string
	Values  []string
}

// sharedAxes are tried for every model; the first value of each is the
// quick preset's.
var sharedAxes = []tuneAxis{
	{"lr", []string{"0.001", "0.003"}},
	{"hidden", []string{"100,100", "200,200"}},
	{"dropout", []string{"0.5", "0.2"}},
}

// modelKnob is each model's own key setting; models without one vary the
// embeddings' L2, which every model has. The first value is the preset's.
func modelKnob(model string) tuneAxis {
	switch model {
	case "xdeepfm":
		return tuneAxis{"cin", []string{"128,128", "64,64"}}
	case "edcn":
		return tuneAxis{"cross_layers", []string{"3", "2"}}
	case "finalmlp":
		return tuneAxis{"finalmlp_heads", []string{"1", "2"}}
	case "disenctr":
		return tuneAxis{"disen_channels", []string{"4", "2"}}
	}
	cfg := engine.TrainConfig{Model: model}
	if mc, err := cfg.ModelConfig(); err == nil && (mc.Transform == "sest" || mc.Transform == "senet") {
		return tuneAxis{"reduction_ratio", []string{"3", "2"}} // SEST's and SENET's r
	}
	return tuneAxis{"l2_embedding", []string{"0.00001", "0.000001"}}
}

// tuneGrid lists a model's first n configurations: the full grid (16)
// in one fixed shuffled order, the same for every model, with the preset's
// own configuration first (as nil: the shared preset's run, not a copy of
// it) so the shared preset is always a candidate.
func tuneGrid(model string, n int) []map[string]string {
	axes := append(append([]tuneAxis(nil), sharedAxes...), modelKnob(model))
	total := 1
	for _, a := range axes {
		total *= len(a.Values)
	}
	order := make([]int, total-1)
	for i := range order {
		order[i] = i + 1
	}
	rand.New(rand.NewPCG(1024, 14)).Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	order = append([]int{0}, order...)
	var out []map[string]string
	for _, idx := range order[:min(n, total)] {
		if idx == 0 {
			out = append(out, nil)
			continue
		}
		cfg := map[string]string{}
		for _, a := range axes {
			cfg[a.Setting] = a.Values[idx%len(a.Values)]
			idx /= len(a.Values)
		}
		out = append(out, cfg)
	}
	return out
}

// tuneJobs is phase 1: every configuration of every model at seed 1024.
func tuneJobs(models []string, preset, fp string, configs int) []job {
	var out []job
	for _, m := range models {
		for _, cfg := range tuneGrid(m, configs) {
			out = append(out, job{Model: m, Preset: preset, Settings: cfg, Seed: seedList(1)[0], Data: fp})
		}
	}
	return out
}

// tuneChoice is the configuration of best validation AUC among those run
// (ties: the earlier one), and how many were run.
func tuneChoice(results map[string]runResult, model, preset, fp string, configs int) (best map[string]string, valAUC float64, tried int) {
	for _, cfg := range tuneGrid(model, configs) {
		r, ok := results[job{Model: model, Preset: preset, Settings: cfg, Seed: seedList(1)[0], Data: fp}.key()]
		if !ok {
			continue
		}
		tried++
		if tried == 1 || r.Result.ValAUC > valAUC {
			best, valAUC = cfg, r.Result.ValAUC
		}
	}
	return
}

// tunedJobs is phase 2: the chosen configuration at every seed.
func tunedJobs(results map[string]runResult, models []string, preset, fp string, configs, seeds int) []job {
	var out []job
	for _, m := range models {
		cfg, _, tried := tuneChoice(results, m, preset, fp, configs)
		if tried == 0 {
			continue
		}
		for _, s := range seedList(seeds) {
			out = append(out, job{Model: m, Preset: preset, Settings: cfg, Seed: s, Data: fp})
		}
	}
	return out
}

// tunedMarkdown is a table's tuned column: each row's chosen configuration,
// its validation AUC, and test metrics over the seeds beside the shared
// preset's.
func (e experiment) tunedMarkdown(results map[string]runResult, preset, fp, kind string, configs, seeds int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s, each model tuned** on %s — %d configurations per model (learning rate, MLP widths, dropout and the model's own knob), "+
		"each trained at seed 1024 from the %s preset and chosen on validation AUC; then the chosen one at %s. Test metrics at the best-validation epoch.\n\n",
		e.Title, kind, configs, preset, seedsText(seeds))
	b.WriteString("| model | configurations run | chosen (validation AUC) | AUC (tuned) | LogLoss (tuned) | AUC (shared preset) |\n|---|---|---|---|---|---|\n")
	for _, r := range e.Rows {
		cfg, val, tried := tuneChoice(results, r.Model, preset, fp, configs)
		shared, _, _, _ := collect(results, r.Model, preset, fp, nil, seeds)
		sharedText := "(not run)"
		if len(shared) > 0 {
			s := meanStd(shared)
			sharedText = fmt.Sprintf("%.4f ± %.4f (%d seeds)", s.Mean, s.Std, len(shared))
		}
		if tried == 0 {
			fmt.Fprintf(&b, "| %s | 0 of %d | (not run) | | | %s |\n", r.Label, configs, sharedText)
			continue
		}
		auc, ll, _, _ := collect(results, r.Model, preset, fp, cfg, seeds)
		a, l := meanStd(auc), meanStd(ll)
		chosen := settingsText(cfg)
		if cfg == nil {
			chosen = "the shared preset"
		}
		fmt.Fprintf(&b, "| %s | %d of %d | %s (%.4f) | %.4f ± %.4f (%d seeds) | %.4f ± %.4f | %s |\n",
			r.Label, tried, configs, chosen, val, a.Mean, a.Std, len(auc), l.Mean, l.Std, sharedText)
	}
	return b.String()
}
