package main

import (
	"bytes"
	"encoding/json"
	"math"
	"path/filepath"
	"strings"
	"testing"
)

// explain runs the subcommand and decodes stdout's last line.
func explain(t *testing.T, args ...string) (map[string]any, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if err := runExplain(args, &stdout, &stderr); err != nil {
		t.Fatalf("explain %v: %v\n%s", args, err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	var out map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &out); err != nil {
		t.Fatalf("stdout's last line is not JSON: %v\n%s", err, stdout.String())
	}
	return out, stderr.String()
}

// -json's last line has every field with the keys the issue names, and
// the sample's Shapley values add up to its logit; -load explains a saved
// checkpoint to the same numbers as training it first.
func TestExplainJSON(t *testing.T) {
	dir := syntheticDir(t)
	ckpt := filepath.Join(t.TempDir(), "m.ckpt")
	small := []string{"-data", dir, "-epochs", "2", "-hidden", "16", "-embedding-dim", "4", "-seed", "3"}
	if _, _, err := train(t, append(small, "-json", "-save", ckpt)...); err != nil {
		t.Fatal(err)
	}
	args := append(small, "-json", "-user", "3", "-movie", "5", "-repeats", "2", "-summary-rows", "50", "-background", "16", "-quiet")
	trained, _ := explain(t, args...)
	loaded, _ := explain(t, append(args, "-load", ckpt)...)
	fields := trained["fields"].([]any)
	if len(fields) != 8 {
		t.Fatalf("%d fields", len(fields))
	}
	for _, f := range fields {
		for _, k := range []string{"name", "permutation_auc_drop", "permutation_auc_drop_std", "shapley_mean_abs", "sest_threshold_ratio", "sest_se_weight", "sest_units_active"} {
			if _, ok := f.(map[string]any)[k]; !ok {
				t.Errorf("field %v lacks %q", f, k)
			}
		}
	}
	sample := trained["sample"].(map[string]any)
	sum := sample["base_logit"].(float64)
	for _, p := range sample["shapley"].([]any) {
		sum += p.(map[string]any)["phi"].(float64)
	}
	if sample["user"].(float64) != 3 || math.Abs(sum-sample["logit"].(float64)) > 1e-5 {
		t.Errorf("sample %v: base + Σφ = %v", sample, sum)
	}
	a, _ := json.Marshal(trained["fields"])
	b, _ := json.Marshal(loaded["fields"])
	if string(a) != string(b) {
		t.Errorf("trained then explained:\n%s\nloaded from its checkpoint:\n%s", a, b)
	}
}

func TestExplainTableAndErrors(t *testing.T) {
	dir := syntheticDir(t)
	var stdout, stderr bytes.Buffer
	err := runExplain([]string{"-data", dir, "-epochs", "1", "-hidden", "8", "-embedding-dim", "4", "-repeats", "1", "-summary-rows", "20", "-quiet"}, &stdout, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout.String(), "ΔAUC") || strings.Count(stdout.String(), "\n") != 10 {
		t.Errorf("table:\n%s", stdout.String())
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-user", "3"}, "-user and -movie go together"},
		{[]string{"-background", "0"}, "-background: 0 is out of range"},
		{[]string{"-dropout", "2"}, "-dropout: 2 is out of range"},
		{[]string{"-load", filepath.Join(dir, "u.data")}, "-load:"},
		{[]string{"-load", filepath.Join(dir, "nothing")}, "-load: open"},
	} {
		err := runExplain(append([]string{"-data", dir, "-epochs", "1", "-quiet"}, c.args...), &stdout, &stderr)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: error %v, want %q", c.args, err, c.want)
		}
	}
}
