package engine

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"time"

	"github.com/flsest/flsest/datasets"
	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/model"
)

// Runner owns the engine's state — the dataset, the training session, its
// status — and the subscribers to its events. One goroutine (loop) trains,
// a bounded Session.Step at a time, releasing the lock between steps and
// yielding to the host every YieldEvery; every other method is called by an
// HTTP handler and returns quickly. So pause, stop and inspect are served
// while training, natively and in a browser worker alike.
type Runner struct {
	// YieldEvery and Yield: after this much work the loop calls Yield. In a
	// browser worker Go runs on the JS event loop, and only a real sleep
	// lets it deliver the next request (docs/design.md, platform facts: with Gosched alone
	// a ping waited 1.4 s; with a 1 ms sleep every ~20 ms, 0.1 s). The
	// browser host replaces the sleep with a message (wasm/worker).
	YieldEvery time.Duration
	Yield      func()
	// NewReplicas makes the data-parallel replicas of a session whose
	// config asks for Workers > 1: goroutines by default, Web Workers in
	// the browser (wasm/worker); nil trains every session alone.
	NewReplicas func(n int, spec ReplicaSpec) (Replicas, error)
	// ProgressEvery throttles progress events (100–250 ms); SnapshotEvery
	// throttles the live snapshots sent while training.
	ProgressEvery, SnapshotEvery time.Duration
	// SnapshotSamples is the size of the fixed validation sample snapshots
	// summarise (the first SnapshotSamples of the validation split).
	SnapshotSamples int

	mu       sync.Mutex
	cfg      TrainConfig
	ml       *datasets.MovieLens
	dataInfo api.DatasetInfo
	data     *Data
	sess     *Session
	status   string
	err      *api.Error
	target   target
	initial  []api.FieldSEST // SEST at step 0, over the snapshot sample
	// initialInspection is the step-0 inspection r.initial came from (SEST's drift).
	initialInspection *model.Inspection
	lastInspection    *model.Inspection // of the latest inspectLocked
	projector         projectorCache    // projector.go
	snap              *api.Snapshot     // the latest snapshot
	batch             *model.Batch      // for snapshots and inspection
	perm              *permutationJob   // the latest permutation importance job (importance.go)
	// pristine: the session is as newSessionLocked built it for r.cfg (no
	// step trained, no checkpoint loaded), so the same config would build
	// the same session again.
	pristine bool

	// Progress accounting, touched under mu.
	lastProgress, lastSnapshot time.Time
	lossSum                    float64
	lossN, progSamples         int

	wake chan struct{}
	done chan struct{}
	subs map[chan api.Event]struct{}
	seq  uint64 // of the last State handed out
}

type target int

const (
	runAll   target = iota // until the run finishes
	runBatch               // one training batch (and the validation it completes)
	runEpoch               // to the end of the current epoch
)

// NewRunner starts an engine with cfg and no data.
func NewRunner(cfg TrainConfig) (*Runner, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	r := &Runner{
		YieldEvery: 20 * time.Millisecond, Yield: func() { time.Sleep(time.Millisecond) },
		NewReplicas:   func(n int, spec ReplicaSpec) (Replicas, error) { return NewLocalReplicas(n, spec) },
		ProgressEvery: 200 * time.Millisecond, SnapshotEvery: 2 * time.Second, SnapshotSamples: DefaultSnapshotSamples,
		cfg: cfg, status: api.StatusNoData,
		wake: make(chan struct{}, 1), done: make(chan struct{}), subs: map[chan api.Event]struct{}{},
	}
	go r.loop()
	return r, nil
}

// Close stops the training loop.
func (r *Runner) Close() { close(r.done) }

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
		r.publish(api.Event{Type: "error", Error: r.err})
		r.publish(api.Event{Type: "state", State: r.stateLocked()})
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
		r.publish(api.Event{Type: "epoch", Epoch: &ae})
		r.publishSnapshot()
	}
	if res := info.Result; res != nil {
		r.status = api.StatusFinished
		r.publishProgress(now)
		r.publishSnapshot()
		r.publish(api.Event{Type: "done", Result: apiResult(res)})
		r.publish(api.Event{Type: "state", State: r.stateLocked()})
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
	r.publish(api.Event{Type: "state", State: r.stateLocked()})
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
	r.publish(api.Event{Type: "progress", Progress: &p})
}

func (r *Runner) publishSnapshot() {
	r.snap = r.snapshotLocked()
	r.lastSnapshot = time.Now()
	r.publish(api.Event{Type: "snapshot", Snapshot: r.snap})
}

// snapshotIdx is the fixed validation sample snapshots summarise.
func (r *Runner) snapshotIdx(full bool) []int32 {
	v := r.data.Split.Val
	if full || len(v) <= r.SnapshotSamples {
		return v
	}
	return v[:r.SnapshotSamples]
}

// snapshotLocked inspects the current weights over the snapshot sample (or
// the whole validation split if full).
func (r *Runner) snapshotLocked() *api.Snapshot {
	return r.inspectLocked(false)
}

