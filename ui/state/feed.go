package state

import (
	"slices"
	"time"

	"github.com/flsest/flsest/engine/api"
)

// subscribe streams events into the store. If the stream ends while the
// engine lives (the engine drops a subscriber that lags), it subscribes
// again: a new stream starts with the whole state.
func (s *Store) subscribe() {
	if s.stopFeed != nil {
		s.stopFeed()
	}
	gen := s.feedGen.Add(1)
	s.stopFeed = s.Client.Events(func(ev api.Event) {
		switch ev.Type {
		case api.EventProgress, api.EventSnapshot, api.EventEpoch:
			s.coalesce(func() { s.Apply(ev) })
		default:
			s.update(func() { s.Apply(ev) })
		}
	}, func(err error) {
		time.Sleep(500 * time.Millisecond)
		s.Env.Lock()
		again := s.Page != PageCrashed && s.feedGen.Load() == gen
		s.Env.UnlockOnly()
		if again {
			s.subscribe()
		}
	})
}

// Apply folds one event into the store. It runs under the write lock.
func (s *Store) Apply(ev api.Event) {
	switch ev.Type {
	case api.EventState:
		if ev.State != nil {
			s.SetState(*ev.State)
		}
	case api.EventProgress:
		if p := ev.Progress; p != nil {
			s.State.Progress = *p
			s.Speeds.Observe(s.State.Config, *p)
			if p.Phase == "train" && p.Loss > 0 {
				s.addLoss(Point{float64(p.Steps), p.Loss})
			}
		}
	case api.EventEpoch:
		if e := ev.Epoch; e != nil && !slices.ContainsFunc(s.State.History, func(h api.EpochResult) bool { return h.Epoch == e.Epoch }) {
			s.State.History = append(s.State.History, *e)
			s.HistorySeq++
		}
	case api.EventSnapshot:
		s.Snapshot = ev.Snapshot
		s.SnapshotSeq++
	case api.EventError:
		s.State.Error = ev.Error
		if s.Compare.Running != "" {
			s.Compare.Error = s.Compare.Running + ": " + ev.Error.Message
			s.Compare.Running, s.Compare.Queue = "", nil
		}
	case api.EventImportance:
		s.applyImportance(ev.Importance)
	case api.EventDone:
		s.State.Result = ev.Result
		s.HistorySeq++
		s.State.Status = api.StatusFinished
		s.compareDone(ev.Result)
	}
	s.refreshViews()
}

// SetState replaces the state unless st is older than the one shown (a
// command's reply can arrive after the event that followed it).
func (s *Store) SetState(st api.State) {
	if st.Seq < s.State.Seq {
		return
	}
	if len(st.History) == 0 && st.Progress.Steps == 0 {
		s.Loss = s.Loss[:0] // a new session
		s.LossSeq++
	}
	s.State = st
	s.HistorySeq++ // states are rare (commands, status changes): count each
	if s.Page == PageNeedData && st.Dataset.Loaded {
		s.Page = PageReady
	}
}

// maxLossPoints bounds the loss curve: past it, addLoss halves the
// resolution (the chart's data stays small however long training runs).
const maxLossPoints = 400

// addLoss appends a point, halving the resolution when the curve grows
// past maxLossPoints.
func (s *Store) addLoss(p Point) {
	if n := len(s.Loss); n > 0 && s.Loss[n-1].Step >= p.Step {
		return
	}
	s.Loss = append(s.Loss, p)
	s.LossSeq++
	if len(s.Loss) > maxLossPoints {
		half := s.Loss[:0]
		for i := 0; i+1 < len(s.Loss); i += 2 {
			a, b := s.Loss[i], s.Loss[i+1]
			half = append(half, Point{b.Step, (a.Loss + b.Loss) / 2})
		}
		s.Loss = half
	}
}
