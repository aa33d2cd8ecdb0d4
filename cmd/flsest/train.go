package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/flsest/flsest/datasets"
	"github.com/flsest/flsest/engine"
	"github.com/flsest/flsest/model"
)

// trainOutput is the -json summary: stdout's last line.
type trainOutput struct {
	engine.Result
	Config     engine.TrainConfig `json:"config"`
	Data       string             `json:"data"`
	GoVersion  string             `json:"go_version"`
	Platform   string             `json:"platform"`
	Inspection *model.Inspection  `json:"inspection,omitempty"`
}

func runTrain(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("train", flag.ContinueOnError)
	fl.SetOutput(stderr)
	dataPath := fl.String("data", "", "MovieLens-100k directory or zip (default: $FLSEST_DATA, then the cache "+datasets.CacheDir+")")
	asJSON := fl.Bool("json", false, "print the result as one JSON object on stdout's last line")
	save := fl.String("save", "", "write the best-epoch checkpoint to this file")
	inspect := fl.Bool("inspect", false, "report what SEST and FwBI learned, on the validation split")
	quiet := fl.Bool("quiet", false, "no progress bar")
	config := settingFlags(fl, stderr, "usage: flsest train [flags]\nFlags override the preset's values.")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return fmt.Errorf("train: unexpected argument %q", fl.Arg(0))
	}
	cfg, err := config()
	if err != nil {
		return err
	}
	if *save != "" {
		if err := checkWritable(*save); err != nil {
			return fmt.Errorf("-save: %w", err)
		}
	}
	data, path, err := loadData(*dataPath, cfg, stderr)
	if err != nil {
		return err
	}
	sess, err := engine.NewSessionWorkers(cfg, data)
	if err != nil {
		return flagError(err)
	}
	defer sess.Close()
	if err := runSession(sess, stderr, *quiet); err != nil {
		return err
	}
	res := *sess.Result()
	if *save != "" {
		f, err := os.Create(*save)
		if err != nil {
			return err
		}
		if _, err := model.Save(f, sess.Model); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	out := trainOutput{Result: res, Config: cfg, Data: path, GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if *inspect {
		in := inspectValidation(sess)
		out.Inspection = &in
		printInspection(stderr, in)
	}
	fmt.Fprintf(stderr, "best epoch %d: test AUC %.4f  LogLoss %.4f  LogSize %d bytes (%.2f MB)  median epoch %.1f s  %.0f train samples/s\n",
		res.BestEpoch, res.TestAUC, res.TestLogLoss, res.LogSizeBytes, float64(res.LogSizeBytes)/1e6, res.EpochSeconds, res.SamplesPerSec)
	if *asJSON {
		b, err := json.Marshal(out)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, string(b))
	} else {
		fmt.Fprintf(stdout, "test_auc %.4f\ntest_logloss %.4f\nbest_epoch %d\nlog_size_bytes %d\n", res.TestAUC, res.TestLogLoss, res.BestEpoch, res.LogSizeBytes)
	}
	return nil
}

// loadData locates, loads and splits the data as cfg says, and says so on
// stderr; it returns the data and its path.
func loadData(dataPath string, cfg engine.TrainConfig, stderr io.Writer) (*engine.Data, string, error) {
	path, from, err := datasets.Locate(dataPath, ".")
	if err != nil {
		return nil, "", err
	}
	src, err := datasets.Load(path)
	if err != nil {
		return nil, "", err
	}
	data, err := engine.NewDataFrom(src, cfg.Grouping, cfg.Context, cfg.SplitSeed)
	if err != nil {
		return nil, "", flagError(err)
	}
	fmt.Fprintf(stderr, "data %s (%s, %s): %d train / %d validation / %d test samples, %d fields, domains %v\n",
		path, src.Kind, from, len(data.Split.Train), len(data.Split.Val), len(data.Split.Test), len(data.Schema.Fields), data.Schema.Domains)
	return data, path, nil
}

