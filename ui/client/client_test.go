package client

import (
	"testing"

	"github.com/flsest/flsest/engine/api"
)

// fakeTransport answers every Call at once with status and body and
// records the request.
type fakeTransport struct {
	Transport // unused parts panic
	status    int
	body      string
	method    string
	path      string
	sent      string
}

func (f *fakeTransport) Call(method, path string, body []byte, done func(int, []byte)) {
	f.method, f.path, f.sent = method, path, string(body)
	done(f.status, []byte(f.body))
}

func TestRoutesAndDecoding(t *testing.T) {
	f := &fakeTransport{status: 200, body: `{"status":"paused","seq":7}`}
	c := New(f)
	var got api.State
	c.Session("pause", func(st api.State, err error) {
		if err != nil {
			t.Fatal(err)
		}
		got = st
	})
	if f.method != "POST" || f.path != "/api/session/pause" || got.Status != api.StatusPaused || got.Seq != 7 {
		t.Errorf("%s %s → %+v", f.method, f.path, got)
	}
	c.Configure(api.ConfigRequest{Preset: "paper"}, func(api.State, error) {})
	if f.path != api.PathConfig || f.sent != `{"preset":"paper"}` {
		t.Errorf("configure sent %s %q", f.path, f.sent)
	}
	f.body = `[{"id":50,"title":"Star Wars (1977)"}]`
	c.Movies("star wars", 8, func(ms []api.Movie, err error) {
		if err != nil || len(ms) != 1 || ms[0].ID != 50 {
			t.Errorf("movies %+v, %v", ms, err)
		}
	})
	if f.method != "GET" || f.path != "/api/movies?limit=8&q=star+wars" {
		t.Errorf("movies asked %s %s", f.method, f.path)
	}
}

func TestFields(t *testing.T) {
	f := &fakeTransport{status: 200, body: `{"fields":[{"name":"occupation","domain":"user","multi":false,"values":["artist","doctor"]},` +
		`{"name":"genres","domain":"item","multi":true,"values":["Action"]}]}`}
	c := New(f)
	var got api.FieldValues
	c.Fields([]string{"occupation", "genres"}, func(fv api.FieldValues, err error) {
		if err != nil {
			t.Fatal(err)
		}
		got = fv
	})
	if f.method != "GET" || f.path != api.PathFields+"?names=occupation%2Cgenres" {
		t.Errorf("fields asked %s %s", f.method, f.path)
	}
	if len(got.Fields) != 2 || got.Fields[0].Name != "occupation" || len(got.Fields[0].Values) != 2 ||
		got.Fields[0].Values[1] != "doctor" || !got.Fields[1].Multi || got.Fields[1].Domain != "item" {
		t.Errorf("fields %+v", got)
	}
	c.Fields(nil, func(api.FieldValues, error) {})
	if f.path != api.PathFields {
		t.Errorf("every field asked %s", f.path)
	}
	f.status, f.body = 409, `{"code":"conflict","message":"no dataset is loaded yet"}`
	c.Fields(nil, func(_ api.FieldValues, err error) {
		if !IsConflict(err) || err.Error() != "no dataset is loaded yet" {
			t.Errorf("fields without data: %v", err)
		}
	})
}

func TestErrors(t *testing.T) {
	for _, c := range []struct {
		status int
		body   string
		want   string
	}{
		{400, `{"code":"invalid","field":"lr","message":"\"abc\" is not a number"}`, `lr: "abc" is not a number`},
		{409, `{"code":"busy","message":"training"}`, "training"},
		{500, `oops`, "the engine answered 500"},
		{0, ``, "the engine did not answer"},
		{200, `{"status":`, "unreadable answer: unexpected end of JSON input"},
	} {
		f := &fakeTransport{status: c.status, body: c.body}
		New(f).Configure(api.ConfigRequest{}, func(_ api.State, err error) {
			if err == nil || err.Error() != c.want {
				t.Errorf("status %d %q: error %v, want %q", c.status, c.body, err, c.want)
			}
		})
	}
	f := &fakeTransport{status: 400, body: `{"code":"invalid","field":"lr","message":"bad"}`}
	New(f).Configure(api.ConfigRequest{}, func(_ api.State, err error) {
		if e, ok := err.(*Error); !ok || e.Field != "lr" || e.Code != "invalid" || IsNotFound(err) {
			t.Errorf("error %#v: want the field and code", err)
		}
	})
}

func TestPaper(t *testing.T) {
	f := &fakeTransport{status: 200, body: `{"tables":[{"id":"table1","title":"Table 1","rows":[{"name":"FLSEST","model":"flsest",` +
		`"results":[{"dataset":"movielens-100k","auc":0.7,"logloss":0.5}]}]}]}`}
	var got api.Paper
	New(f).Paper(func(p api.Paper, err error) {
		if err != nil {
			t.Fatal(err)
		}
		got = p
	})
	if f.method != "GET" || f.path != api.PathPaper {
		t.Errorf("paper asked %s %s", f.method, f.path)
	}
	if r, ok := got.Result("flsest", api.DatasetMovieLens100k); !ok || r.AUC != 0.7 || r.LogLoss != 0.5 {
		t.Errorf("paper %+v", got)
	}
}
