package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSelectExperiments(t *testing.T) {
	for _, c := range []struct {
		tables, figures string
		want            []string
	}{
		{"2", "", []string{"table2"}},
		{"1,5", "9", []string{"table1", "table5", "figure9"}},
		{"", "", nil}, // all
	} {
		got, err := selectExperiments(c.tables, c.figures)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, e := range got {
			ids = append(ids, e.ID)
		}
		if c.want == nil && len(ids) != len(experiments) || c.want != nil && strings.Join(ids, ",") != strings.Join(c.want, ",") {
			t.Errorf("-table %q -figure %q selects %v, want %v", c.tables, c.figures, ids, c.want)
		}
	}
	if _, err := selectExperiments("7", ""); err == nil || !strings.Contains(err.Error(), "no table7") {
		t.Errorf("table 7: %v", err)
	}
}

// A reproduction on synthetic data runs, caches every run, and a second
// call runs nothing and prints the same table.
func TestReproduceIsResumable(t *testing.T) {
	dir := syntheticDir(t)
	cache := filepath.Join(t.TempDir(), "cache")
	md := filepath.Join(t.TempDir(), "R.md")
	os.WriteFile(md, []byte("intro\n<!-- reproduce:table2 -->\nold\n<!-- /reproduce:table2 -->\nend\n"), 0o644)
	args := []string{"-table", "2", "-seeds", "2", "-data", dir, "-cache", cache, "-write", md, "-workers", "2"}
	// Small runs: override the preset through a config in the synthetic test.
	var log1, log2 strings.Builder
	if err := runReproduce(args, &strings.Builder{}, &log1); err != nil {
		t.Fatal(err)
	}
	first, _ := os.ReadFile(md)
	if err := runReproduce(args, &strings.Builder{}, &log2); err != nil {
		t.Fatal(err)
	}
	second, _ := os.ReadFile(md)
	if !strings.Contains(log1.String(), "12 runs, 0 cached, 12 to do") || !strings.Contains(log2.String(), "12 runs, 12 cached, 0 to do") {
		t.Errorf("logs:\n%s\n%s", log1.String(), log2.String())
	}
	if string(first) != string(second) || !strings.Contains(string(first), "| FM+SEST |") || strings.Contains(string(first), "old") || !strings.HasSuffix(string(first), "end\n") {
		t.Errorf("REPRODUCTION block:\n%s", first)
	}
	if n, _ := filepath.Glob(filepath.Join(cache, "*.json")); len(n) != 12 {
		t.Errorf("%d cached runs, want 12", len(n))
	}
}
