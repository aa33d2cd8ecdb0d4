package state

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/client"
)

// Start waits for the engine, reads its settings and state, loads the
// dataset the server offers (or asks for one) and subscribes to events.
func (s *Store) Start() {
	s.Client.OnCrash(func(msg string) {
		s.update(func() { s.Page, s.Crash = PageCrashed, msg })
	})
	s.Client.WhenReady(func(ms float64, err error) {
		if err != nil {
			s.update(func() { s.Page, s.Crash = PageCrashed, err.Error() })
			return
		}
		s.update(func() { s.ReadyMs = ms })
		// All at once: the engine's worker answers in order, and the
		// offered data usually keeps it busy, so each round trip waited
		// for is a render's worth of time before the page is ready.
		s.Client.Settings(func(settings []api.Setting, err error) {
			if err != nil {
				s.update(func() { s.Page, s.Crash = PageCrashed, "the engine did not list its settings: "+err.Error() })
				return
			}
			s.update(func() { s.Settings = settings })
		})
		s.loadPaper()
		s.subscribe()
		s.loadOfferedData()
	})
}

// RestartEngine replaces a crashed engine and loads the data again.
func (s *Store) RestartEngine() {
	s.Page, s.Crash = PageStarting, ""
	s.State, s.Snapshot, s.Sample, s.Loss = api.State{}, nil, nil, nil // a new engine counts Seq from 1
	s.SnapshotSeq, s.LossSeq, s.HistorySeq = s.SnapshotSeq+1, s.LossSeq+1, s.HistorySeq+1
	s.Client.Restart(func(ms float64, err error) {
		if err != nil {
			s.update(func() { s.Page, s.Crash = PageCrashed, err.Error() })
			return
		}
		s.update(func() { s.ReadyMs = ms })
		s.subscribe()
		s.loadOfferedData()
	})
}

// loadOfferedData asks the server for its copy of MovieLens-100k.
func (s *Store) loadOfferedData() {
	s.update(func() { s.Page, s.LoadStage, s.LoadFraction = PageLoading, LoadDownload, 0 })
	s.Client.LoadOfferedData(func(stage string, f float64) {
		s.coalesce(func() { s.LoadStage, s.LoadFraction = stage, f })
	}, func(_ api.DatasetInfo, err error) {
		switch {
		case err == nil:
			s.dataLoaded()
		case client.IsNotFound(err):
			s.update(func() { s.Page, s.DataError = PageNeedData, "" })
		default:
			s.update(func() { s.Page, s.DataError = PageNeedData, err.Error() })
		}
	})
}

// LoadFile hands a dropped or chosen ml-100k.zip to the engine.
func (s *Store) LoadFile(file any, name string) {
	s.Page, s.LoadStage, s.DataError = PageLoading, LoadParse, ""
	s.Client.LoadDataset(name, file, func(_ api.DatasetInfo, err error) {
		if err != nil {
			s.update(func() { s.Page, s.DataError = PageNeedData, err.Error() })
			return
		}
		s.dataLoaded()
	})
}

// dataLoaded asks for the what-if's field values, applies the URL's
// settings, then shows the app. Without a
// workers setting in the URL the page trains on one worker per core but
// one, which it leaves to itself (with every core training, the page's
// own tasks stretched past 100 ms on a 2-core machine), up to
// DefaultMaxWorkers; the URL then says so, and a link still reproduces
// the run.
func (s *Store) dataLoaded() {
	s.loadFieldValues()
	req, link := parseHash(s.Client.Hash())
	if _, set := req.Settings["workers"]; !set {
		if n := min(s.Client.Cores()-1, DefaultMaxWorkers); n > 1 {
			req.Settings["workers"] = strconv.Itoa(n)
		}
	}
	s.applyHashSettings(req, link, nil)
}

// loadPaper asks the engine for the paper's reported results; without
// them the page shows no paper numbers, and the notice says why.
func (s *Store) loadPaper() {
	s.Client.Paper(func(p api.Paper, err error) {
		s.update(func() {
			if err != nil {
				s.Notice = strings.TrimPrefix(s.Notice+"; ", "; ") + "The engine did not list the paper's results: " + err.Error()
				return
			}
			s.Paper = p
		})
	})
}

// offeredFields are the fields whose values the what-if offers (and its
// search for a flip tries).
var offeredFields = []string{"occupation", "genres"}

// loadFieldValues asks the engine for the offered fields' values; without
// them the what-if offers no occupation and its search no occupation or
// genre, and the notice says why.
func (s *Store) loadFieldValues() {
	s.Client.Fields(offeredFields, func(fv api.FieldValues, err error) {
		s.update(func() {
			if err != nil {
				s.Notice = strings.TrimPrefix(s.Notice+"; ", "; ") + "The engine did not list its fields: " + err.Error()
				return
			}
			s.FieldValues = map[string][]string{}
			for _, f := range fv.Fields {
				s.FieldValues[f.Name] = f.Values
			}
		})
	})
}

// DefaultMaxWorkers caps the default number of workers: past four, the
// shards of a 128-sample batch are too small to gain much.
const DefaultMaxWorkers = 4

// applyHashSettings sends the URL's settings; a setting the engine refuses
// is dropped, reported, and the rest retried (Playground: bad values fall
// back to defaults and are reported).
func (s *Store) applyHashSettings(req api.ConfigRequest, link Link, ignored []string) {
	s.Client.Configure(req, func(st api.State, err error) {
		if err == nil {
			s.update(func() {
				s.SetState(st)
				s.Page = PageReady
				s.applyLink(link)
				if len(ignored) > 0 {
					s.Notice = "Ignored from the URL: " + strings.Join(ignored, "; ")
				}
			})
			s.writeHash()
			return
		}
		var e *client.Error
		errors.As(err, &e)
		switch {
		case e != nil && e.Field == "preset" && req.Preset != "":
			ignored = append(ignored, fmt.Sprintf("preset=%s (%s)", req.Preset, e.Message))
			req.Preset = ""
		case e != nil && e.Field != "" && req.Settings[e.Field] != "":
			ignored = append(ignored, fmt.Sprintf("%s=%s (%s)", e.Field, req.Settings[e.Field], e.Message))
			delete(req.Settings, e.Field)
		default:
			s.update(func() { s.Page, s.DataError = PageNeedData, err.Error() })
			return
		}
		s.applyHashSettings(req, link, ignored)
	})
}