func (r *Runner) inspectLocked(full bool) *api.Snapshot {
	m := r.sess.Model
	idx := r.snapshotIdx(full)
	res := InspectRows(m, r.data, idx, false)
	r.lastInspection = &res
	s := &api.Snapshot{
		Step: r.sess.Steps(), Epoch: r.sess.Epoch(), N: res.N, Scope: "validation-sample",
		Fields: apiFields(res.Fields), Initial: r.initial, Domains: res.Domains,
		R: res.R, Interaction: res.Interaction, Contributions: apiContributions(res.Contributions),
	}
	if full || len(idx) == len(r.data.Split.Val) {
		s.Scope = "validation"
	}
	for _, f := range r.data.Schema.Fields {
		s.FieldNames = append(s.FieldNames, f.Name)
	}
	for i, st := range m.Streams {
		if st.FwBI == nil {
			break
		}
		s.Streams = append(s.Streams, []string{"original", m.Config.Transform}[i])
	}
	return s
}

// publish sends ev to every subscriber without blocking the loop. A
// subscriber too slow for anything but progress is dropped; it reconnects
// and starts again from a state event.
func (r *Runner) publish(ev api.Event) {
	for ch := range r.subs {
		select {
		case ch <- ev:
		default:
			if ev.Type != "progress" {
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
	ch <- api.Event{Type: "state", State: r.stateLocked()}
	if r.snap != nil {
		ch <- api.Event{Type: "snapshot", Snapshot: r.snap}
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

// conflict is the error for a command the status does not allow.
func conflict(format string, args ...any) error {
	return &api.Error{Code: api.CodeConflict, Message: fmt.Sprintf(format, args...)}
}

// Command applies a session action: play, pause, step, step-epoch, stop,
// reset, new-seed.
func (r *Runner) Command(action string) (*api.State, error) {
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
	case "reset", "new-seed":
		if action == "new-seed" {
			r.cfg.Seed = uint64(time.Now().UnixNano()%999983) + 1
		}
		if err := r.newSessionLocked(); err != nil {
			return nil, err
		}
	default:
		return nil, &api.Error{Code: api.CodeNotFound, Message: fmt.Sprintf("no session action %q (play, pause, step, step-epoch, stop, reset, new-seed)", action)}
	}
	return r.stateLocked(), nil
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
		r.publish(api.Event{Type: "state", State: r.stateLocked()})
	}
	r.nudge()
}

// newSessionLocked builds a fresh session for r.cfg on r.data and its
// step-0 snapshot; the status becomes ready.
func (r *Runner) newSessionLocked() error {
	sess, err := NewSession(r.cfg, r.data)
	if err != nil {
		return invalid(err)
	}
	if r.sess != nil {
		r.sess.Close() // its replicas, if any
	}
	if err := r.startReplicasLocked(sess); err != nil {
		return err
	}
	r.sess, r.status, r.err, r.target = sess, api.StatusReady, nil, runAll
	r.batch = r.data.NewBatch(EvalChunk)
	r.initial = nil
	r.snap = r.snapshotLocked()
	r.initial, r.initialInspection = r.snap.Fields, r.lastInspection
	r.snap.Initial = r.initial
	r.lastSnapshot = time.Now()
	r.lossSum, r.lossN, r.progSamples = 0, 0, 0
	r.pristine = true
	r.publish(api.Event{Type: "state", State: r.stateLocked()})
	r.publish(api.Event{Type: "snapshot", Snapshot: r.snap})
	return nil
}

// startReplicasLocked gives sess the data-parallel replicas its
// Cfg.Workers asks for (none for one worker).
func (r *Runner) startReplicasLocked(sess *Session) error {
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

// invalid turns a *model.ConfigError into a 400 naming the field.
func invalid(err error) error {
	var ce *model.ConfigError
	if errors.As(err, &ce) {
		return &api.Error{Code: api.CodeInvalid, Message: ce.Message, Field: ce.Field}
	}
	return err
}

// Configure applies a preset and settings, then rebuilds the session. It is
// refused while training. A config equal to the current one, but for the
// number of workers, on a session nothing has changed yet is answered
// without a rebuild: the page sends its settings once it starts, usually
// the ones the engine already has (and workers = cores − 1), and a rebuild
// (a model and its step-0 inspection) costs ~0.5 s in a browser.
func (r *Runner) Configure(req api.ConfigRequest) (*api.State, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.status == api.StatusTraining {
		return nil, conflict("training is running: pause or stop before changing settings")
	}
	cfg := r.cfg
	if req.Preset != "" {
		p, err := Preset(req.Preset)
		if err != nil {
			return nil, invalid(err)
		}
		cfg = p
	}
	for name, value := range req.Settings {
		if err := cfg.Set(name, value); err != nil {
			return nil, invalid(err)
		}
	}
	if err := cfg.Validate(); err != nil {
		return nil, invalid(err)
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
				if err := r.startReplicasLocked(r.sess); err != nil {
					r.sess.Cfg.Workers = old.Workers
					if rerr := r.startReplicasLocked(r.sess); rerr != nil {
						return nil, rerr
					}
					return nil, err
				}
				r.cfg = cfg
				r.publish(api.Event{Type: "state", State: r.stateLocked()})
			}
			return r.stateLocked(), nil
		}
	}
	r.cfg = cfg
	if r.ml == nil {
		return r.stateLocked(), nil
	}
	if cfg.Grouping != old.Grouping || cfg.Context != old.Context || cfg.SplitSeed != old.SplitSeed || r.data == nil {
		data, err := NewData(r.ml, cfg.Grouping, cfg.Context, cfg.SplitSeed)
		if err != nil {
			r.cfg = old
			return nil, invalid(err)
		}
		r.data = data
		r.fillDataInfoLocked()
	}
	if err := r.newSessionLocked(); err != nil {
		r.cfg = old
		return nil, err
	}
	return r.stateLocked(), nil
}

// LoadDataset parses a MovieLens-100k zip and, if it is valid, makes it the
// engine's data (the previous data stays if it is not).
func (r *Runner) LoadDataset(name string, zip []byte) (*api.DatasetInfo, error) {
	fsys, err := datasets.OpenZip(name, zip)
	if err != nil {
		return nil, &api.Error{Code: api.CodeData, Message: err.Error()}
	}
	ml, official, err := datasets.LoadMovieLens100KOfficial(fsys)
	if err != nil {
		return nil, &api.Error{Code: api.CodeData, Message: name + ": " + err.Error()}
	}
	return r.SetDataset(ml, name, official)
}

// SetDataset makes ml the engine's data (stopping any training).
func (r *Runner) SetDataset(ml *datasets.MovieLens, source string, official bool) (*api.DatasetInfo, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	data, err := NewData(ml, r.cfg.Grouping, r.cfg.Context, r.cfg.SplitSeed)
	if err != nil {
		return nil, invalid(err)
	}
	r.ml, r.data = ml, data
	r.dataInfo = api.DatasetInfo{Source: source, Official: official}
	r.fillDataInfoLocked()
	if err := r.newSessionLocked(); err != nil {
		return nil, err
	}
	info := r.dataInfo
	return &info, nil
}

func (r *Runner) fillDataInfoLocked() {
	d := &r.dataInfo
	d.Loaded = true
	d.Users, d.Movies, d.Ratings = len(r.ml.Users), len(r.ml.Movies), len(r.ml.Ratings)
	d.Train, d.Val, d.Test = len(r.data.Split.Train), len(r.data.Split.Val), len(r.data.Split.Test)
	d.Fields = d.Fields[:0]
	for _, f := range r.data.Schema.Fields {
		d.Fields = append(d.Fields, f.Name)
	}
	d.Domains = r.data.Schema.Domains
}

// Dataset describes the loaded data.
func (r *Runner) Dataset() api.DatasetInfo {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.dataInfo
}

// Snapshot inspects the current weights: over the fixed live sample, or the
// whole validation split if full.
func (r *Runner) Snapshot(full bool) (*api.Snapshot, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.sess == nil {
		return nil, conflict("no dataset is loaded yet")
	}
	return r.inspectLocked(full), nil
}

// Checkpoint writes the current weights.
func (r *Runner) Checkpoint() ([]byte, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.sess == nil {
		return nil, conflict("no dataset is loaded yet")
	}
	var buf bytes.Buffer
	if _, err := model.Save(&buf, r.sess.Model); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// LoadCheckpoint replaces the model with a checkpoint's configuration and
// weights. The checkpoint must fit the loaded data's schema.
func (r *Runner) LoadCheckpoint(b []byte) (*api.State, error) {
	m, err := model.Load(bytes.NewReader(b), 1)
	if err != nil {
		return nil, &api.Error{Code: api.CodeData, Message: err.Error()}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.sess == nil {
		return nil, conflict("load the dataset before a checkpoint")
	}
	if r.status == api.StatusTraining {
		return nil, conflict("training is running: pause or stop before loading a checkpoint")
	}
	if err := sameSchema(m.Schema, r.data.Schema); err != nil {
		return nil, &api.Error{Code: api.CodeData, Message: "checkpoint: " + err.Error()}
	}
	cfg := r.cfg
	cfg.Model, cfg.Config = "custom", m.Config // the checkpoint carries its architecture
	old := r.cfg
	r.cfg = cfg
	if err := r.newSessionLocked(); err != nil {
		r.cfg = old
		return nil, err
	}
	copy(r.sess.Model.Arena.Value, m.Arena.Value)
	r.pristine = false
	r.publishSnapshot()
	return r.stateLocked(), nil
}

func sameSchema(a, b model.Schema) error {
	if len(a.Fields) != len(b.Fields) || len(a.Domains) != len(b.Domains) {
		return fmt.Errorf("it has %d fields in %d domains, the data has %d in %d", len(a.Fields), len(a.Domains), len(b.Fields), len(b.Domains))
	}
	for i := range a.Fields {
		if a.Fields[i] != b.Fields[i] {
			return fmt.Errorf("field %d is %+v in the checkpoint, %+v in the data", i, a.Fields[i], b.Fields[i])
		}
	}
	return nil
}
