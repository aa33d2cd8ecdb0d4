package state

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/client"
)

// fakeEngine is a client.Transport that answers Call with reply, on
// another goroutine (as the browser bridge does), and records the hash.
type fakeEngine struct {
	mu    sync.Mutex
	reply func(method, path string, body []byte) (int, []byte)
	hash  string
	calls []string
	cores int
}

func (f *fakeEngine) WhenReady(done func(float64, error)) { go done(12, nil) }
func (f *fakeEngine) Call(method, path string, body []byte, done func(int, []byte)) {
	f.mu.Lock()
	f.calls = append(f.calls, method+" "+path+" "+string(body))
	f.mu.Unlock()
	status, b := f.reply(method, path, body)
	go done(status, b)
}
func (f *fakeEngine) Events(func([]byte), func(error)) func()                 { return func() {} }
func (f *fakeEngine) LoadServerData(func(string, float64), func(int, []byte)) {}
func (f *fakeEngine) LoadFile(string, any, func(int, []byte))                 {}
func (f *fakeEngine) Download(string, string)                                 {}
func (f *fakeEngine) OnCrash(func(string))                                    {}
func (f *fakeEngine) Restart(func(float64, error))                            {}
func (f *fakeEngine) Cores() int                                              { return f.cores }
func (f *fakeEngine) Hash() string                                            { f.mu.Lock(); defer f.mu.Unlock(); return f.hash }
func (f *fakeEngine) SetHash(h string)                                        { f.mu.Lock(); f.hash = h; f.mu.Unlock() }

type mutexEnv struct{ sync.Mutex }

func (m *mutexEnv) UnlockOnly()   { m.Unlock() }
func (m *mutexEnv) UnlockRender() { m.Unlock() }

var testSettings = []api.Setting{{Name: "lr", Default: "0.001"}, {Name: "seed", Default: "1024"}, {Name: "dropout", Default: "0.5"}, {Name: "preset", Default: "quick"}}

func TestHashRoundTrip(t *testing.T) {
	h := hashFor(map[string]string{"lr": "0.002", "seed": "1024", "dropout": "0.5", "preset": "quick"}, testSettings, Link{})
	if h != "#lr=0.002&seed=1024" {
		t.Errorf("hash = %q: want only the changed settings and the seed", h)
	}
	req, _ := parseHash("#preset=paper&lr=0.002&seed=7")
	if req.Preset != "paper" || req.Settings["lr"] != "0.002" || req.Settings["seed"] != "7" || len(req.Settings) != 2 {
		t.Errorf("parseHash = %+v", req)
	}
}

// openedStore loads a store as the page does once the data is in (the
// settings and page keys of f's hash) and waits, up to 2 s, until done.
func openedStore(t *testing.T, f *fakeEngine, done func(*Store) bool) (*Store, *mutexEnv) {
	t.Helper()
	env := &mutexEnv{}
	s := NewStore(client.New(f), env)
	s.Settings = testSettings
	s.dataLoaded()
	for deadline := time.Now().Add(2 * time.Second); ; time.Sleep(time.Millisecond) {
		env.Lock()
		ok := done(s)
		env.Unlock()
		if ok {
			return s, env
		}
		if time.Now().After(deadline) {
			t.Fatal("the store never got there")
		}
	}
}

// Settings from the URL that the engine refuses are dropped and reported;
// the rest apply.
func TestBadURLSettingsFallBack(t *testing.T) {
	f := &fakeEngine{hash: "#lr=abc&dropout=0.3&seed=9"}
	f.reply = func(method, path string, body []byte) (int, []byte) {
		var req api.ConfigRequest
		json.Unmarshal(body, &req)
		if _, bad := req.Settings["lr"]; bad {
			return 400, []byte(`{"code":"invalid","field":"lr","message":"\"abc\" is not a number"}`)
		}
		st := api.State{Status: api.StatusReady, Config: map[string]string{"lr": "0.001", "dropout": req.Settings["dropout"], "seed": req.Settings["seed"], "preset": "quick"}}
		b, _ := json.Marshal(st)
		return 200, b
	}
	s, env := openedStore(t, f, func(s *Store) bool { return s.Page == PageReady })
	env.Lock()
	if !strings.Contains(s.Notice, `lr=abc ("abc" is not a number)`) || s.State.Config["dropout"] != "0.3" {
		t.Errorf("notice %q, dropout %q", s.Notice, s.State.Config["dropout"])
	}
	env.Unlock()
	if h := f.Hash(); h != "#dropout=0.3&seed=9" {
		t.Errorf("hash after applying = %q", h)
	}
}

