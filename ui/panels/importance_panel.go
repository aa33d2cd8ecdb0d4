package panels

import (
	"strconv"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/format"
)

// defaultRepeats is the permutation job's repeats until the user picks.
const defaultRepeats = 5

// sestGranularity is the setting that chooses SEST's reading.
const sestGranularity = "sest_granularity"

func (c *Importance) repeats() int {
	if c.chosenRepeats > 0 {
		return c.chosenRepeats
	}
	return defaultRepeats
}

func (c *Importance) setRepeats(v string) {
	if n, err := strconv.Atoi(v); err == nil && n > 0 {
		c.chosenRepeats = n
	}
}

func (c *Importance) running() bool { return c.Job.State == api.JobRunning }

func (c *Importance) total() int { return max(c.Job.Total, 1) }

// otherReading is the SEST reading the panel offers beside the one in use.
func otherReading(g string) string {
	if g == "coordinate" {
		return "field"
	}
	return "coordinate"
}

func (c *Importance) readingButton() string {
	return "Read SEST per " + otherReading(c.Granularity)
}

func (c *Importance) readingHelp() string {
	return "The training setting sest_granularity (in More settings): switching starts a new session from step 0."
}

// jobLine says what the permutation job did or does.
func (c *Importance) jobLine() string {
	j := c.Job
	switch j.State {
	case api.JobRunning:
		return "Shuffling each field across the validation rows: " + format.Int(j.Done) + " of " + format.Int(j.Total) + " rows scored (weights of step " + strconv.Itoa(j.Step) + ")."
	case api.JobDone:
		if r := j.Result; r != nil {
			return "Permutation importance over " + format.Int(r.Rows) + " validation rows, " + strconv.Itoa(r.Repeats) + " repeats from seed " +
				strconv.FormatUint(r.Seed, 10) + ", weights of step " + strconv.Itoa(j.Step) + " (AUC " + format.Fixed(r.AUC, 4) + "), in " + format.Seconds(r.Seconds) + "."
		}
	case api.JobCancelled:
		return "The permutation job was cancelled."
	case api.JobFailed:
		if j.Error != nil {
			return "The permutation job failed: " + j.Error.Message
		}
	}
	return "Each field's values shuffled across the validation rows: how much AUC drops without it."
}

// numbersButton opens or closes the table of numbers (closed, it is no
// part of the page's managed DOM).
func (c *Importance) numbersButton() string {
	if c.numbers {
		return "Hide the numbers"
	}
	return "Show the numbers"
}
