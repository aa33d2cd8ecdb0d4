package state

import (
	"strings"
	"testing"
	"time"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/client"
)

// count returns how many calls f saw to path.
func (f *fakeEngine) count(path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		if strings.HasPrefix(c, "GET "+path+" ") || strings.HasPrefix(c, "GET "+path+"?") {
			n++
		}
	}
	return n
}

// settle waits until every view's request (and the lesson's) has been answered.
func settle(t *testing.T, s *Store, env *mutexEnv) {
	t.Helper()
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		env.Lock()
		busy := s.Views.SEST.inFlight || s.Views.Slices.inFlight || s.Views.Projector.inFlight || s.Lesson.Trace.inFlight
		env.Unlock()
		if !busy {
			return
		}
	}
	t.Fatal("a view's request was never answered")
}

// A view asks for its report when it opens and then only when the model
// changed: per epoch while training, never per progress tick; a closed
// view asks nothing.
func TestViewsFetchWhenOpenAndOnlyOnModelChanges(t *testing.T) {
	f := &fakeEngine{reply: func(method, path string, body []byte) (int, []byte) {
		return 200, []byte(`{"n":8000,"step":3}`)
	}}
	env := &mutexEnv{}
	s := NewStore(client.New(f), env)
	s.Page = PageReady
	s.State = api.State{Seq: 1, Status: api.StatusPaused}

	env.Lock()
	s.Apply(api.Event{Type: api.EventSnapshot, Snapshot: &api.Snapshot{}})
	env.Unlock()
	if f.count(api.PathSlices) != 0 {
		t.Fatal("a closed view asked for its report")
	}
	env.Lock()
	s.OpenView(ViewSlices, true)
	env.Unlock()
	settle(t, s, env)
	if f.count(api.PathSlices) != 1 || s.Views.Slices.Report == nil || s.Views.Slices.Report.N != 8000 || s.Views.Slices.Seq != 1 {
		t.Fatalf("opening: %d requests, view %+v", f.count(api.PathSlices), s.Views.Slices)
	}
	if f.count(api.PathProjector) != 0 || f.count(api.PathSEST) != 0 {
		t.Error("opening the slices asked for another view")
	}

	// Training: pressing play, progress ticks and snapshots ask nothing, an
	// epoch's end does.
	before := f.count(api.PathSlices)
	env.Lock()
	s.Apply(api.Event{Type: api.EventState, State: &api.State{Seq: 2, Status: api.StatusTraining}})
	env.Unlock()
	settle(t, s, env)
	for i := 1; i <= 20; i++ {
		env.Lock()
		s.Apply(api.Event{Type: api.EventProgress, Progress: &api.Progress{Steps: i, Phase: "train", Loss: 0.6}})
		s.Apply(api.Event{Type: api.EventSnapshot, Snapshot: &api.Snapshot{Step: i}})
		env.Unlock()
		settle(t, s, env)
	}
	if got := f.count(api.PathSlices); got != before {
		t.Errorf("training ticks asked %d times", got-before)
	}
	env.Lock()
	s.Apply(api.Event{Type: api.EventEpoch, Epoch: &api.EpochResult{Epoch: 1}})
	env.Unlock()
	settle(t, s, env)
	if got := f.count(api.PathSlices); got != before+1 {
		t.Errorf("an epoch's end asked %d times, want once", got-before)
	}

	// Paused: once, for the step it paused at.
	env.Lock()
	s.Apply(api.Event{Type: api.EventState, State: &api.State{Seq: 3, Status: api.StatusPaused, Progress: api.Progress{Steps: 20}}})
	env.Unlock()
	settle(t, s, env)
	if got := f.count(api.PathSlices); got != before+2 {
		t.Errorf("pausing asked %d times, want once", got-before-1)
	}
	before++

	// Closed, it asks nothing, even when the model changes.
	env.Lock()
	s.OpenView(ViewSlices, false)
	s.Apply(api.Event{Type: api.EventEpoch, Epoch: &api.EpochResult{Epoch: 2}})
	env.Unlock()
	settle(t, s, env)
	if got := f.count(api.PathSlices); got != before+1 {
		t.Errorf("a closed view asked %d more times", got-before-1)
	}
}

func TestViewErrorsAndNeighbours(t *testing.T) {
	f := &fakeEngine{reply: func(method, path string, body []byte) (int, []byte) {
		if strings.HasPrefix(path, api.PathNeighbours) {
			return 200, []byte(`{"kind":"movie","id":50,"e":[{"id":181,"name":"Return of the Jedi (1983)","cosine":0.8}]}`)
		}
		return 409, []byte(`{"code":"conflict","message":"the model has no SEST"}`)
	}}
	env := &mutexEnv{}
	s := NewStore(client.New(f), env)
	s.Page = PageReady
	env.Lock()
	s.OpenView(ViewSEST, true)
	s.ShowNeighbours("movie", 50)
	env.Unlock()
	settle(t, s, env)
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		env.Lock()
		done := s.Views.Neighbours != nil
		env.Unlock()
		if done {
			break
		}
	}
	if s.Views.SEST.Report != nil || s.Views.SEST.Err != "the model has no SEST" {
		t.Errorf("a refused report: %+v", s.Views.SEST)
	}
	if n := s.Views.Neighbours; n == nil || n.E[0].ID != 181 || f.count(api.PathNeighbours) != 1 {
		t.Errorf("neighbours %+v", n)
	}
}
