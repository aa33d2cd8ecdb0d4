package state

import (
	"fmt"

	"github.com/flsest/flsest/engine/api"
)

// Actions the root calls when a panel reports what the user did (under the
// write lock, as DOM event handlers run): they start an engine request and
// return; the answer arrives through update or the event stream.

// Command sends a session action (api.ActionPlay …).
func (s *Store) Command(action string) {
	if action == api.ActionNewSeed && s.Link.Teacher {
		s.Notice = "This is a teacher's link: the seed is fixed, so everyone trains the same model."
		return
	}
	s.State.Error = nil
	s.Client.Session(action, func(st api.State, err error) {
		if err != nil {
			s.update(func() { s.Notice = err.Error() })
			return
		}
		s.update(func() { s.SetState(st) })
		if action == api.ActionNewSeed {
			s.writeHash()
		}
	})
}

// TogglePlay pauses a running loop and plays otherwise (Space).
func (s *Store) TogglePlay() {
	if s.Training() {
		s.Command(api.ActionPause)
	} else if s.CanPlay() {
		s.Command(api.ActionPlay)
	}
}

// CanPlay reports whether play makes sense now.
func (s *Store) CanPlay() bool {
	return s.Page == PageReady && (s.State.Status == api.StatusReady || s.State.Status == api.StatusPaused)
}

// Training reports whether the loop runs.
func (s *Store) Training() bool { return s.State.Status == api.StatusTraining }

// Set changes one setting (or the preset, with name "preset").
func (s *Store) Set(name, value string) { s.setThen(name, value, nil) }

// setThen is Set, then calls then (under the lock) once the engine agreed.
func (s *Store) setThen(name, value string, then func()) {
	req := api.ConfigRequest{Settings: map[string]string{name: value}}
	if name == "preset" {
		req = api.ConfigRequest{Preset: value}
	}
	delete(s.FieldErrors, name)
	s.Client.Configure(req, func(st api.State, err error) {
		if err != nil {
			s.update(func() {
				s.FieldErrors[name] = err.Error()
				if s.Compare.Running != "" {
					s.Compare.Error, s.Compare.Running, s.Compare.Queue = err.Error(), "", nil
				}
			})
			return
		}
		s.update(func() {
			s.SetState(st)
			s.Sample = nil
			if then != nil {
				then()
			}
		})
		s.writeHash()
	})
}

// maxHits is how many titles a search shows.
const maxHits = 8

// Search looks movies up by title.
func (s *Store) Search(q string) {
	s.Query = q
	if len(q) < 2 {
		s.Hits = nil
		return
	}
	s.Client.Movies(q, maxHits, func(hits []api.Movie, err error) {
		if err != nil {
			return // a failed search shows no titles; the next keystroke asks again
		}
		s.update(func() {
			if s.Query == q {
				s.Hits = hits
			}
		})
	})
}

// Pick selects a movie and inspects it with the current user.
func (s *Store) Pick(movieID int) {
	s.MovieID, s.Hits = movieID, nil
	s.writeHashLocked()
	s.Inspect()
}

// SetUser selects a user (1–943) and re-inspects.
func (s *Store) SetUser(id int) {
	s.UserID = id
	s.writeHashLocked()
	s.Inspect()
}

// Inspect asks the engine about the selected user × movie, and for its
// explanation in the same breath (explain).
func (s *Store) Inspect() {
	if s.UserID == 0 || s.MovieID == 0 {
		return
	}
	pair := api.InspectRequest{User: s.UserID, Movie: s.MovieID, Edit: s.whatIfEdit()}
	gen := s.explain(pair)
	s.Client.Inspect(pair, func(si api.SampleInspection, err error) {
		var flips bool
		s.update(func() {
			if err != nil {
				s.Sample, s.SampleErr = nil, err.Error()
			} else {
				s.Sample, s.SampleErr = &si, ""
			}
			flips = s.inspected(gen, err == nil)
			s.refreshLesson()
		})
		if flips {
			s.flipsThenFull(gen, api.ShapleyRequest{InspectRequest: pair})
		}
	})
}

// DownloadCheckpoint saves the current weights.
func (s *Store) DownloadCheckpoint() {
	s.Client.DownloadCheckpoint(fmt.Sprintf("flsest-seed%s-step%d.ckpt", s.State.Config["seed"], s.State.Progress.Steps))
}

// LoadCheckpoint hands a chosen checkpoint file to the engine.
func (s *Store) LoadCheckpoint(file any) {
	s.Client.LoadCheckpoint(file, func(st api.State, err error) {
		if err != nil {
			s.update(func() { s.Notice = "Checkpoint refused: " + err.Error() })
			return
		}
		s.update(func() { s.SetState(st); s.Notice = "Checkpoint loaded." })
	})
}
