package state

import (
	"sort"
	"strconv"
	"strings"

	"github.com/flsest/flsest/engine/api"
)

// Speeds remembers the training speed seen for each configuration and
// number of workers on this page, so the page can say what the workers
// gained ("1.3× one worker") from its own measurements, not a claim.
type Speeds struct {
	seen map[string]float64 // config (without workers) + "|" + workers → samples/s, smoothed
}

const warmUpSteps = 100

// speedKey is the configuration that sets the speed: every setting but
// workers and the seed.
func speedKey(config map[string]string) string {
	var parts []string
	for k, v := range config {
		if k != "workers" && k != "seed" {
			parts = append(parts, k+"="+v)
		}
	}
	sort.Strings(parts)
	return strings.Join(parts, "&")
}

// Observe folds one progress event's speed in (an exponential average:
// single events are noisy). The first warmUpSteps of a run are left out:
// the browser is still optimising the engine's code then.
func (s *Speeds) Observe(config map[string]string, p api.Progress) {
	if p.Phase != "train" || p.SamplesPerSec <= 0 || p.Workers < 1 || p.Steps < warmUpSteps {
		return
	}
	if s.seen == nil {
		s.seen = map[string]float64{}
	}
	k := speedKey(config) + "|" + strconv.Itoa(p.Workers)
	if old, ok := s.seen[k]; ok {
		s.seen[k] = 0.8*old + 0.2*p.SamplesPerSec
	} else {
		s.seen[k] = p.SamplesPerSec
	}
}

// SpeedUp is the speed with workers over the speed with one, both as seen
// on this page for config; ok is false until both have been seen.
func (s *Speeds) SpeedUp(config map[string]string, workers int) (float64, bool) {
	k := speedKey(config) + "|"
	one, ok1 := s.seen[k+"1"]
	many, ok2 := s.seen[k+strconv.Itoa(workers)]
	if !ok1 || !ok2 || workers < 2 || one <= 0 {
		return 0, false
	}
	return many / one, true
}
