package state

import (
	"net/url"
	"sort"
	"strings"

	"github.com/flsest/flsest/engine/api"
)

// parseHash reads "#preset=paper&lr=0.001&seed=7" into a config request.
func parseHash(h string) api.ConfigRequest {
	req := api.ConfigRequest{Settings: map[string]string{}}
	q, err := url.ParseQuery(strings.TrimPrefix(h, "#"))
	if err != nil {
		return req
	}
	for k, v := range q {
		if len(v) == 0 {
			continue
		}
		if k == "preset" {
			req.Preset = v[0]
			continue
		}
		req.Settings[k] = v[0]
	}
	return req
}

// hashFor writes the settings that differ from their defaults (the quick
// preset), sorted, plus the preset if it is not quick, and always the seed
// — so a link reproduces a run.
func hashFor(config map[string]string, settings []api.Setting) string {
	defaults := map[string]string{}
	for _, s := range settings {
		defaults[s.Name] = s.Default
	}
	var keys []string
	for k, v := range config {
		if k == "seed" || (k != "preset" && v != defaults[k]) || (k == "preset" && v != "quick") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, url.QueryEscape(k)+"="+url.QueryEscape(config[k]))
	}
	return "#" + strings.Join(parts, "&")
}

func (s *Store) writeHash() {
	s.Env.Lock()
	h := hashFor(s.State.Config, s.Settings)
	s.Env.UnlockOnly()
	s.Client.SetHash(h)
}
