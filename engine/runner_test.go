package engine

import (
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
