package state

import (
	"slices"

	"github.com/flsest/flsest/engine/api"
)

// Compare trains several models one after another with the same settings
// and seed (so on the same split), and keeps each one's result and
// validation curve for a leaderboard.
type Compare struct {
	Selected []string // models to compare, in order
	Queue    []string // still to train
	Running  string   // the model training now ("" when idle)
	Entries  []CompareEntry
	Error    string
}

// CompareEntry is one finished model.
type CompareEntry struct {
	Model   string
	Result  api.Result
	History []api.EpochResult
	Seconds float64 // training and validation time over all epochs
}

// DefaultCompare is what the Compare view starts with.
var DefaultCompare = []string{"fm", "deepfm", "flen", "flsest"}

// ToggleCompare adds or removes a model from the selection.
func (s *Store) ToggleCompare(model string, on bool) {
	i := slices.Index(s.Compare.Selected, model)
	switch {
	case on && i < 0:
		s.Compare.Selected = append(s.Compare.Selected, model)
	case !on && i >= 0:
		s.Compare.Selected = slices.Delete(s.Compare.Selected, i, i+1)
	}
}

// StartCompare trains every selected model in turn (from the DOM handler).
func (s *Store) StartCompare() {
	if s.Training() || len(s.Compare.Selected) == 0 {
		return
	}
	s.Compare.Queue = slices.Clone(s.Compare.Selected)
	s.Compare.Entries, s.Compare.Error = nil, ""
	s.compareNext()
}

// CancelCompare stops after the model that is training.
func (s *Store) CancelCompare() { s.Compare.Queue = nil }

// compareNext selects the next model and plays it (under the lock).
func (s *Store) compareNext() {
	if len(s.Compare.Queue) == 0 {
		s.Compare.Running = ""
		return
	}
	m := s.Compare.Queue[0]
	s.Compare.Queue = s.Compare.Queue[1:]
	s.Compare.Running = m
	s.setThen("model", m, func() { s.Command("play") })
}

// compareDone records the finished run and starts the next (under the lock).
func (s *Store) compareDone(res *api.Result) {
	if s.Compare.Running == "" || res == nil {
		return
	}
	e := CompareEntry{Model: s.Compare.Running, Result: *res, History: slices.Clone(s.State.History)}
	for _, h := range e.History {
		e.Seconds += h.TrainSeconds + h.EvalSeconds
	}
	s.Compare.Entries = append(s.Compare.Entries, e)
	s.compareNext()
}
