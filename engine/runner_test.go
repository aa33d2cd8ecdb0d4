package engine

import (
	"errors"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/flsest/flsest/engine/api"
)

// A config equal to the current one keeps a session nothing has changed
// (the same config would rebuild it bit for bit, which the second half
// checks); any change, a trained step or a loaded checkpoint rebuilds.
func TestConfigureSameConfigKeepsPristineSession(t *testing.T) {
	r, _ := testEngine(t)
	if _, err := r.LoadDataset("ml-100k.zip", syntheticZip(t)); err != nil {
		t.Fatal(err)
	}
	configure := func(req api.ConfigRequest) *Session {
		t.Helper()
		if _, err := r.Configure(req); err != nil {
			t.Fatal(err)
		}
		r.mu.Lock()
		defer r.mu.Unlock()
		return r.sess
	}
	r.mu.Lock()
	first, firstSnap := r.sess, r.snap
	r.mu.Unlock()
	if s := configure(api.ConfigRequest{}); s != first {
		t.Fatal("an empty config request rebuilt the session")
	}
	if s := configure(api.ConfigRequest{Settings: map[string]string{"epochs": "2"}}); s != first {
		t.Fatal("setting the current epochs rebuilt the session")
	}
	rebuilt := configure(api.ConfigRequest{Settings: map[string]string{"epochs": "3"}})
	if rebuilt == first {
		t.Fatal("a changed setting kept the session")
	}
	back := configure(api.ConfigRequest{Settings: map[string]string{"epochs": "2"}})
	if back == rebuilt {
		t.Fatal("a changed setting kept the session")
	}
	// What the kept session saved: a rebuild for the same config gives the
	// same weights and the same step-0 snapshot.
	if !reflect.DeepEqual(back.Model.Arena.Value, first.Model.Arena.Value) {
		t.Fatal("the same config built different weights")
	}
	r.mu.Lock()
	if !reflect.DeepEqual(r.snap, firstSnap) {
		t.Error("the same config gave a different step-0 snapshot")
	}
	r.mu.Unlock()

	if _, err := r.Command("step"); err != nil {
		t.Fatal(err)
	}
	waitPaused(t, r)
	if s := configure(api.ConfigRequest{}); s == back {
		t.Fatal("a trained session was kept by an unchanged config: it must restart from step 0")
	}

	ckpt, err := r.Checkpoint()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.LoadCheckpoint(ckpt); err != nil {
		t.Fatal(err)
	}
	r.mu.Lock()
	loaded := r.sess
	r.mu.Unlock()
	if s := configure(api.ConfigRequest{}); s == loaded {
		t.Fatal("a session with a loaded checkpoint was kept by an unchanged config")
	}
}

