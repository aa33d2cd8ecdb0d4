package engine

import (
	"errors"
	"time"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/model"
)

type target int

const (
	runAll   target = iota // until the run finishes
	runBatch               // one training batch (and the validation it completes)
	runEpoch               // to the end of the current epoch
)

func (r *Runner) loop() {
	last := time.Now()
	for {
		select {
		case <-r.done:
			return
		case <-r.wake:
		}
		for r.step() {
			if time.Since(last) >= r.YieldEvery {
				r.Yield()
				last = time.Now()
			}
		}
	}
}

func (r *Runner) nudge() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// step runs one Session step under the lock and reports whether to go on.
func (r *Runner) step() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.status != api.StatusTraining || r.sess == nil {
		return false
	}
	info, err := r.sess.Step()
	if err != nil {
		r.status = api.StatusPaused
		r.err = &api.Error{Code: api.CodeInternal, Message: err.Error()}
		if errors.Is(err, model.ErrNonFinite) {
			r.err = &api.Error{Code: api.CodeNaN, Message: err.Error() +
				". Training is paused with the weights from before this step. Lower the learning rate and press play, or reset."}
		}
		r.publish(api.Event{Type: api.EventError, Error: r.err})
		r.publish(api.Event{Type: api.EventState, State: r.stateLocked()})
		return false
	}
	now := time.Now()
	if info.Phase == PhaseTrain {
		r.lossSum += info.Loss
		r.lossN++
		r.progSamples += r.cfg.BatchSize
	}
	if e := info.Epoch; e != nil {
		ae := apiEpoch(*e)
		r.publish(api.Event{Type: api.EventEpoch, Epoch: &ae})
		r.publishSnapshot()
	}
	if res := info.Result; res != nil {
		r.status = api.StatusFinished
		r.publishProgress(now)
		r.publishSnapshot()
		r.publish(api.Event{Type: api.EventDone, Result: apiResult(res)})
		r.publish(api.Event{Type: api.EventState, State: r.stateLocked()})
		return false
	}
	switch {
	case r.target == runBatch && info.Phase == PhaseTrain && r.sess.Phase() == PhaseTrain,
		r.target != runAll && info.Epoch != nil && r.sess.Phase() == PhaseTrain:
		r.pauseLocked()
		return false
	}
	if now.Sub(r.lastProgress) >= r.ProgressEvery {
		r.publishProgress(now)
	}
	if info.Phase == PhaseTrain && now.Sub(r.lastSnapshot) >= r.SnapshotEvery {
		r.publishSnapshot()
	}
	return true
}

func (r *Runner) pauseLocked() {
	r.status = api.StatusPaused
	r.publishProgress(time.Now())
	r.publishSnapshot()
	r.publish(api.Event{Type: api.EventState, State: r.stateLocked()})
}

func (r *Runner) startLocked() {
	r.pristine = false
	if r.status != api.StatusTraining {
		r.status = api.StatusTraining
		r.lastProgress = time.Now()
		// The page has the latest snapshot; the next one comes after
		// SnapshotEvery, not with the first batch, so the page's first
		// render after play does not also redraw every chart.
		r.lastSnapshot = time.Now()
		r.publish(api.Event{Type: api.EventState, State: r.stateLocked()})
	}
	r.nudge()
}