// runSession trains sess to its end, with a progress bar and a line per
// epoch on stderr.
func runSession(sess *engine.Session, stderr io.Writer, quiet bool) error {
	cfg := sess.Cfg
	fmt.Fprintf(stderr, "model %s, %d parameters; preset %s: batch %d, %s lr %g, ≤%d epochs, patience %d, seed %d\n",
		cfg.Model, sess.Model.Arena.Count(), cfg.Preset, cfg.BatchSize, cfg.OptimizerConfig.Name, cfg.LR, cfg.Epochs, cfg.Patience, cfg.Seed)
	if cfg.Workers > 1 {
		fmt.Fprintf(stderr, "data-parallel: %d workers (goroutines), %d samples each per batch\n", cfg.Workers, cfg.BatchSize/cfg.Workers)
	}
	bar := newProgress(stderr, quiet)
	for !sess.Done() {
		info, err := sess.Step()
		if err != nil {
			bar.clear()
			if errors.Is(err, model.ErrNonFinite) {
				return fmt.Errorf("%w; training stopped with the weights of the step before (lower -lr?)", err)
			}
			return err
		}
		if info.Phase == engine.PhaseTrain {
			bar.update(sess, info.Loss)
		}
		if e := info.Epoch; e != nil {
			bar.clear()
			mark := ""
			if e.Best {
				mark = "  *"
			}
			fmt.Fprintf(stderr, "epoch %3d  train loss %.4f  val AUC %.4f  LogLoss %.4f  %5.1f s  %6.0f samples/s%s\n",
				e.Epoch, e.TrainLoss, e.ValAUC, e.ValLogLoss, e.TrainSeconds+e.EvalSeconds, float64(e.Samples)/e.TrainSeconds, mark)
		}
	}
	bar.clear()
	if sess.StoppedEarly() {
		fmt.Fprintf(stderr, "early stop: no better validation %s for %d epochs\n", cfg.Monitor, cfg.Patience)
	}
	return nil
}

// inspectValidation summarises SEST over the validation split (in batches:
// the model's buffers hold at most MaxBatch samples).
func inspectValidation(s *engine.Session) model.Inspection {
	idx := s.Data.Split.Val
	n := min(len(idx), s.Model.MaxBatch())
	b := s.Data.NewBatch(n)
	s.Data.Fill(b, idx[:n])
	return s.Model.Inspect(b)
}

func printInspection(w io.Writer, in model.Inspection) {
	fmt.Fprintf(w, "SEST per field over %d validation samples (mean ± std):\n", in.N)
	fmt.Fprintf(w, "  %-11s %-17s %-17s %-17s %-17s %s\n", "field", "z = mean|e|", "a (λ/z)", "λ", "zeroed share", "SE weight a'")
	for _, f := range in.Fields {
		fmt.Fprintf(w, "  %-11s %.4f ± %.4f   %.4f ± %.4f   %.4f ± %.4f   %.3f ± %.3f     %.4f ± %.4f\n", f.Name,
			f.Z.Mean, f.Z.Std, f.A.Mean, f.A.Std, f.Lambda.Mean, f.Lambda.Std, f.Zeroed.Mean, f.Zeroed.Std, f.SEWeight.Mean, f.SEWeight.Std)
	}
	for st, r := range in.R {
		fmt.Fprintf(w, "FwBI r, stream %d (domains %v): %v\n", st, in.Domains, r)
	}
	fmt.Fprintf(w, "logit contributions (mean ± std):")
	for _, c := range in.Contributions {
		fmt.Fprintf(w, "  %s %.3f ± %.3f", c.Name, c.Mean, c.Std)
	}
	fmt.Fprintln(w)
}

// progress draws a one-line bar on a terminal, at most every 100 ms.
type progress struct {
	w     io.Writer
	on    bool
	last  time.Time
	drawn bool
}

func newProgress(w io.Writer, quiet bool) *progress {
	tty := false
	if f, ok := w.(*os.File); ok {
		st, err := f.Stat()
		tty = err == nil && st.Mode()&os.ModeCharDevice != 0
	}
	return &progress{w: w, on: tty && !quiet}
}

func (p *progress) update(s *engine.Session, loss float64) {
	p.draw(fmt.Sprintf("epoch %3d", s.Epoch()+1), s.BatchInEpoch(), s.BatchesPerEpoch(), fmt.Sprintf("loss %.4f", loss))
}

// draw shows label [===   ] done/total note.
func (p *progress) draw(label string, done, total int, note string) {
	if !p.on || time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	const width = 30
	fill := width * done / max(total, 1)
	fmt.Fprintf(p.w, "\r%s [%s%s] %d/%d  %s ", label, strings.Repeat("=", fill), strings.Repeat(" ", width-fill), done, total, note)
	p.drawn = true
}

func (p *progress) clear() {
	if p.drawn {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", 79))
		p.drawn = false
	}
}