func waitPaused(t *testing.T, r *Runner) {
	t.Helper()
	for range 2000 {
		if st := r.State(); st.Status != api.StatusTraining {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("the step did not finish")
}

// The page asks for one worker per core but one: on a pristine session
// only the replicas change, and training goes on exactly as in a session
// built for that many workers.
func TestConfigureWorkersKeepsPristineModel(t *testing.T) {
	zip := syntheticZip(t)
	weightsAfterSteps := func(configureWorkers bool) []float32 {
		t.Helper()
		r, _ := testEngine(t)
		if !configureWorkers {
			r.cfg.Workers = 2
		}
		if _, err := r.LoadDataset("ml-100k.zip", zip); err != nil {
			t.Fatal(err)
		}
		r.mu.Lock()
		built := r.sess
		r.mu.Unlock()
		if configureWorkers {
			if _, err := r.Configure(api.ConfigRequest{Settings: map[string]string{"workers": "2"}}); err != nil {
				t.Fatal(err)
			}
			r.mu.Lock()
			kept, reps := r.sess == built, r.sess.Replicas()
			r.mu.Unlock()
			if !kept || reps == nil || reps.Count() != 1 {
				t.Fatalf("workers=2 on a pristine session: kept %v, replicas %v; want the session kept with 1 replica", kept, reps)
			}
		}
		for range 3 {
			if _, err := r.Command("step"); err != nil {
				t.Fatal(err)
			}
			waitPaused(t, r)
		}
		r.mu.Lock()
		defer r.mu.Unlock()
		if got := r.sess.Replicas(); got == nil || got.Count() != 1 {
			t.Fatalf("replicas %v, want 1", got)
		}
		return append([]float32(nil), r.sess.Model.Arena.Value...)
	}
	if !reflect.DeepEqual(weightsAfterSteps(true), weightsAfterSteps(false)) {
		t.Fatal("3 steps on 2 workers set by Configure differ from 3 steps of a session built for 2 workers")
	}
}

// A configure builds the new session outside the runner's lock: while it
// waits to be swapped in, GET /api/state answers at once with the old
// config, and the new one is there after.
func TestConfigureDoesNotBlockState(t *testing.T) {
	r, h := testEngine(t)
	if _, err := r.LoadDataset("ml-100k.zip", syntheticZip(t)); err != nil {
		t.Fatal(err)
	}
	built, release := make(chan struct{}), make(chan struct{})
	r.built = func() { close(built); <-release }
	done := make(chan error, 1)
	go func() {
		_, err := r.Configure(api.ConfigRequest{Settings: map[string]string{"epochs": "3"}})
		done <- err
	}()
	<-built
	answered := make(chan *api.State, 1)
	go func() {
		var st api.State
		call(t, h, "GET", api.PathState, nil, http.StatusOK, &st)
		answered <- &st
	}()
	select {
	case st := <-answered:
		if st.Config["epochs"] != "2" {
			t.Errorf("during the rebuild, epochs = %s, want the old 2", st.Config["epochs"])
		}
	case <-time.After(10 * time.Second):
		t.Fatal("GET /api/state waited for a configure's rebuild")
	}
	r.built = nil
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := r.State().Config["epochs"]; got != "3" {
		t.Errorf("after the rebuild, epochs = %s, want 3", got)
	}
}

// The command state machine: what each status allows.
func TestCommandsFollowTheStatus(t *testing.T) {
	r, _ := testEngine(t)
	if _, err := r.Command("play"); !isConflict(err) {
		t.Errorf("play without data: %v, want a conflict", err)
	}
	if _, err := r.LoadDataset("ml-100k.zip", syntheticZip(t)); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Command("fly"); err == nil {
		t.Error("an unknown action was accepted")
	}
	if st, err := r.Command("pause"); err != nil || st.Status != api.StatusReady {
		t.Errorf("pause when ready: %v, %v; want ready, no error", st, err)
	}
	if _, err := r.Command("step-epoch"); err != nil {
		t.Fatal(err)
	}
	waitPaused(t, r)
	if st := r.State(); st.Status != api.StatusPaused || len(st.History) != 1 {
		t.Fatalf("after step-epoch: %s with %d epochs, want paused after 1", st.Status, len(st.History))
	}
	if _, err := r.Command("stop"); err != nil {
		t.Fatal(err)
	}
	waitPaused(t, r)
	if st := r.State(); st.Status != api.StatusFinished || st.Result == nil {
		t.Fatalf("after stop: %s, result %v; want finished with a result", st.Status, st.Result)
	}
	for _, a := range []string{"play", "step", "step-epoch"} {
		if _, err := r.Command(a); !isConflict(err) {
			t.Errorf("%s after the end: %v, want a conflict", a, err)
		}
	}
	st, err := r.Command("reset")
	if err != nil || st.Status != api.StatusReady || len(st.History) != 0 {
		t.Fatalf("reset: %v, %v; want ready with no history", st, err)
	}
	seed := st.Config["seed"]
	if st, err := r.Command("new-seed"); err != nil || st.Config["seed"] == seed {
		t.Errorf("new-seed: %v; seed %s, was %s", err, st.Config["seed"], seed)
	}
}

func isConflict(err error) bool {
	var e *api.Error
	return errors.As(err, &e) && e.Code == api.CodeConflict
}
