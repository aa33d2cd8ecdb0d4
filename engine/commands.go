package engine

import (
	"fmt"
	"reflect"
	"time"

	"github.com/flsest/flsest/engine/api"
)

// State returns the whole session state.
func (r *Runner) State() *api.State {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.stateLocked()
}

func (r *Runner) stateLocked() *api.State {
	r.seq++
	st := &api.State{Seq: r.seq, Status: r.status, Config: configMap(r.cfg), Dataset: r.dataInfo, Error: r.err, History: []api.EpochResult{}}
	if r.sess != nil {
		st.Progress = r.progressLocked()
		for _, e := range r.sess.History {
			st.History = append(st.History, apiEpoch(e))
		}
		st.Result = apiResult(r.sess.Result())
		st.Parameters = r.sess.Model.Arena.Count()
	}
	return st
}

// Command applies a session action: play, pause, step, step-epoch, stop,
// reset, new-seed.
func (r *Runner) Command(action string) (*api.State, error) {
	if action == "reset" || action == "new-seed" {
		return r.reset(action == "new-seed")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.sess == nil {
		return nil, conflict("no dataset is loaded yet")
	}
	switch action {
	case "play", "step", "step-epoch":
		switch r.status {
		case api.StatusFinished:
			return nil, conflict("the run has finished: reset to train again")
		case api.StatusTraining:
			if action != "play" {
				return nil, conflict("training is running: pause first")
			}
		}
		r.target = map[string]target{"play": runAll, "step": runBatch, "step-epoch": runEpoch}[action]
		r.err = nil
		r.startLocked()
	case "pause":
		if r.status == api.StatusTraining && r.sess.Phase() != PhaseTest {
			r.pauseLocked()
		}
	case "stop":
		if r.status == api.StatusFinished {
			break
		}
		r.sess.Stop()
		r.target = runAll
		r.startLocked()
	default:
		return nil, &api.Error{Code: api.CodeNotFound, Message: fmt.Sprintf("no session action %q (play, pause, step, step-epoch, stop, reset, new-seed)", action)}
	}
	return r.stateLocked(), nil
}

// reset rebuilds the session for the current config, with a new seed if
// asked; a running training stops (the old session is closed).
func (r *Runner) reset(newSeed bool) (*api.State, error) {
	r.rebuilding.Lock()
	defer r.rebuilding.Unlock()
	r.mu.Lock()
	if r.sess == nil {
		r.mu.Unlock()
		return nil, conflict("no dataset is loaded yet")
	}
	if r.status == api.StatusTraining {
		r.status = api.StatusPaused // the loop stops at its next step; the session is replaced
	}
	cfg := r.cfg
	r.mu.Unlock()
	if newSeed {
		cfg.Seed = uint64(time.Now().UnixNano()%999983) + 1
	}
	return r.rebuild(cfg)
}

// Configure applies a preset and settings, then rebuilds the session. It is
// refused while training. A config equal to the current one, but for the
// number of workers, on a session nothing has changed yet is answered
// without a rebuild: the page sends its settings once it starts, usually
// the ones the engine already has (and workers = cores − 1), and a rebuild
// (a model and its step-0 inspection) costs ~0.5 s in a browser.
func (r *Runner) Configure(req api.ConfigRequest) (*api.State, error) {
	r.rebuilding.Lock()
	defer r.rebuilding.Unlock()
	r.mu.Lock()
	st, cfg, err := r.configureLocked(req)
	r.mu.Unlock()
	if st != nil || err != nil {
		return st, err
	}
	return r.rebuild(cfg)
}

// configureLocked checks req against the status and applies it to the
// config; it answers (a state or an error) unless the session must be
// rebuilt for the returned config.
func (r *Runner) configureLocked(req api.ConfigRequest) (*api.State, TrainConfig, error) {
	if r.status == api.StatusTraining {
		return nil, r.cfg, conflict("training is running: pause or stop before changing settings")
	}
	cfg, err := r.cfg.Apply(req.Preset, req.Settings)
	if err != nil {
		return nil, cfg, invalid(err)
	}
	old := r.cfg
	if r.pristine && r.sess != nil && r.status == api.StatusReady {
		// The number of workers does not enter a session's weights or its
		// step-0 snapshot: only the replicas change (the page asks for
		// one worker per core but one).
		sameModel := old
		sameModel.Workers = cfg.Workers
		if reflect.DeepEqual(cfg, sameModel) {
			if cfg.Workers != old.Workers {
				r.sess.UseReplicas(nil) // closes the old ones
				r.sess.Cfg.Workers = cfg.Workers
				if err := r.startReplicas(r.sess); err != nil {
					r.sess.Cfg.Workers = old.Workers
					if rerr := r.startReplicas(r.sess); rerr != nil {
						return nil, cfg, rerr
					}
					return nil, cfg, err
				}
				r.cfg = cfg
				r.publish(api.Event{Type: api.EventState, State: r.stateLocked()})
			}
			return r.stateLocked(), cfg, nil
		}
	}
	if r.ml == nil {
		r.cfg = cfg
		return r.stateLocked(), cfg, nil
	}
	return nil, cfg, nil
}
