package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/flsest/flsest/datasets"
	"github.com/flsest/flsest/engine"
)

// cacheVersion changes when a change to the code changes results: bump it
// and every cached run is redone.
const cacheVersion = "2026-11-27.1"

// job is one training run.
type job struct {
	Model    string            `json:"model"`
	Preset   string            `json:"preset"`
	Settings map[string]string `json:"settings,omitempty"`
	Seed     uint64            `json:"seed"`
	Data     string            `json:"data"` // a fingerprint of the dataset
}

func (j job) key() string {
	b, _ := json.Marshal(struct {
		V string
		J job
	}{cacheVersion, j})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:10])
}

// runResult is what the cache keeps of a run.
type runResult struct {
	Job    job           `json:"job"`
	Result engine.Result `json:"result"`
	Secs   float64       `json:"seconds"`
}

func runReproduce(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("reproduce", flag.ContinueOnError)
	fl.SetOutput(stderr)
	tables := fl.String("table", "", "tables to run, e.g. 1,2 (default: all)")
	figures := fl.String("figure", "", "figures to run, e.g. 5,9 (default: all, unless -table is given)")
	seeds := fl.Int("seeds", 5, "seeds per configuration (1024 first, then 1, 2, …)")
	figSeeds := fl.Int("figure-seeds", 3, "seeds per point of a figure")
	dataPath := fl.String("data", "", "dataset: MovieLens-100k or -1M directory or zip, or an Avazu-style .csv (default: $FLSEST_DATA, then the cache)")
	preset := fl.String("preset", "quick", "preset every run starts from: quick or paper")
	workers := fl.Int("workers", runtime.NumCPU(), "runs in parallel (each uses one core)")
	cacheDir := fl.String("cache", ".cache/reproduce", "finished runs are kept here; an interrupted reproduction continues")
	write := fl.String("write", "", "update the marked sections of this Markdown file (REPRODUCTION.md) instead of printing")
	figDir := fl.String("figures-dir", "docs/figures", "where figure SVGs go")
	tune := fl.Bool("tune", false, "tune every row of the selected tables with the same budget (tune.go) and write each table's tuned column")
	tuneConfigs := fl.Int("tune-configs", 8, "configurations tried per model with -tune (at most 16)")
	withClaims := fl.Bool("claims", false, "also write the claims table (§4.3): the paired difference of each claim's two models over the seeds")
	only := fl.String("models", "", "run only these models, e.g. edcn,flsest (default: every row; the others come from the cache or read \"not run\")")
	cachedOnly := fl.Bool("cached", false, "run nothing: write the tables from the cache alone")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if *seeds < 1 || *figSeeds < 1 || *workers < 1 {
		return fmt.Errorf("-seeds, -figure-seeds and -workers must be at least 1")
	}
	if *tuneConfigs < 1 || *tuneConfigs > 16 {
		return fmt.Errorf("-tune-configs must be 1 to 16 (the grid has 16)")
	}
	selected, err := selectExperiments(*tables, *figures)
	if err != nil {
		return err
	}
	path, _, err := datasets.Locate(*dataPath, ".")
	if err != nil {
		return err
	}
	src, err := datasets.Load(path)
	if err != nil {
		return err
	}
	base, err := engine.Preset(*preset)
	if err != nil {
		return flagError(err)
	}
	data, err := engine.NewDataFrom(src, base.Grouping, base.Context, base.SplitSeed)
	if err != nil {
		return err
	}
	fp := fingerprint(src)
	var jobs []job
	for _, e := range selected {
		for _, j := range e.jobs(*preset, fp, *seeds, *figSeeds) {
			if !slices.ContainsFunc(jobs, func(k job) bool { return k.key() == j.key() }) {
				jobs = append(jobs, j)
			}
		}
	}
	if *withClaims {
		for _, j := range claimsJobs(*preset, fp, *seeds) {
			if !slices.ContainsFunc(jobs, func(k job) bool { return k.key() == j.key() }) {
				jobs = append(jobs, j)
			}
		}
	}
	runs := func(j job) bool {
		return !*cachedOnly && (*only == "" || slices.Contains(engine.CommaList(*only), j.Model))
	}
	results, err := runJobs(jobs, runs, *workers, *cacheDir, data, stderr)
	if err != nil {
		return err
	}
	var tuned []string // the rows' models, once each
	if *tune {
		for _, e := range selected {
			for _, r := range e.Rows {
				if !slices.Contains(tuned, r.Model) {
					tuned = append(tuned, r.Model)
				}
			}
		}
		fmt.Fprintf(stderr, "reproduce: tuning %d models, %d configurations each\n", len(tuned), *tuneConfigs)
		phase1, err := runJobs(tuneJobs(tuned, *preset, fp, *tuneConfigs), runs, *workers, *cacheDir, data, stderr)
		if err != nil {
			return err
		}
		phase2, err := runJobs(tunedJobs(phase1, tuned, *preset, fp, *tuneConfigs, *seeds), runs, *workers, *cacheDir, data, stderr)
		if err != nil {
			return err
		}
		for _, r := range []map[string]runResult{phase1, phase2} {
			for k, v := range r {
				results[k] = v
			}
		}
	}
	sections := map[string]string{}
	for _, e := range selected {
		var md string
		if e.Fig != nil {
			md, err = e.figureMarkdown(results, *preset, fp, src.Kind, *figSeeds, *figDir)
			if err != nil {
				return err
			}
		} else {
			md = e.tableMarkdown(results, *preset, fp, src.Kind, *seeds)
		}
		sections[e.ID] = md
		if *write == "" {
			fmt.Fprintln(stdout, md)
		}
		if *tune && e.Fig == nil {
			id := e.ID + "-tuned"
			sections[id] = e.tunedMarkdown(results, *preset, fp, src.Kind, *tuneConfigs, *seeds)
			if *write == "" {
				fmt.Fprintln(stdout, sections[id])
			}
		}
	}
	if *withClaims {
		sections["claims"] = claimsMarkdown(results, *preset, fp, src.Kind, *seeds)
		if *write == "" {
			fmt.Fprintln(stdout, sections["claims"])
		}
		if *tune {
			sections["claims-tuned"] = tunedClaimsMarkdown(results, tuned, *preset, fp, src.Kind, *tuneConfigs, *seeds)
			if *write == "" {
				fmt.Fprintln(stdout, sections["claims-tuned"])
			}
		}
	}
	if *write != "" {
		return writeSections(*write, sections)
	}
	return nil
}

