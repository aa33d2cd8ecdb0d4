package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/flsest/flsest/engine"
	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/model"
)

// explainOutput is the -json summary: stdout's last line.
type explainOutput struct {
	Fields []explainField  `json:"fields"`
	Sample *explainSample  `json:"sample,omitempty"`
	AUC    float64         `json:"validation_auc"`       // unshuffled, on the explained weights
	Config json.RawMessage `json:"config,omitempty"`     // the training configuration
	Load   string          `json:"checkpoint,omitempty"` // -load's file
}

type explainField struct {
	Name                  string    `json:"name"`
	PermutationAUCDrop    float64   `json:"permutation_auc_drop"`
	PermutationAUCDropStd float64   `json:"permutation_auc_drop_std"`
	PermutationLogLoss    float64   `json:"permutation_logloss_rise"`
	PermutationLogLossStd float64   `json:"permutation_logloss_rise_std"`
	ShapleyMeanAbs        float64   `json:"shapley_mean_abs"`
	SESTThresholdRatio    *float64  `json:"sest_threshold_ratio,omitempty"` // mean a over engine.SESTSample (no SEST: absent)
	SESTSEWeight          *float64  `json:"sest_se_weight,omitempty"`       // mean a'
	SESTUnitsActive       []float64 `json:"sest_units_active,omitempty"`    // engine.SESTUnitsActive
}

type explainSample struct {
	User      int          `json:"user"`
	Movie     int          `json:"movie"`
	Logit     float64      `json:"logit"`
	BaseLogit float64      `json:"base_logit"`
	Shapley   []explainPhi `json:"shapley"`
}

type explainPhi struct {
	Field string  `json:"field"`
	Phi   float64 `json:"phi"`
}

func runExplain(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("explain", flag.ContinueOnError)
	fl.SetOutput(stderr)
	dataPath := fl.String("data", "", "MovieLens-100k directory or zip (default: $FLSEST_DATA, then the cache)")
	asJSON := fl.Bool("json", false, "print the result as one JSON object on stdout's last line")
	load := fl.String("load", "", "explain this checkpoint (default: train the preset with the flags first, and explain its best epoch)")
	user := fl.Int("user", 0, "with -movie: explain this user's prediction (MovieLens id)")
	movie := fl.Int("movie", 0, "with -user: the movie (MovieLens id)")
	repeats := fl.Int("repeats", engine.DefaultRepeats, "permutation importance: shuffles per field")
	permSeed := fl.Uint64("perm-seed", 1, "permutation importance: the shuffles' seed")
	background := fl.Int("background", engine.DefaultBackground, "Shapley background rows for -user/-movie")
	summaryRows := fl.Int("summary-rows", engine.DefaultSummaryRows, "validation rows of the mean |φ| summary (each against the reference point)")
	quiet := fl.Bool("quiet", false, "no progress bar")
	config := settingFlags(fl, stderr, "usage: flsest explain [flags]\nWhich fields matter: permutation importance, mean |Shapley value| and SEST's weights per field,\nand with -user and -movie one prediction's Shapley values. Without -load the preset is trained first.")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return fmt.Errorf("explain: unexpected argument %q", fl.Arg(0))
	}
	if (*user == 0) != (*movie == 0) {
		return fmt.Errorf("explain: -user and -movie go together")
	}
	if *background < 1 || *background > engine.MaxBackground {
		return fmt.Errorf("-background: %d is out of range [1, %d]", *background, engine.MaxBackground)
	}
	if *summaryRows < 1 || *summaryRows > engine.MaxSummaryRows {
		return fmt.Errorf("-summary-rows: %d is out of range [1, %d]", *summaryRows, engine.MaxSummaryRows)
	}
	cfg, err := config()
	if err != nil {
		return err
	}
	data, _, err := loadData(*dataPath, cfg, stderr)
	if err != nil {
		return err
	}
	m, err := explainedModel(*load, cfg, data, stderr, *quiet)
	if err != nil {
		return err
	}
	out := explainOutput{Load: *load}
	if *load == "" {
		out.Config, _ = json.Marshal(cfg)
	}

	x := &engine.Explainer{Model: m, Data: data}
	bar := newProgress(stderr, *quiet)
	t0 := time.Now()
	perm, err := x.Permutation(*repeats, *permSeed, func(done, total int) bool {
		bar.draw("permutation importance", done, total, "rows")
		return false
	})
	bar.clear()
	if err != nil {
		return flagError(err)
	}
	fmt.Fprintf(stderr, "permutation importance: %d validation rows × %d fields × %d repeats, %d distinct rows scored, %.1f s\n",
		perm.Rows, len(perm.Fields), perm.Repeats, perm.Scored, time.Since(t0).Seconds())
	t0 = time.Now()
	sum, err := x.Summary(*summaryRows)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "Shapley summary: %d validation rows against the reference point %v, %.1f s\n", sum.Rows, sum.Reference, time.Since(t0).Seconds())
	sest, hasSEST := engine.InspectSEST(m, data) // the page's SEST numbers: the same rows
	out.AUC = perm.AUC
	for f, fi := range perm.Fields {
		ef := explainField{Name: fi.Name, PermutationAUCDrop: fi.AUCDrop, PermutationAUCDropStd: fi.AUCDropStd,
			PermutationLogLoss: fi.LogLossRise, PermutationLogLossStd: fi.LogLossRiseStd, ShapleyMeanAbs: sum.Fields[f].MeanAbs}
		if hasSEST {
			a, aW := sest.Fields[f].A.Mean, sest.Fields[f].SEWeight.Mean
			ef.SESTThresholdRatio, ef.SESTSEWeight = &a, &aW
			ef.SESTUnitsActive = engine.SESTUnitsActive(sest)[f]
		}
		out.Fields = append(out.Fields, ef)
	}
	if *user != 0 {
		sample := data.NewBatch(1)
		if _, err := data.PairBatch(sample, []api.InspectRequest{{User: *user, Movie: *movie}}); err != nil {
			return err
		}
		sh, err := x.Shapley(sample, api.ShapleyBackground, *background)
		if err != nil {
			return err
		}
		out.Sample = &explainSample{User: *user, Movie: *movie, Logit: sh.Logit, BaseLogit: sh.BaseLogit}
		for _, f := range sh.Fields {
			out.Sample.Shapley = append(out.Sample.Shapley, explainPhi{Field: f.Field, Phi: f.Phi})
		}
		printSample(stdout, *asJSON, sh, stderr)
	}
	if *asJSON {
		b, err := json.Marshal(out)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, string(b))
		return nil
	}
	printExplanation(stdout, out)
	return nil
}

