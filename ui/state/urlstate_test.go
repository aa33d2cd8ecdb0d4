package state

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/flsest/flsest/engine/api"
)

// The page's keys go after the settings, in a fixed order, and read back
// as they were written; they never reach the engine as settings.
func TestLinkRoundTrip(t *testing.T) {
	link := Link{User: 200, Movie: 50, Step: 3, Views: []string{ViewSEST, "prediction"}, Teacher: true, Hide: []string{HidePreset, "lr"}}
	h := hashFor(map[string]string{"lr": "0.002", "seed": "7"}, testSettings, link)
	want := "#lr=0.002&seed=7&user=200&movie=50&step=3&view=sest,prediction&teacher=1&hide=preset,lr"
	if h != want {
		t.Errorf("hash = %q, want %q", h, want)
	}
	req, got := parseHash(h)
	if !reflect.DeepEqual(got, link) {
		t.Errorf("link read back = %+v, want %+v", got, link)
	}
	if len(req.Settings) != 2 || req.Settings["lr"] != "0.002" || req.Settings["seed"] != "7" {
		t.Errorf("settings read back = %v: the page's keys are no settings", req.Settings)
	}
	// Without a movie there is no sample; without teacher mode, no hide.
	if h := hashFor(map[string]string{"seed": "7"}, testSettings, Link{User: 200, Hide: []string{"lr"}}); h != "#seed=7" {
		t.Errorf("hash = %q", h)
	}
	// A value that does not parse is dropped, and so is a repeated name.
	if _, l := parseHash("#user=x&movie=-3&step=2&view=sest,,sest"); l.User != 0 || l.Movie != 0 || l.Step != 2 || !reflect.DeepEqual(l.Views, []string{"sest"}) {
		t.Errorf("link = %+v", l)
	}
}

func TestHiddenControls(t *testing.T) {
	if h := hiddenControls(Link{Hide: []string{"lr"}}, testSettings); h != nil {
		t.Errorf("outside teacher mode %v is hidden", h)
	}
	h := hiddenControls(Link{Teacher: true}, testSettings)
	if !h["seed"] || !h[ControlNewSeed] || len(h) != 2 {
		t.Errorf("teacher mode alone hides %v, want the seed and New seed", h)
	}
	h = hiddenControls(Link{Teacher: true, Hide: []string{HideSettings, HideButtons, HideCheckpoint, HidePreset}}, testSettings)
	for _, name := range []string{"lr", "dropout", "seed", "preset", "step-epoch", "stop", "reset", ControlNewSeed, ControlLoadCheckpoint} {
		if !h[name] {
			t.Errorf("%s is not hidden", name)
		}
	}
	if h["play"] || h["step"] || h["pause"] {
		t.Errorf("teacher mode hides play, pause or step: %v", h)
	}
}

// A teacher link opens with its settings, inspects its sample, opens its
// views, keeps the lesson's step and refuses a new seed.
func TestTeacherLinkOpens(t *testing.T) {
	f := &fakeEngine{hash: "#lr=0.002&seed=7&user=200&movie=50&step=3&view=sest,prediction&teacher=1&hide=lr"}
	f.reply = func(method, path string, body []byte) (int, []byte) {
		switch {
		case path == api.PathConfig:
			var req api.ConfigRequest
			json.Unmarshal(body, &req)
			st := api.State{Seq: 1, Status: api.StatusReady, Config: map[string]string{"lr": req.Settings["lr"], "seed": req.Settings["seed"], "dropout": "0.5", "preset": "quick"}}
			b, _ := json.Marshal(st)
			return 200, b
		case path == api.PathInspect:
			b, _ := json.Marshal(api.SampleInspection{Probability: 0.6})
			return 200, b
		case strings.HasPrefix(path, api.PathFields):
			return 200, []byte(`{"fields":[]}`)
		}
		return 404, nil
	}
	s, env := openedStore(t, f, func(s *Store) bool { return s.Page == PageReady && s.Sample != nil })
	env.Lock()
	defer env.Unlock()
	if s.UserID != 200 || s.MovieID != 50 || !s.Views.SEST.Open || s.Views.Slices.Open || !s.Link.Teacher || s.Link.Step != 3 {
		t.Errorf("user %d movie %d sest %v slices %v link %+v", s.UserID, s.MovieID, s.Views.SEST.Open, s.Views.Slices.Open, s.Link)
	}
	if !s.Lesson.Open || s.LessonStep != 2 {
		t.Errorf("lesson open %v at step %d, want open at 2 (the URL's step 3, 1-based)", s.Lesson.Open, s.LessonStep)
	}
	if !s.Hidden["lr"] || !s.Hidden["seed"] || s.Hidden["dropout"] {
		t.Errorf("hidden %v", s.Hidden)
	}
	if !strings.Contains(strings.Join(f.calls, "\n"), `"seed":"7"`) {
		t.Errorf("the seed was not sent: %v", f.calls)
	}
	calls := len(f.calls)
	s.Command(api.ActionNewSeed)
	if len(f.calls) != calls || s.Notice == "" {
		t.Errorf("teacher mode sent a new seed (calls %d→%d, notice %q)", calls, len(f.calls), s.Notice)
	}
	if s.TeacherHash(nil) != "#lr=0.002&seed=7&user=200&movie=50&step=3&view=sest,prediction&teacher=1" {
		t.Errorf("teacher hash %q", s.TeacherHash(nil))
	}
	if h := f.Hash(); h != "#lr=0.002&seed=7&user=200&movie=50&step=3&view=sest,prediction&teacher=1&hide=lr" {
		t.Errorf("the URL after opening = %q", h)
	}
}
