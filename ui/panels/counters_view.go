package panels

import (
	"fmt"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/format"
)

// phaseNotes say what the loop does between training batches.
var phaseNotes = map[string]string{"validate": "validating…", "test": "testing at the best epoch…"}

// counterTexts is the counters' line: epoch, batch, steps, and the speed
// while training (with the workers' gain, speedUp, when known).
func counterTexts(p api.Progress, epochs string, training bool, speedUp float64) (epoch, batch, steps, speed string) {
	epoch = "epoch " + format.Int(p.Epoch) + " / " + epochs
	batch = "batch " + format.Int(p.Batch) + " / " + format.Int(p.BatchesPerEpoch)
	steps = format.Int(p.Steps) + " steps"
	if training && p.SamplesPerSec > 0 {
		speed = format.Int(int(p.SamplesPerSec)) + " samples/s"
		if p.Workers > 1 {
			speed += " on " + format.Int(p.Workers) + " workers"
			if speedUp > 0 {
				speed += fmt.Sprintf(" (%.2f× one worker, as measured on this page)", speedUp)
			}
		}
	}
	if training && p.Phase != "train" {
		speed = phaseNotes[p.Phase]
	}
	return
}
