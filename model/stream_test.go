package model

import (
	"slices"
	"testing"
)

// The fusion's parts are numbered as they run: each stream's interaction
// layers in Config.Interactions' order, then its MLP; a shared MLP last.
func TestStreamsNumberTheirParts(t *testing.T) {
	s := testSchema([]int{0, 0, 0, 1, 1, 2}, 5)
	for _, c := range []struct {
		arch string
		want []string
	}{
		{"flsest", []string{"fwbi_o", "mlp_o", "fwbi_s", "mlp_s"}},
		{"everything", []string{"fwbi_o", "fm_o", "fwfm_o", "cin_o", "mlp_o", "fwbi_s", "fm_s", "fwfm_s", "cin_s", "mlp_s"}},
		{"deepfm+sest", []string{"fm_o", "fm_s", "mlp"}},
		{"fibinet", []string{"mlp"}},
		{"nfm", []string{"mlp_o"}},
		{"fm", []string{"fm_o"}},
	} {
		cfg := smallConfig()
		testArchitectures[c.arch](&cfg)
		m, err := NewNet[float64](s, cfg, 2, 1)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(m.PartNames, c.want) {
			t.Errorf("%s: parts %v, want %v", c.arch, m.PartNames, c.want)
		}
		for _, st := range m.Streams {
			if (st.MLP == nil) != (m.SharedMLP != nil || len(cfg.DeepInputs) == 0) {
				t.Errorf("%s: stream %s MLP %v beside shared %v", c.arch, st.Suffix, st.MLP != nil, m.SharedMLP != nil)
			}
		}
	}
}
