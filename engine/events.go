package engine

import (
	"time"

	"github.com/flsest/flsest/engine/api"
)

// publish sends ev to every subscriber without blocking the loop. A
// subscriber too slow for anything but progress is dropped; it reconnects
// and starts again from a state event.
func (r *Runner) publish(ev api.Event) {
	for ch := range r.subs {
		select {
		case ch <- ev:
		default:
			if ev.Type != api.EventProgress {
				delete(r.subs, ch)
				close(ch)
			}
		}
	}
}

// Subscribe returns a channel of events, starting with the current state
// and the latest snapshot, and a function that ends the subscription.
func (r *Runner) Subscribe() (<-chan api.Event, func()) {
	r.mu.Lock()
	defer r.mu.Unlock()
	ch := make(chan api.Event, 256)
	ch <- api.Event{Type: api.EventState, State: r.stateLocked()}
	if r.snap != nil {
		ch <- api.Event{Type: api.EventSnapshot, Snapshot: r.snap}
	}
	r.subs[ch] = struct{}{}
	return ch, func() {
		r.mu.Lock()
		defer r.mu.Unlock()
		if _, ok := r.subs[ch]; ok {
			delete(r.subs, ch)
			close(ch)
		}
	}
}

func (r *Runner) progressLocked() api.Progress {
	p := api.Progress{Phase: "train"}
	if r.sess == nil {
		return p
	}
	p.Epoch, p.Batch, p.BatchesPerEpoch, p.Steps = r.sess.Epoch(), r.sess.BatchInEpoch(), r.sess.BatchesPerEpoch(), r.sess.Steps()
	p.Workers = 1
	if reps := r.sess.Replicas(); reps != nil {
		p.Workers += reps.Count()
	}
	p.Phase = []string{"train", "validate", "test", "done"}[r.sess.Phase()]
	return p
}

func (r *Runner) publishProgress(now time.Time) {
	p := r.progressLocked()
	if r.lossN > 0 {
		p.Loss = r.lossSum / float64(r.lossN)
	}
	if dt := now.Sub(r.lastProgress).Seconds(); !r.lastProgress.IsZero() && dt > 0 {
		p.SamplesPerSec = float64(r.progSamples) / dt
	}
	r.lastProgress, r.lossSum, r.lossN, r.progSamples = now, 0, 0, 0
	r.publish(api.Event{Type: api.EventProgress, Progress: &p})
}
