package engine

import (
	"bufio"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/flsest/flsest/engine/api"
)

// Train a capped run through the API, reading the NDJSON stream the way
// the UI does, to the finished state.
func TestTrainThroughEventStream(t *testing.T) {
	r, h := testEngine(t)
	loadData(t, h)
	srv := httptest.NewServer(h)
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/api/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "application/x-ndjson" {
		t.Errorf("Content-Type %q", ct)
	}
	lines := bufio.NewScanner(resp.Body)
	lines.Buffer(make([]byte, 1<<20), 1<<22)
	next := func() api.Event {
		if !lines.Scan() {
			t.Fatalf("stream ended: %v", lines.Err())
		}
		var ev api.Event
		if err := json.Unmarshal(lines.Bytes(), &ev); err != nil {
			t.Fatal(err)
		}
		return ev
	}
	if ev := next(); ev.Type != "state" || ev.State.Status != api.StatusReady {
		t.Fatalf("first event %+v, want the ready state", ev)
	}
	call(t, h, "POST", "/api/session/play", nil, 200, nil)
	counts := map[string]int{}
	var done *api.Result
	for done == nil {
		ev := next()
		counts[ev.Type]++
		switch ev.Type {
		case "done":
			done = ev.Result
		case "snapshot":
			if len(ev.Snapshot.Fields) != 8 {
				t.Errorf("snapshot with %d fields", len(ev.Snapshot.Fields))
			}
		case "error":
			t.Fatalf("error event %+v", ev.Error)
		}
	}
	if counts["epoch"] != 2 || counts["snapshot"] < 3 || counts["progress"] < 1 {
		t.Errorf("events %v: want 2 epochs, ≥3 snapshots, progress", counts)
	}
	if !(done.TestAUC > 0.5) || done.LogSizeBytes == 0 {
		t.Errorf("result %+v", done)
	}
	var st api.State
	call(t, h, "GET", "/api/state", nil, 200, &st)
	if st.Status != api.StatusFinished || len(st.History) != 2 || st.Result == nil || st.Result.TestAUC != done.TestAUC {
		t.Errorf("final state %+v", st)
	}
	callError(t, h, "POST", "/api/session/play", nil, 409, api.CodeConflict, "")
	// The same config and seed through the CLI's path give the same result.
	s, _ := NewSession(r.cfg, r.data)
	res, err := s.RunToEnd()
	if err != nil || res.TestAUC != done.TestAUC || res.TestLogLoss != done.TestLogLoss {
		t.Errorf("direct session: %v/%v, via the API: %v/%v (%v)", res.TestAUC, res.TestLogLoss, done.TestAUC, done.TestLogLoss, err)
	}
	// Reset keeps the seed: the next run would repeat this one.
	call(t, h, "POST", "/api/session/reset", nil, 200, &st)
	if st.Status != api.StatusReady || len(st.History) != 0 {
		t.Errorf("after reset: %+v", st)
	}
}

// An event stream opened with a token ends when its token is closed, the
// way the browser client ends it.
func TestEventStreamClosesByToken(t *testing.T) {
	_, h := testEngine(t)
	srv := httptest.NewServer(h)
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/api/events?token=abc")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	lines := bufio.NewScanner(resp.Body)
	if !lines.Scan() {
		t.Fatal("no first event")
	}
	callError(t, h, "POST", "/api/events/zzz/close", nil, 404, api.CodeNotFound, "")
	call(t, h, "POST", "/api/events/abc/close", nil, 200, nil)
	for lines.Scan() {
	}
	if err := lines.Err(); err != nil {
		t.Errorf("stream ended with %v, want a clean end", err)
	}
}