func selectExperiments(tables, figures string) ([]experiment, error) {
	want := map[string]bool{}
	for _, t := range engine.CommaList(tables) {
		want["table"+t] = true
	}
	for _, f := range engine.CommaList(figures) {
		want["figure"+f] = true
	}
	var out []experiment
	found := map[string]bool{}
	for _, e := range experiments {
		if len(want) == 0 || want[e.ID] {
			out = append(out, e)
			found[e.ID] = true
		}
	}
	for id := range want {
		if !found[id] {
			return nil, fmt.Errorf("reproduce: there is no %s (tables 1–5, figures 5–9)", id)
		}
	}
	return out, nil
}

// seedList is 1024 (the paper's) then 1, 2, ….
func seedList(n int) []uint64 {
	s := []uint64{1024}
	for i := 1; i < n; i++ {
		s = append(s, uint64(i))
	}
	return s
}

func (e experiment) jobs(preset, fp string, seeds, figSeeds int) []job {
	var out []job
	if e.Fig == nil {
		for _, r := range e.Rows {
			for _, s := range seedList(seeds) {
				out = append(out, job{Model: r.Model, Preset: preset, Seed: s, Data: fp})
			}
		}
		return out
	}
	for _, m := range e.Fig.Models {
		for _, v := range e.Fig.Values {
			for _, s := range seedList(figSeeds) {
				out = append(out, job{Model: m, Preset: preset, Settings: map[string]string{e.Fig.Setting: v}, Seed: s, Data: fp})
			}
		}
	}
	return out
}