func TestApplyEvents(t *testing.T) {
	s := NewStore(client.New(&fakeEngine{}), &mutexEnv{})
	s.Apply(api.Event{Type: api.EventState, State: &api.State{Status: api.StatusTraining, History: []api.EpochResult{}}})
	for step := 1; step <= 3*maxLossPoints; step++ {
		s.Apply(api.Event{Type: api.EventProgress, Progress: &api.Progress{Phase: "train", Steps: step, Loss: 0.6}})
	}
	if len(s.Loss) > maxLossPoints || len(s.Loss) < maxLossPoints/2 || s.Loss[len(s.Loss)-1].Step != float64(3*maxLossPoints) {
		t.Errorf("%d loss points, last %v", len(s.Loss), s.Loss[len(s.Loss)-1])
	}
	e := api.EpochResult{Epoch: 1, ValAUC: 0.78}
	s.Apply(api.Event{Type: api.EventEpoch, Epoch: &e})
	s.Apply(api.Event{Type: api.EventEpoch, Epoch: &e}) // a replay after reconnecting
	if len(s.State.History) != 1 {
		t.Errorf("history %v: an epoch counted twice", s.State.History)
	}
	s.Apply(api.Event{Type: api.EventDone, Result: &api.Result{TestAUC: 0.787}})
	if s.State.Status != api.StatusFinished || s.State.Result.TestAUC != 0.787 {
		t.Errorf("after done: %+v", s.State)
	}
	// An older state (a late reply to a command) does not win.
	s.Apply(api.Event{Type: api.EventState, State: &api.State{Seq: 5, Status: api.StatusPaused}})
	s.SetState(api.State{Seq: 4, Status: api.StatusTraining})
	if s.State.Status != api.StatusPaused {
		t.Errorf("a state with seq 4 replaced seq 5: status %q", s.State.Status)
	}
	// A reset (empty history, step 0) clears the curve.
	s.Apply(api.Event{Type: api.EventState, State: &api.State{Seq: 6, Status: api.StatusReady}})
	if len(s.Loss) != 0 {
		t.Errorf("loss curve kept %d points after a reset", len(s.Loss))
	}
}

// Without workers in the URL the page asks for one per core but one, up
// to DefaultMaxWorkers; a URL that names workers keeps its value.
func TestDefaultWorkersFromCores(t *testing.T) {
	for _, c := range []struct {
		hash  string
		cores int
		want  string // the workers setting sent, "" for none
	}{
		{"#seed=9", 3, "2"}, {"#seed=9", 16, "4"}, {"#seed=9", 2, ""}, {"#seed=9", 1, ""}, {"#workers=1", 8, "1"}, {"#workers=2", 2, "2"},
	} {
		f := &fakeEngine{hash: c.hash, cores: c.cores}
		sent := make(chan string, 1)
		f.reply = func(method, path string, body []byte) (int, []byte) {
			if path != api.PathConfig {
				return 404, nil
			}
			var req api.ConfigRequest
			json.Unmarshal(body, &req)
			sent <- req.Settings["workers"]
			return 400, []byte(`{"code":"invalid","message":"stop here"}`)
		}
		s := NewStore(client.New(f), &mutexEnv{})
		s.Settings = testSettings
		s.dataLoaded()
		select {
		case got := <-sent:
			if got != c.want {
				t.Errorf("hash %q, %d cores: workers %q sent, want %q", c.hash, c.cores, got, c.want)
			}
		case <-time.After(2 * time.Second):
			t.Fatal("no config sent")
		}
	}
}

