package state

import (
	"strings"
	"testing"
	"time"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/client"
)

// traced returns the bodies of the inspections f saw that asked for a trace.
func (f *fakeEngine) traced() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, c := range f.calls {
		if strings.HasPrefix(c, "POST "+api.PathInspect+" ") && strings.Contains(c, `"trace":true`) {
			out = append(out, strings.TrimPrefix(c, "POST "+api.PathInspect+" "))
		}
	}
	return out
}

// The lesson asks for the selected pair's trace when it opens (picking the
// default pair if none is), again when the pair changes, not while closed,
// and not twice for one model and pair; its step is a plain field.
func TestLessonFetchesTheSelectedPairsTrace(t *testing.T) {
	f := &fakeEngine{reply: func(method, path string, body []byte) (int, []byte) {
		return 200, []byte(`{"probability":0.7,"contributions":[],"trace":{"fields":["user_id"],"k":1,"logit":0.85,"probability":0.7}}`)
	}}
	env := &mutexEnv{}
	s := NewStore(client.New(f), env)
	s.Page = PageReady
	s.State = api.State{Seq: 1, Status: api.StatusPaused}

	env.Lock()
	s.Apply(api.Event{Type: api.EventSnapshot, Snapshot: &api.Snapshot{}})
	env.Unlock()
	if n := len(f.traced()); n != 0 {
		t.Fatalf("a closed lesson asked for %d traces", n)
	}
	env.Lock()
	s.OpenLesson(true)
	env.Unlock()
	settle(t, s, env)
	time.Sleep(20 * time.Millisecond) // the default pick's own inspection answers too
	settle(t, s, env)
	got := f.traced()
	if len(got) != 1 || !strings.Contains(got[0], `"user":196,"movie":242`) || s.Lesson.Trace.Report == nil || s.Lesson.Trace.Report.Trace.Probability != 0.7 {
		t.Fatalf("opening: traces %q, report %+v", got, s.Lesson.Trace.Report)
	}
	// The same model and pair: nothing more; another movie: its trace.
	env.Lock()
	s.Apply(api.Event{Type: api.EventSnapshot, Snapshot: &api.Snapshot{}})
	env.Unlock()
	settle(t, s, env)
	if n := len(f.traced()); n != 1 {
		t.Errorf("%d traces for one model and pair", n)
	}
	env.Lock()
	s.Pick(50)
	env.Unlock()
	time.Sleep(20 * time.Millisecond)
	settle(t, s, env)
	if got := f.traced(); len(got) != 2 || !strings.Contains(got[1], `"movie":50`) {
		t.Errorf("after picking movie 50: %q", got)
	}
	env.Lock()
	s.GoLessonStep(4)
	s.OpenLesson(false)
	s.Pick(1)
	env.Unlock()
	time.Sleep(20 * time.Millisecond)
	if n := len(f.traced()); n != 2 || s.LessonStep != 4 {
		t.Errorf("closed: %d traces, step %d", n, s.LessonStep)
	}
}
