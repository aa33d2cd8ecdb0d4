package engine

import (
	"fmt"
	"time"

	"github.com/flsest/flsest/datasets"
	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/model"
)

// A new session (a model, its replicas and its step-0 inspection: ~0.5 s
// in a browser) is built outside the runner's lock and then swapped in, so
// GET /api/state, the event stream and every query are answered while a
// configure, a reset, a dataset or a checkpoint is being applied.
// r.rebuilding lets one rebuild run at a time; it is always taken before
// r.mu, never while holding it.

// freshSession is a session built for cfg on data, with everything
// install needs to make it the engine's.
type freshSession struct {
	cfg        TrainConfig
	ml         *datasets.MovieLens
	data       *Data
	info       *api.DatasetInfo // a new dataset's source, nil to keep the current
	sess       *Session
	batch      *model.Batch
	initial    *api.Snapshot     // at step 0
	inspection *model.Inspection // initial's
	snap       *api.Snapshot     // the latest: initial, or a checkpoint's weights
}

// buildSession builds a session for cfg on data (from ml), starts its
// replicas and inspects it at step 0; with weights, it then loads them and
// inspects again. It reads no runner state but the fields set before the
// runner started (NewReplicas, SnapshotSamples), so it needs no lock.
func (r *Runner) buildSession(cfg TrainConfig, ml *datasets.MovieLens, data *Data, weights []float32) (*freshSession, error) {
	sess, err := NewSession(cfg, data)
	if err != nil {
		return nil, invalid(err)
	}
	if err := r.startReplicas(sess); err != nil {
		return nil, err
	}
	f := &freshSession{cfg: cfg, ml: ml, data: data, sess: sess, batch: data.NewBatch(EvalChunk)}
	idx := snapshotRows(data, r.SnapshotSamples, false)
	f.initial, f.inspection = inspectSession(sess, data, idx, false, nil)
	f.initial.Initial = f.initial.Fields
	f.snap = f.initial
	if weights != nil {
		copy(sess.Model.Arena.Value, weights)
		f.snap, _ = inspectSession(sess, data, idx, false, f.initial.Fields)
	}
	return f, nil
}

// install makes f the engine's session; the status becomes ready. A
// session that is training is replaced only if stopTraining (a reset);
// otherwise (settings, a checkpoint, a dataset: refused while training)
// training that started while f was built wins, and f is dropped with a
// conflict.
func (r *Runner) install(f *freshSession, stopTraining bool) (*api.State, error) {
	if r.built != nil {
		r.built()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.status == api.StatusTraining && !stopTraining {
		f.sess.Close()
		return nil, conflict("training started while the new session was being built: pause or stop, then try again")
	}
	if r.sess != nil {
		r.sess.Close() // its replicas, if any
	}
	r.cfg = f.cfg
	if f.data != r.data || f.info != nil {
		r.ml, r.data = f.ml, f.data
		if f.info != nil {
			load := r.dataInfo.Load + 1
			r.dataInfo = *f.info
			r.dataInfo.Load = load
		}
		r.fillDataInfoLocked()
	}
	r.sess, r.status, r.err, r.target = f.sess, api.StatusReady, nil, runAll
	r.batch = f.batch
	r.initial, r.initialInspection = f.initial.Fields, f.inspection
	r.snap = f.snap
	r.lastSnapshot = time.Now()
	r.lossSum, r.lossN, r.progSamples = 0, 0, 0
	r.pristine = f.snap == f.initial
	r.publish(api.Event{Type: api.EventState, State: r.stateLocked()})
	r.publish(api.Event{Type: api.EventSnapshot, Snapshot: r.snap})
	return r.stateLocked(), nil
}

// rebuild builds a session for cfg on the current data (new data if the
// split's settings changed) and installs it (stopTraining: see install).
// The caller holds r.rebuilding.
func (r *Runner) rebuild(cfg TrainConfig, stopTraining bool) (*api.State, error) {
	r.mu.Lock()
	ml, data, old := r.ml, r.data, r.cfg
	r.mu.Unlock()
	if ml == nil {
		return nil, conflict("no dataset is loaded yet")
	}
	if data == nil || cfg.Grouping != old.Grouping || cfg.Context != old.Context || cfg.SplitSeed != old.SplitSeed {
		var err error
		if data, err = NewData(ml, cfg.Grouping, cfg.Context, cfg.SplitSeed); err != nil {
			return nil, invalid(err)
		}
	}
	f, err := r.buildSession(cfg, ml, data, nil)
	if err != nil {
		return nil, err
	}
	return r.install(f, stopTraining)
}

// startReplicas gives sess the data-parallel replicas its Cfg.Workers asks
// for (none for one worker).
func (r *Runner) startReplicas(sess *Session) error {
	if sess.Cfg.Workers <= 1 || r.NewReplicas == nil {
		return nil
	}
	spec, err := sess.ReplicaSpec()
	if err != nil {
		return invalid(err)
	}
	reps, err := r.NewReplicas(sess.Cfg.Workers-1, spec)
	if err != nil {
		return &api.Error{Code: api.CodeInvalid, Field: "workers", Message: fmt.Sprintf("could not start %d workers: %v", sess.Cfg.Workers, err)}
	}
	sess.UseReplicas(reps)
	return nil
}