// fingerprint identifies a dataset by its contents (part of every cache
// key: keep it stable, or every cached run is redone).
func fingerprint(src *datasets.Source) string {
	h := sha256.New()
	if ml := src.ML; ml != nil {
		for _, r := range ml.Ratings {
			fmt.Fprintf(h, "%d,%d,%d;", r.User, r.Item, r.Rating)
		}
		kind := src.Kind
		if kind == "movielens-100k" {
			kind = "ml-100k"
		}
		return fmt.Sprintf("%s:%d:%x", kind, len(ml.Ratings), h.Sum(nil)[:6])
	}
	enc := src.Enc
	for s := 0; s < enc.N; s++ {
		fmt.Fprintf(h, "%v;", enc.Label[s])
		for f := range enc.Fields {
			fmt.Fprintf(h, "%v,", enc.Values(s, f))
		}
	}
	return fmt.Sprintf("%s:%d:%x", src.Kind, enc.N, h.Sum(nil)[:6])
}

// runJobs runs what the cache lacks (of the jobs runs accepts), workers at
// a time, and returns every cached or finished job's result by key.
func runJobs(jobs []job, runs func(job) bool, workers int, cacheDir string, data *engine.Data, log io.Writer) (map[string]runResult, error) {
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return nil, err
	}
	results := map[string]runResult{}
	var todo []job
	for _, j := range jobs {
		b, err := os.ReadFile(filepath.Join(cacheDir, j.key()+".json"))
		var r runResult
		if err == nil && json.Unmarshal(b, &r) == nil {
			results[j.key()] = r
			continue
		}
		if runs(j) {
			todo = append(todo, j)
		}
	}
	fmt.Fprintf(log, "reproduce: %d runs, %d cached, %d to do on %d workers\n", len(jobs), len(results), len(todo), workers)
	var mu sync.Mutex
	var firstErr error
	done := 0
	next := make(chan job)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				r, err := runJob(j, data)
				mu.Lock()
				done++
				if err != nil {
					if firstErr == nil {
						firstErr = fmt.Errorf("%s seed %d %v: %w", j.Model, j.Seed, j.Settings, err)
					}
					mu.Unlock()
					continue
				}
				results[j.key()] = r
				fmt.Fprintf(log, "[%d/%d] %-18s seed %-4d %-24s test AUC %.4f LogLoss %.4f  best epoch %2d  %4.0f s\n",
					done, len(todo), j.Model, j.Seed, settingsText(j.Settings), r.Result.TestAUC, r.Result.TestLogLoss, r.Result.BestEpoch, r.Secs)
				mu.Unlock()
				if err := saveRun(cacheDir, j, r); err != nil {
					fmt.Fprintf(log, "reproduce: cache: %v\n", err)
				}
			}
		}()
	}
	for _, j := range todo {
		next <- j
	}
	close(next)
	wg.Wait()
	return results, firstErr
}

func settingsText(s map[string]string) string {
	var parts []string
	for k, v := range s {
		parts = append(parts, k+"="+v)
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}

func runJob(j job, data *engine.Data) (runResult, error) {
	settings := map[string]string{"model": j.Model, "seed": strconv.FormatUint(j.Seed, 10)}
	maps.Copy(settings, j.Settings)
	cfg, err := engine.TrainConfig{}.Apply(j.Preset, settings)
	if err != nil {
		return runResult{}, err
	}
	t0 := time.Now()
	s, err := engine.NewSession(cfg, data)
	if err != nil {
		return runResult{}, err
	}
	res, err := s.RunToEnd()
	if err != nil {
		return runResult{}, err
	}
	return runResult{Job: j, Result: *res, Secs: time.Since(t0).Seconds()}, nil
}

// saveRun writes atomically, so an interrupted run leaves no half file.
func saveRun(dir string, j job, r runResult) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	tmp := filepath.Join(dir, j.key()+".tmp")
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, j.key()+".json"))
}

// stats is a mean and a sample standard deviation.
type stats struct{ Mean, Std float64 }

func meanStd(xs []float64) stats {
	var s stats
	for _, x := range xs {
		s.Mean += x
	}
	s.Mean /= float64(len(xs))
	if len(xs) > 1 {
		for _, x := range xs {
			s.Std += (x - s.Mean) * (x - s.Mean)
		}
		s.Std = math.Sqrt(s.Std / float64(len(xs)-1))
	}
	return s
}

