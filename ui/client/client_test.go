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
