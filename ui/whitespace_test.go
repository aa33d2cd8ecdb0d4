package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/panels"
	"github.com/vugu/vugu"
	"github.com/vugu/vugu/staticrender"
)

// Indentation between blocks goes; text and the spaces between inline
// elements stay.
func TestDropLayoutWhitespace(t *testing.T) {
	results := &panels.Results{Parameters: 12, Dataset: api.DatasetInfo{Loaded: true, Source: "ml-100k.zip"}}
	counters := &panels.Counters{Epochs: "2"}
	for _, c := range []struct {
		b                       vugu.Builder
		kept, dropped, contains []string
	}{
		{b: results, dropped: []string{"<section class=\"panel results\" id=\"results\">\n", "</h2>\n"},
			contains: []string{"<h2>Result</h2><p class=\"note\">", "Load weights <input"}},
		{b: counters, kept: []string{"</span>\n    <span"}},
	} {
		var before, after bytes.Buffer
		for i, drop := range []bool{false, true} {
			out := []*bytes.Buffer{&before, &after}[i]
			r := staticrender.New(out)
			env, _ := vugu.NewBuildEnv(r.EventEnv())
			res := env.RunBuild(c.b)
			if drop {
				dropLayoutWhitespace(res)
			}
			if err := r.Render(res); err != nil {
				t.Fatal(err)
			}
		}
		b, a := before.String(), after.String()
		for _, s := range c.dropped {
			if !strings.Contains(b, s) || strings.Contains(a, s) {
				t.Errorf("%q: not dropped\n%s", s, a)
			}
		}
		for _, s := range c.kept {
			if !strings.Contains(a, s) {
				t.Errorf("%q: dropped\n%s", s, a)
			}
		}
		for _, s := range c.contains {
			if !strings.Contains(a, s) {
				t.Errorf("no %q in\n%s", s, a)
			}
		}
		if strings.ReplaceAll(strings.Join(strings.Fields(b), ""), " ", "") != strings.ReplaceAll(strings.Join(strings.Fields(a), ""), " ", "") {
			t.Errorf("more than whitespace changed:\n%s\n---\n%s", b, a)
		}
	}
}
