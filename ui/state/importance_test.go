package state

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/client"
)

// While training the engine refuses the job with 409: the store says why
// in the page's words; the summary and the mechanism are read beside it;
// the job's events then fold in.
func TestRunImportanceWhileTraining(t *testing.T) {
	f := &fakeEngine{}
	f.reply = func(method, path string, body []byte) (int, []byte) {
		switch path {
		case api.PathPermutation:
			return 409, []byte(`{"code":"conflict","message":"training runs"}`)
		case api.PathShapleySummary:
			b, _ := json.Marshal(api.ShapleySummary{Rows: 512})
			return 200, b
		case api.PathSEST:
			b, _ := json.Marshal(api.SESTReport{Granularity: "field"})
			return 200, b
		}
		return 404, nil
	}
	env := &mutexEnv{}
	s := NewStore(client.New(f), env)
	env.Lock()
	s.RunImportance(0)
	env.Unlock()
	waitFor(t, env, "the answers", func() bool {
		return s.Importance.JobErr != "" && s.Importance.Summary != nil && s.Importance.SEST != nil && s.Importance.Pending == 0
	})
	env.Lock()
	defer env.Unlock()
	if !strings.Contains(s.Importance.JobErr, "refuses while training runs") {
		t.Errorf("JobErr = %q", s.Importance.JobErr)
	}
	if !strings.Contains(strings.Join(f.calls, "\n"), `"repeats":5`) {
		t.Errorf("the default repeats were not asked for: %v", f.calls)
	}
	v := s.Importance.Version
	s.Apply(api.Event{Type: api.EventImportance, Importance: &api.PermutationStatus{State: api.JobRunning, Done: 10, Total: 100}})
	if s.Importance.Job.Done != 10 || s.Importance.Version == v {
		t.Errorf("the progress event did not fold in: %+v", s.Importance.Job)
	}
}