// collect returns a configuration's results over seeds.
func collect(results map[string]runResult, model, preset, fp string, settings map[string]string, seeds int) (auc, ll, size []float64, secs float64) {
	for _, s := range seedList(seeds) {
		r, ok := results[job{Model: model, Preset: preset, Settings: settings, Seed: s, Data: fp}.key()]
		if !ok {
			continue
		}
		auc, ll = append(auc, r.Result.TestAUC), append(ll, r.Result.TestLogLoss)
		size = append(size, float64(r.Result.LogSizeBytes))
		secs += r.Secs
	}
	return
}

func (e experiment) tableMarkdown(results map[string]runResult, preset, fp, kind string, seeds int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** on %s — ours: mean ± std over %d seeds (%s), %s preset; test metrics at the best-validation epoch.\n\n",
		e.Title, kind, seeds, seedsText(seeds), preset)
	head := "| model | AUC (ours) | LogLoss (ours) | AUC (paper) | LogLoss (paper) | ΔAUC ours − paper |"
	sep := "|---|---|---|---|---|---|"
	logSize := e.logSize()
	if logSize {
		head += " LogSize (ours) | LogSize (paper) |"
		sep += "---|---|"
	}
	fmt.Fprintf(&b, "%s\n%s\n", head, sep)
	best := -1.0
	for _, r := range e.Rows {
		auc, _, _, _ := collect(results, r.Model, preset, fp, nil, seeds)
		if len(auc) > 0 {
			best = math.Max(best, meanStd(auc).Mean)
		}
	}
	for _, r := range e.Rows {
		auc, ll, size, _ := collect(results, r.Model, preset, fp, nil, seeds)
		if len(auc) == 0 {
			fmt.Fprintf(&b, "| %s | (not run) | | | | |\n", r.Label)
			continue
		}
		a, l := meanStd(auc), meanStd(ll)
		aucText := fmt.Sprintf("%.4f ± %.4f", a.Mean, a.Std)
		if a.Mean == best {
			aucText = "**" + aucText + "**"
		}
		paper, inPaper := e.paperResult(r.Model, kind)
		paperA, paperL, delta := "–", "–", "–"
		if inPaper {
			paperA, paperL = fmt.Sprintf("%.4f", paper.AUC), fmt.Sprintf("%.4f", paper.LogLoss)
			delta = fmt.Sprintf("%+.4f", a.Mean-paper.AUC)
		}
		fmt.Fprintf(&b, "| %s | %s | %.4f ± %.4f | %s | %s | %s |", r.Label, aucText, l.Mean, l.Std, paperA, paperL, delta)
		if logSize {
			paperS := "–"
			if paper.LogSizeMB > 0 {
				paperS = fmt.Sprintf("%.2f MB", paper.LogSizeMB)
			}
			fmt.Fprintf(&b, " %.3f MB | %s |", meanStd(size).Mean/1e6, paperS)
		}
		if len(auc) < seeds {
			fmt.Fprintf(&b, " (%d of %d seeds)", len(auc), seeds)
		}
		b.WriteString("\n")
	}
	if e.Note != "" {
		fmt.Fprintf(&b, "\n%s\n", e.Note)
	}
	return b.String()
}

func seedsText(n int) string {
	var parts []string
	for _, s := range seedList(n) {
		parts = append(parts, fmt.Sprint(s))
	}
	return "seeds " + strings.Join(parts, ", ")
}

// writeSections replaces each <!-- reproduce:ID --> … <!-- /reproduce:ID -->
// block of the file with the generated Markdown.
func writeSections(file string, sections map[string]string) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	text := string(b)
	for id, md := range sections {
		open, end := "<!-- reproduce:"+id+" -->", "<!-- /reproduce:"+id+" -->"
		i, j := strings.Index(text, open), strings.Index(text, end)
		if i < 0 || j < i {
			return errors.New(file + ": no " + open + " … " + end + " block")
		}
		text = text[:i+len(open)] + "\n" + md + "\n" + text[j:]
	}
	return os.WriteFile(file, []byte(text), 0o644)
}
