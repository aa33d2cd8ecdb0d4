package engine

import (
	"errors"
	"fmt"
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

	rebuilding sync.Mutex // one session rebuild at a time (rebuild.go); taken before mu
	built      func()     // tests: called between building a session and swapping it in
	mu         sync.Mutex
	cfg        TrainConfig
	ml         *datasets.MovieLens
	dataInfo   api.DatasetInfo
	data       *Data
	sess       *Session
	status     string
	err        *api.Error
	target     target
	initial    []api.FieldSEST // SEST at step 0, over the snapshot sample
	// initialInspection is the step-0 inspection r.initial came from (SEST's drift).
	initialInspection *model.Inspection
	lastInspection    *model.Inspection // of the latest inspectLocked
	projector         projectorCache    // projector.go
	snap              *api.Snapshot     // the latest snapshot
	batch             *model.Batch      // for snapshots and inspection
	perm              *permutationJob   // the latest permutation importance job (importance.go)
	// pristine: the session is as buildSession built it for r.cfg (no
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

// conflict is the error for a command the status does not allow.
func conflict(format string, args ...any) error {
	return &api.Error{Code: api.CodeConflict, Message: fmt.Sprintf(format, args...)}
}

// invalid turns a *model.ConfigError into a 400 naming the field.
func invalid(err error) error {
	var ce *model.ConfigError
	if errors.As(err, &ce) {
		return &api.Error{Code: api.CodeInvalid, Message: ce.Message, Field: ce.Field}
	}
	return err
}
