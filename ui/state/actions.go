package state

import (
	"encoding/json"
	"fmt"
	"net/url"

	"github.com/flsest/flsest/engine/api"
)

// Actions the panels call from DOM event handlers (under the write lock):
// they start an engine request and return; the answer arrives through
// update or the event stream.

// Command sends a session action: play, pause, step, step-epoch, stop,
// reset, new-seed.
func (s *Store) Command(action string) {
	s.State.Error = nil
	s.Engine.Call("POST", "/api/session/"+action, nil, func(status int, body []byte) {
		if status != 200 {
			msg := errorMessage(status, body)
			s.update(func() { s.Notice = msg })
			return
		}
		var st api.State
		if json.Unmarshal(body, &st) == nil {
			s.update(func() { s.SetState(st) })
			if action == "new-seed" {
				s.writeHash()
			}
		}
	})
}

// TogglePlay pauses a running loop and plays otherwise (Space).
func (s *Store) TogglePlay() {
	if s.State.Status == api.StatusTraining {
		s.Command("pause")
	} else if s.CanPlay() {
		s.Command("play")
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
	body, _ := json.Marshal(req)
	delete(s.FieldErrors, name)
	s.Engine.Call("POST", "/api/config", body, func(status int, b []byte) {
		if status != 200 {
			msg := errorMessage(status, b)
			s.update(func() {
				s.FieldErrors[name] = msg
				if s.Compare.Running != "" {
					s.Compare.Error, s.Compare.Running, s.Compare.Queue = msg, "", nil
				}
			})
			return
		}
		var st api.State
		if json.Unmarshal(b, &st) == nil {
			s.update(func() {
				s.SetState(st)
				s.Sample = nil
				if then != nil {
					then()
				}
			})
			s.writeHash()
		}
	})
}

// Search looks movies up by title.
func (s *Store) Search(q string) {
	s.Query = q
	if len(q) < 2 {
		s.Hits = nil
		return
	}
	s.Engine.Call("GET", "/api/movies?limit=8&q="+url.QueryEscape(q), nil, func(status int, b []byte) {
		var hits []api.Movie
		if status == 200 && json.Unmarshal(b, &hits) == nil {
			s.update(func() {
				if s.Query == q {
					s.Hits = hits
				}
			})
		}
	})
}

// Pick selects a movie and inspects it with the current user.
func (s *Store) Pick(movieID int) {
	s.MovieID, s.Hits = movieID, nil
	s.Inspect()
}

// SetUser selects a user (1–943) and re-inspects.
func (s *Store) SetUser(id int) {
	s.UserID = id
	s.Inspect()
}

// Inspect asks the engine about the selected user × movie.
func (s *Store) Inspect() {
	if s.UserID == 0 || s.MovieID == 0 {
		return
	}
	body, _ := json.Marshal(api.InspectRequest{User: s.UserID, Movie: s.MovieID})
	s.Engine.Call("POST", "/api/inspect", body, func(status int, b []byte) {
		if status != 200 {
			msg := errorMessage(status, b)
			s.update(func() { s.Sample, s.SampleErr = nil, msg })
			return
		}
		var si api.SampleInspection
		if json.Unmarshal(b, &si) == nil {
			s.update(func() { s.Sample, s.SampleErr = &si, "" })
		}
	})
}

// DownloadCheckpoint saves the current weights.
func (s *Store) DownloadCheckpoint() {
	s.Engine.Download("/api/checkpoint", fmt.Sprintf("flsest-seed%s-step%d.ckpt", s.State.Config["seed"], s.State.Progress.Steps))
}

// LoadCheckpoint hands a chosen checkpoint file to the engine.
func (s *Store) LoadCheckpoint(file any) {
	s.Engine.LoadFile("/api/checkpoint", file, func(status int, b []byte) {
		if status != 200 {
			msg := errorMessage(status, b)
			s.update(func() { s.Notice = "Checkpoint refused: " + msg })
			return
		}
		var st api.State
		if json.Unmarshal(b, &st) == nil {
			s.update(func() { s.SetState(st); s.Notice = "Checkpoint loaded." })
		}
	})
}

// RestartEngine replaces a crashed engine and loads the data again.
func (s *Store) RestartEngine() {
	s.Page, s.Crash = PageStarting, ""
	s.State, s.Snapshot, s.Sample, s.Loss = api.State{}, nil, nil, nil // a new engine counts Seq from 1
	s.Engine.Restart(func(ms float64, err error) {
		if err != nil {
			s.update(func() { s.Page, s.Crash = PageCrashed, err.Error() })
			return
		}
		s.update(func() { s.ReadyMs = ms })
		s.subscribe()
		s.loadOfferedData()
	})
}