// explainedModel loads the checkpoint file, or trains cfg on data and
// returns the best epoch's weights.
func explainedModel(file string, cfg engine.TrainConfig, data *engine.Data, stderr io.Writer, quiet bool) (*model.Net[float32], error) {
	if file == "" {
		sess, err := engine.NewSessionWorkers(cfg, data)
		if err != nil {
			return nil, flagError(err)
		}
		defer sess.Close()
		if err := runSession(sess, stderr, quiet); err != nil {
			return nil, err
		}
		res := sess.Result()
		fmt.Fprintf(stderr, "best epoch %d (validation AUC %.4f): explaining its weights\n", res.BestEpoch, res.ValAUC)
		return sess.Model, nil // the session restored the best epoch's weights for the test
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("-load: %w", err)
	}
	defer f.Close()
	m, err := model.Load(f, engine.EvalChunk)
	if err != nil {
		return nil, fmt.Errorf("-load: %w", err)
	}
	if len(m.Schema.Fields) != len(data.Schema.Fields) {
		return nil, fmt.Errorf("-load: the checkpoint has %d fields, the data %d", len(m.Schema.Fields), len(data.Schema.Fields))
	}
	for i, fd := range m.Schema.Fields {
		if fd != data.Schema.Fields[i] {
			return nil, fmt.Errorf("-load: field %d is %+v in the checkpoint, %+v in the data", i, fd, data.Schema.Fields[i])
		}
	}
	return m, nil
}

// printExplanation writes the per-field table.
func printExplanation(w io.Writer, out explainOutput) {
	fmt.Fprintf(w, "validation AUC %.4f\n", out.AUC)
	fmt.Fprintf(w, "%-11s %-19s %-19s %-10s %-8s %s\n", "field", "ΔAUC (shuffled)", "ΔLogLoss", "mean |φ|", "SEST a", "SEST a'")
	for _, f := range out.Fields {
		a, aW := "-", "-"
		if f.SESTThresholdRatio != nil {
			a, aW = fmt.Sprintf("%.4f", *f.SESTThresholdRatio), fmt.Sprintf("%.4f", *f.SESTSEWeight)
		}
		fmt.Fprintf(w, "%-11s %7.4f ± %.4f    %7.4f ± %.4f    %-10.4f %-8s %s\n", f.Name,
			f.PermutationAUCDrop, f.PermutationAUCDropStd, f.PermutationLogLoss, f.PermutationLogLossStd, f.ShapleyMeanAbs, a, aW)
	}
}

// printSample writes one prediction's Shapley values: to stdout as a table,
// or to stderr when stdout carries the JSON.
func printSample(stdout io.Writer, asJSON bool, sh *api.ShapleyResponse, stderr io.Writer) {
	w := stdout
	if asJSON {
		w = stderr
	}
	fmt.Fprintf(w, "logit %.4f (P %.4f) = base %.4f (P %.4f, mean over %d background rows) + Σφ:\n",
		sh.Logit, sh.Probability, sh.BaseLogit, sh.BaseProbability, sh.Background)
	for _, f := range sh.Fields {
		fmt.Fprintf(w, "  %-11s %-24s %+.4f\n", f.Field, f.Value, f.Phi)
	}
}
