package state

import (
	"math"
	"testing"

	"github.com/flsest/flsest/engine/api"
)

// The speed-up shown is the ratio of speeds seen for the same settings,
// whatever the seed; other settings or a missing one-worker run give none.
func TestSpeedUpFromSeenSpeeds(t *testing.T) {
	var s Speeds
	cfg := map[string]string{"model": "flsest", "batch_size": "128", "workers": "1", "seed": "1"}
	train := func(c map[string]string, workers int, sps float64) {
		s.Observe(c, api.Progress{Phase: "train", Workers: workers, SamplesPerSec: sps, Steps: 500})
	}
	if _, ok := s.SpeedUp(cfg, 2); ok {
		t.Fatal("a speed-up before anything was seen")
	}
	train(cfg, 1, 10000)
	two := map[string]string{"model": "flsest", "batch_size": "128", "workers": "2", "seed": "7"}
	train(two, 2, 14000)
	if x, ok := s.SpeedUp(two, 2); !ok || math.Abs(x-1.4) > 1e-9 {
		t.Errorf("speed-up %v %v, want 1.4", x, ok)
	}
	train(two, 2, 19000) // smoothed: 0.8·14000 + 0.2·19000 = 15000
	if x, _ := s.SpeedUp(two, 2); math.Abs(x-1.5) > 1e-9 {
		t.Errorf("smoothed speed-up %v, want 1.5", x)
	}
	other := map[string]string{"model": "deepfm", "batch_size": "128", "workers": "2"}
	train(other, 2, 9000)
	if _, ok := s.SpeedUp(other, 2); ok {
		t.Error("a speed-up for a model never trained on one worker")
	}
	s.Observe(cfg, api.Progress{Phase: "validate", Workers: 1, SamplesPerSec: 1, Steps: 500})
	s.Observe(cfg, api.Progress{Phase: "train", Workers: 1, SamplesPerSec: 1, Steps: 3}) // warming up
	if x, _ := s.SpeedUp(two, 2); math.Abs(x-1.5) > 1e-9 {
		t.Error("a validation or warm-up event changed the training speed")
	}
}
