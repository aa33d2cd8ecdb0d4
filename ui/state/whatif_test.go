package state

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/client"
)

// whatIfEngine answers the what-if's requests: the Shapley answer's P
// depends on the edited occupation, so a test sees which edit it got.
func whatIfEngine() *fakeEngine {
	f := &fakeEngine{}
	f.reply = func(method, path string, body []byte) (int, []byte) {
		var b []byte
		switch path {
		case api.PathInspect:
			b, _ = json.Marshal(api.SampleInspection{User: api.User{ID: 196, Age: 49, Occupation: "writer"}, Movie: api.Movie{ID: 50, Year: 1977}})
		case api.PathShapley:
			var req api.ShapleyRequest
			json.Unmarshal(body, &req)
			p := 0.6
			if req.Edit != nil && req.Edit.Occupation == "doctor" {
				p = 0.4
			}
			b, _ = json.Marshal(api.ShapleyResponse{Variant: req.Variant, Probability: p,
				Fields: []api.FieldShapley{{Field: "occupation", Value: "writer"}, {Field: "gender", Value: "M"}, {Field: "zip", Value: "5"}, {Field: "genres", Value: "Action"}}})
		case api.PathPredict:
			var req api.PredictRequest
			json.Unmarshal(body, &req)
			probs := make([]float64, len(req.Pairs))
			for i, pr := range req.Pairs {
				probs[i] = 0.6
				if pr.Edit != nil && pr.Edit.Age == 52 {
					probs[i] = 0.45
				}
			}
			b, _ = json.Marshal(api.PredictResponse{Probabilities: probs})
		default:
			return 404, nil
		}
		return 200, b
	}
	return f
}

// waitFor polls cond under the lock.
func waitFor(t *testing.T, env *mutexEnv, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(2 * time.Second); ; time.Sleep(time.Millisecond) {
		env.Lock()
		ok := cond()
		env.Unlock()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting for " + what)
		}
	}
}

// A what-if asks for the reference point beside the inspection, then the
// flips, then the full background, each with the edit; the edit is dropped
// for another pair.
func TestWhatIfExplainsTheEditedPair(t *testing.T) {
	f, env := whatIfEngine(), &mutexEnv{}
	s := NewStore(client.New(f), env)
	env.Lock()
	s.UserID, s.MovieID = 196, 50
	s.FieldValues = map[string][]string{"occupation": {"doctor", "writer"}, "genres": {"Action", "Drama"}} // as loadFieldValues keeps them
	s.WhatIf(api.SampleEdit{Occupation: "doctor"})
	env.Unlock()
	waitFor(t, env, "the full background", func() bool { return s.Explain.Full != nil })
	env.Lock()
	defer env.Unlock()
	if s.Explain.Quick.Variant != api.ShapleyReference || s.Explain.Full.Variant != api.ShapleyBackground || s.Explain.Shown() != s.Explain.Full {
		t.Errorf("variants: quick %q, full %q", s.Explain.Quick.Variant, s.Explain.Full.Variant)
	}
	if p := s.Explain.Shown().Probability; p != 0.4 {
		t.Errorf("P = %v: the edit did not reach the Shapley request", p)
	}
	// From P 0.4 every candidate the fake scores 0.6 crosses 0.5, age 52
	// (0.45) does not: one flip per varied field, none of them age 52.
	fl := s.Explain.Flips
	if fl.From != 0.4 || len(fl.Flips) != 6 {
		t.Errorf("flips from %v: %d, want 6 (gender, age, occupation, zip, genres, year)", fl.From, len(fl.Flips))
	}
	for _, x := range fl.Flips {
		if x.P != 0.6 || x.Field == "age" && x.To == "52" || x.Edit.Occupation == "" {
			t.Errorf("flip %+v", x)
		}
	}
	f.mu.Lock()
	calls := strings.Join(f.calls, "\n")
	f.mu.Unlock()
	order := []string{`"variant":"reference"`, api.PathInspect, api.PathPredict, `"variant":"background"`}
	at := 0
	for _, w := range order {
		i := strings.Index(calls[at:], w)
		if i < 0 {
			t.Fatalf("%s not after the previous request in\n%s", w, calls)
		}
		at += i
	}
	if strings.Count(calls, `"occupation":"doctor"`) < 3 {
		t.Errorf("the edit is not in every request:\n%s", calls)
	}
	// Another movie: the edit belongs to the old pair and is dropped.
	s.MovieID = 51
	if e := s.whatIfEdit(); e != nil || s.Explain.Edit.Occupation != "" {
		t.Errorf("the edit followed the pair change: %+v", e)
	}
}