// Once the data is loaded the store asks for the offered fields' values
// and keeps them by name; a refusal leaves them out and says why.
func TestFieldValuesLoaded(t *testing.T) {
	for _, ok := range []bool{true, false} {
		f := &fakeEngine{reply: func(method, path string, body []byte) (int, []byte) {
			if !strings.HasPrefix(path, api.PathFields) {
				return 400, []byte(`{"code":"invalid","message":"stop here"}`)
			}
			if !ok {
				return 409, []byte(`{"code":"conflict","message":"no dataset is loaded yet"}`)
			}
			return 200, []byte(`{"fields":[{"name":"occupation","domain":"user","values":["artist","doctor"]},{"name":"genres","domain":"item","multi":true,"values":["Action"]}]}`)
		}}
		env := &mutexEnv{}
		s := NewStore(client.New(f), env)
		s.Settings = testSettings
		s.dataLoaded()
		deadline := time.Now().Add(2 * time.Second)
		for {
			env.Lock()
			got, notice := s.FieldValues, s.Notice
			env.Unlock()
			if ok && len(got) == 2 {
				if strings.Join(got["occupation"], ",") != "artist,doctor" || strings.Join(got["genres"], ",") != "Action" {
					t.Errorf("field values %v", got)
				}
				break
			}
			if !ok && strings.Contains(notice, "no dataset is loaded yet") {
				if got != nil {
					t.Errorf("a refused list kept values %v", got)
				}
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("ok=%v: field values %v, notice %q", ok, got, notice)
			}
			time.Sleep(time.Millisecond)
		}
		f.mu.Lock()
		if !slices.Contains(f.calls, "GET "+api.PathFields+"?names=occupation%2Cgenres ") {
			t.Errorf("calls %v", f.calls)
		}
		f.mu.Unlock()
	}
}

// Each part that changes while training counts its own changes, so a
// progress tick does not make the panels derive their snapshot views again.
func TestVersionsCountTheirPart(t *testing.T) {
	s := NewStore(client.New(&fakeEngine{}), &mutexEnv{})
	s.Apply(api.Event{Type: api.EventState, State: &api.State{Status: api.StatusTraining, History: []api.EpochResult{}}})
	snap, loss, hist := s.SnapshotSeq, s.LossSeq, s.HistorySeq
	s.Apply(api.Event{Type: api.EventProgress, Progress: &api.Progress{Phase: "train", Steps: 1, Loss: 0.6}})
	if s.LossSeq == loss || s.SnapshotSeq != snap || s.HistorySeq != hist {
		t.Errorf("after progress: loss %d→%d, snapshot %d→%d, history %d→%d", loss, s.LossSeq, snap, s.SnapshotSeq, hist, s.HistorySeq)
	}
	s.Apply(api.Event{Type: api.EventSnapshot, Snapshot: &api.Snapshot{Step: 1}})
	if s.SnapshotSeq != snap+1 || s.HistorySeq != hist {
		t.Errorf("after a snapshot: snapshot %d→%d, history %d→%d", snap, s.SnapshotSeq, hist, s.HistorySeq)
	}
	s.Apply(api.Event{Type: api.EventEpoch, Epoch: &api.EpochResult{Epoch: 1}})
	if s.HistorySeq != hist+1 || s.SnapshotSeq != snap+1 {
		t.Errorf("after an epoch: history %d→%d", hist, s.HistorySeq)
	}
}

// The store keeps the paper's results the engine lists; a refusal leaves
// them out and says why.
func TestPaperLoaded(t *testing.T) {
	for _, ok := range []bool{true, false} {
		f := &fakeEngine{reply: func(method, path string, body []byte) (int, []byte) {
			if path != api.PathPaper || !ok {
				return 500, []byte(`{"code":"internal","message":"no paper here"}`)
			}
			return 200, []byte(`{"tables":[{"id":"table1","title":"Table 1","rows":[{"name":"FLSEST","model":"flsest","results":[{"dataset":"movielens-100k","auc":0.7,"logloss":0.5}]}]}]}`)
		}}
		env := &mutexEnv{}
		s := NewStore(client.New(f), env)
		s.loadPaper()
		for deadline := time.Now().Add(2 * time.Second); ; time.Sleep(time.Millisecond) {
			env.Lock()
			r, got := s.Paper.Result("flsest", api.DatasetMovieLens100k)
			notice := s.Notice
			env.Unlock()
			if ok && got {
				if r.AUC != 0.7 || notice != "" {
					t.Errorf("paper %+v, notice %q", r, notice)
				}
				break
			}
			if !ok && strings.Contains(notice, "no paper here") {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("ok=%v: paper %+v, notice %q", ok, s.Paper, notice)
			}
		}
	}
}
