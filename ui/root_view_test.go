package main

import (
	"testing"

	"github.com/flsest/flsest/engine/api"
)

// The live region says the status, and the last epoch's validation numbers
// once there is one (never a progress tick's).
func TestAnnouncement(t *testing.T) {
	if got := announcement("ready", nil); got != "Status: ready." {
		t.Errorf("no epoch yet: %q", got)
	}
	h := []api.EpochResult{{Epoch: 1, ValAUC: 0.7, ValLogLoss: 0.61}, {Epoch: 2, ValAUC: 0.76543, ValLogLoss: 0.58}}
	if got, want := announcement("training", h), "Status: training. Epoch 2 done: validation AUC 0.7654, LogLoss 0.5800."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