// heldInspection is an engine whose inspections answer only once release
// is closed.
type heldInspection struct {
	*fakeEngine
	release chan struct{}
}

func (h heldInspection) Call(method, path string, body []byte, done func(int, []byte)) {
	if path != api.PathInspect {
		h.fakeEngine.Call(method, path, body, done)
		return
	}
	go func() {
		<-h.release
		h.fakeEngine.Call(method, path, body, done)
	}()
}

// The edit's P arrives with the reference point's answer, one round trip
// after the edit, whatever the inspection does; the flip search waits for
// the inspection (it varies the raw age and year).
func TestWhatIfShowsPBeforeTheInspection(t *testing.T) {
	h, env := heldInspection{whatIfEngine(), make(chan struct{})}, &mutexEnv{}
	s := NewStore(client.New(h), env)
	env.Lock()
	s.UserID, s.MovieID = 196, 50
	s.WhatIf(api.SampleEdit{Occupation: "doctor"})
	env.Unlock()
	waitFor(t, env, "the reference point's answer", func() bool { return s.Explain.Quick != nil })
	time.Sleep(20 * time.Millisecond)
	env.Lock()
	if p := s.Explain.Shown().Probability; p != 0.4 || s.Sample != nil || s.Explain.Flips.Tried != 0 || s.Explain.Full != nil {
		t.Errorf("before the inspection: P %v, sample %v, flips tried %d, full %v", p, s.Sample, s.Explain.Flips.Tried, s.Explain.Full)
	}
	env.Unlock()
	close(h.release)
	waitFor(t, env, "the full background", func() bool { return s.Explain.Full != nil })
	env.Lock()
	defer env.Unlock()
	if s.Sample == nil || s.Explain.Flips.Tried == 0 {
		t.Errorf("after the inspection: sample %v, flips tried %d", s.Sample, s.Explain.Flips.Tried)
	}
}

// A refused inspection drops the pair's explanation: no flips, no full
// background.
func TestWhatIfRefusedInspectionStopsTheExplanation(t *testing.T) {
	f, env := whatIfEngine(), &mutexEnv{}
	reply := f.reply
	f.reply = func(method, path string, body []byte) (int, []byte) {
		if path == api.PathInspect {
			return 400, []byte(`{"error":"user: no user 9999"}`)
		}
		return reply(method, path, body)
	}
	s := NewStore(client.New(f), env)
	env.Lock()
	s.UserID, s.MovieID = 9999, 50
	s.Inspect()
	env.Unlock()
	waitFor(t, env, "the refusal", func() bool { return s.SampleErr != "" })
	time.Sleep(50 * time.Millisecond)
	env.Lock()
	defer env.Unlock()
	if s.Explain.Full != nil || s.Explain.FullPending || s.Explain.Flips.Tried != 0 {
		t.Errorf("after a refused inspection: full %v, pending %v, flips tried %d", s.Explain.Full, s.Explain.FullPending, s.Explain.Flips.Tried)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if calls := strings.Join(f.calls, "\n"); strings.Contains(calls, api.PathPredict) || strings.Contains(calls, `"variant":"background"`) {
		t.Errorf("requests after a refused inspection:\n%s", calls)
	}
}
