package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/flsest/flsest/datasets"
)

// syntheticDir writes a small MovieLens-shaped dataset and returns its path.
func syntheticDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	s := datasets.NewSynthetic(datasets.SyntheticOptions{Users: 60, Movies: 80, Ratings: 4000, Seed: 2})
	if err := datasets.WriteDir(dir, s.MovieLens100KFiles()); err != nil {
		t.Fatal(err)
	}
	return dir
}

func train(t *testing.T, args ...string) (map[string]any, string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := runTrain(args, &stdout, &stderr)
	if err != nil {
		return nil, stderr.String(), err
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	var out map[string]any
	if jerr := json.Unmarshal([]byte(lines[len(lines)-1]), &out); jerr != nil {
		t.Fatalf("stdout's last line is not JSON: %v\n%s", jerr, stdout.String())
	}
	return out, stderr.String(), nil
}

// The -json summary is stdout's last line and carries the fields scripts
// rely on; the same seed gives identical numbers.
func TestTrainJSON(t *testing.T) {
	dir := syntheticDir(t)
	args := []string{"-data", dir, "-json", "-epochs", "2", "-hidden", "16", "-embedding-dim", "4", "-seed", "3"}
	a, log, err := train(t, args...)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"test_auc", "test_logloss", "best_epoch", "log_size_bytes", "epoch_seconds", "train_samples_per_second", "epochs", "config"} {
		if _, ok := a[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	if !strings.Contains(log, "epoch   1  train loss") {
		t.Errorf("stderr has no per-epoch line:\n%s", log)
	}
	b, _, err := train(t, args...)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"test_auc", "test_logloss", "best_epoch", "log_size_bytes", "val_auc"} {
		if a[k] != b[k] {
			t.Errorf("%s: %v then %v with the same seed", k, a[k], b[k])
		}
	}
}

func TestTrainFlagErrors(t *testing.T) {
	dir := syntheticDir(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-dropout", "1"}, "-dropout: 1 is out of range [0, 1)"},
		{[]string{"-lr", "0"}, "-lr: 0 is out of range (0, 1]"},
		{[]string{"-batch-size", "ten"}, `-batch-size: "ten" is not an integer`},
		{[]string{"-model", "gpt"}, `-model: "gpt" is not one of`},
		{[]string{"-preset", "slow"}, `-preset: "slow" is not one of [paper quick]`},
		{[]string{"-data", dir + "/nowhere"}, "no such file or directory"},
	} {
		_, _, err := train(t, append([]string{"-data", dir}, c.args...)...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: error %v, want %q", c.args, err, c.want)
		}
	}
}

// -h prints the flags and succeeds; a bad flag is said once, with the
// usage, and exits 2; -save is checked before any data is read.
func TestCommandLine(t *testing.T) {
	for _, c := range []struct {
		args   []string
		status int
		once   string // said exactly once on stderr
	}{
		{[]string{"-h"}, 0, "usage:"},
		{[]string{"train", "-h"}, 0, "-batch-size"},
		{[]string{"explain", "-h"}, 0, "usage: flsest explain"},
		{[]string{"train", "-bogus"}, 2, "flag provided but not defined: -bogus"},
		{[]string{"reproduce", "-bogus"}, 2, "flag provided but not defined: -bogus"},
		{[]string{"fly"}, 2, `unknown command "fly"`},
		{[]string{"train", "-save", t.TempDir() + "/no/such/dir/m.ckpt", "-data", t.TempDir() + "/nowhere"}, 1, "-save: cannot create"},
		{[]string{"train", "-dropout", "x"}, 1, `-dropout: "x" is not a number`},
	} {
		var stdout, stderr bytes.Buffer
		if got := run(c.args, &stdout, &stderr); got != c.status {
			t.Errorf("%v: exit status %d, want %d\n%s", c.args, got, c.status, stderr.String())
		}
		if n := strings.Count(stderr.String(), c.once); n != 1 {
			t.Errorf("%v: %q said %d times on stderr, want once:\n%s", c.args, c.once, n, stderr.String())
		}
	}
}
