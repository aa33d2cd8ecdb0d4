package state

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/flsest/flsest/engine/api"
)

// Phases of the page, beyond the engine's own status.
const (
	PageStarting = "starting" // the engine worker is loading
	PageLoading  = "loading"  // the dataset is being fetched and parsed
	PageNeedData = "need-data"
	PageReady    = "ready" // the engine has data: Status says the rest
	PageCrashed  = "crashed"
)

// Point is one point of the training-loss curve.
type Point struct{ Step, Loss float64 }

// Store is the UI's state. See the package doc for its locking rules.
type Store struct {
	Engine Engine
	Env    Env

	Page         string
	LoadStage    string  // download, parse
	LoadFraction float64 // 0–1 of the download
	ReadyMs      float64 // engine start-up time
	Crash        string  // why the engine died
	DataError    string  // why a dropped/offered dataset was refused
	Notice       string  // e.g. URL settings that were ignored
	FieldErrors  map[string]string

	Settings []api.Setting
	State    api.State
	Snapshot *api.Snapshot
	Loss     []Point // (step, mean loss) from progress events, thinned to ≤ maxLossPoints

	Compare Compare
	Speeds  Speeds // training speed per configuration and number of workers, as seen here

	// The sample inspector.
	UserID    int
	Query     string
	Hits      []api.Movie
	MovieID   int
	Sample    *api.SampleInspection
	SampleErr string

	dirty    atomic.Bool
	stopFeed func()
	feedGen  atomic.Int64 // which subscription is current
}

const maxLossPoints = 400

// NewStore returns a store that starts when Start is called.
func NewStore(e Engine, env Env) *Store {
	return &Store{Engine: e, Env: env, Page: PageStarting, UserID: 196, FieldErrors: map[string]string{},
		Compare: Compare{Selected: append([]string(nil), DefaultCompare...)}}
}

// update runs f under the write lock and renders now: for answers and
// status changes a user is waiting to see.
func (s *Store) update(f func()) {
	s.Env.Lock()
	f()
	s.Env.UnlockRender()
}

// coalesce runs f under the write lock and leaves the render to the
// ticker (≤ 4 a second): for the stream of progress and snapshots.
func (s *Store) coalesce(f func()) {
	s.Env.Lock()
	f()
	s.Env.UnlockOnly()
	s.dirty.Store(true)
}

// TakeDirty reports (and clears) whether the page needs a render; the
// render ticker calls it.
func (s *Store) TakeDirty() bool { return s.dirty.Swap(false) }

// Start waits for the engine, reads its settings and state, loads the
// dataset the server offers (or asks for one) and subscribes to events.
func (s *Store) Start() {
	s.Engine.OnCrash(func(msg string) {
		s.update(func() { s.Page, s.Crash = PageCrashed, msg })
	})
	s.Engine.WhenReady(func(ms float64, err error) {
		if err != nil {
			s.update(func() { s.Page, s.Crash = PageCrashed, err.Error() })
			return
		}
		s.update(func() { s.ReadyMs = ms })
		s.Engine.Call("GET", "/api/settings", nil, func(status int, body []byte) {
			var settings []api.Setting
			if status != 200 || json.Unmarshal(body, &settings) != nil {
				s.update(func() { s.Page, s.Crash = PageCrashed, "the engine did not list its settings" })
				return
			}
			s.update(func() { s.Settings = settings })
			s.subscribe()
			s.loadOfferedData()
		})
	})
}

// subscribe streams events into the store. If the stream ends while the
// engine lives (the engine drops a subscriber that lags), it subscribes
// again: a new stream starts with the whole state.
func (s *Store) subscribe() {
	if s.stopFeed != nil {
		s.stopFeed()
	}
	gen := s.feedGen.Add(1)
	s.stopFeed = s.Engine.Events(func(line []byte) {
		var ev api.Event
		if err := json.Unmarshal(line, &ev); err != nil {
			return
		}
		switch ev.Type {
		case "progress", "snapshot", "epoch":
			s.coalesce(func() { s.Apply(ev) })
		default:
			s.update(func() { s.Apply(ev) })
		}
	}, func(err error) {
		time.Sleep(500 * time.Millisecond)
		s.Env.Lock()
		again := s.Page != PageCrashed && s.feedGen.Load() == gen
		s.Env.UnlockOnly()
		if again {
			s.subscribe()
		}
	})
}

// loadOfferedData asks the server for its copy of MovieLens-100k.
func (s *Store) loadOfferedData() {
	s.update(func() { s.Page, s.LoadStage, s.LoadFraction = PageLoading, "download", 0 })
	s.Engine.LoadServerData(func(stage string, f float64) {
		s.coalesce(func() { s.LoadStage, s.LoadFraction = stage, f })
	}, func(status int, body []byte) {
		switch {
		case status == 200:
			s.dataLoaded()
		case status == 404:
			s.update(func() { s.Page, s.DataError = PageNeedData, "" })
		default:
			s.update(func() { s.Page, s.DataError = PageNeedData, errorMessage(status, body) })
		}
	})
}

// LoadFile hands a dropped or chosen ml-100k.zip to the engine.
func (s *Store) LoadFile(file any, name string) {
	s.Page, s.LoadStage, s.DataError = PageLoading, "parse", ""
	s.Engine.LoadFile("/api/dataset?name="+url.QueryEscape(name), file, func(status int, body []byte) {
		if status != 200 {
			s.update(func() { s.Page, s.DataError = PageNeedData, errorMessage(status, body) })
			return
		}
		s.dataLoaded()
	})
}

// dataLoaded applies the URL's settings, then shows the app. Without a
// workers setting in the URL the page trains on one worker per core but
// one, which it leaves to itself (with every core training, the page's
// own tasks stretched past 100 ms on a 2-core machine), up to
// DefaultMaxWorkers; the URL then says so, and a link still reproduces
// the run.
func (s *Store) dataLoaded() {
	req := parseHash(s.Engine.Hash())
	if _, set := req.Settings["workers"]; !set {
		if n := min(s.Engine.Cores()-1, DefaultMaxWorkers); n > 1 {
			req.Settings["workers"] = strconv.Itoa(n)
		}
	}
	s.applyHashSettings(req, nil)
}

// DefaultMaxWorkers caps the default number of workers: past four, the
// shards of a 128-sample batch are too small to gain much.
const DefaultMaxWorkers = 4

// applyHashSettings sends the URL's settings; a setting the engine refuses
// is dropped, reported, and the rest retried (Playground: bad values fall
// back to defaults and are reported).
func (s *Store) applyHashSettings(req api.ConfigRequest, ignored []string) {
	body, _ := json.Marshal(req)
	s.Engine.Call("POST", "/api/config", body, func(status int, b []byte) {
		if status == 200 {
			var st api.State
			json.Unmarshal(b, &st)
			s.update(func() {
				s.SetState(st)
				s.Page = PageReady
				if len(ignored) > 0 {
					s.Notice = "Ignored from the URL: " + strings.Join(ignored, "; ")
				}
			})
			s.writeHash()
			return
		}
		var e api.Error
		json.Unmarshal(b, &e)
		switch {
		case e.Field == "preset" && req.Preset != "":
			ignored = append(ignored, fmt.Sprintf("preset=%s (%s)", req.Preset, e.Message))
			req.Preset = ""
		case e.Field != "" && req.Settings[e.Field] != "":
			ignored = append(ignored, fmt.Sprintf("%s=%s (%s)", e.Field, req.Settings[e.Field], e.Message))
			delete(req.Settings, e.Field)
		default:
			s.update(func() { s.Page, s.DataError = PageNeedData, errorMessage(status, b) })
			return
		}
		s.applyHashSettings(req, ignored)
	})
}

// parseHash reads "#preset=paper&lr=0.001&seed=7" into a config request.
func parseHash(h string) api.ConfigRequest {
	req := api.ConfigRequest{Settings: map[string]string{}}
	q, err := url.ParseQuery(strings.TrimPrefix(h, "#"))
	if err != nil {
		return req
	}
	for k, v := range q {
		if len(v) == 0 {
			continue
		}
		if k == "preset" {
			req.Preset = v[0]
			continue
		}
		req.Settings[k] = v[0]
	}
	return req
}

// hashFor writes the settings that differ from their defaults (the quick
// preset), sorted, plus the preset if it is not quick, and always the seed
// — so a link reproduces a run.
func hashFor(config map[string]string, settings []api.Setting) string {
	defaults := map[string]string{}
	for _, s := range settings {
		defaults[s.Name] = s.Default
	}
	var keys []string
	for k, v := range config {
		if k == "seed" || (k != "preset" && v != defaults[k]) || (k == "preset" && v != "quick") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, url.QueryEscape(k)+"="+url.QueryEscape(config[k]))
	}
	return "#" + strings.Join(parts, "&")
}

func (s *Store) writeHash() {
	s.Env.Lock()
	h := hashFor(s.State.Config, s.Settings)
	s.Env.UnlockOnly()
	s.Engine.SetHash(h)
}

// Apply folds one event into the store. It runs under the write lock.
func (s *Store) Apply(ev api.Event) {
	switch ev.Type {
	case "state":
		if ev.State != nil {
			s.SetState(*ev.State)
		}
	case "progress":
		if p := ev.Progress; p != nil {
			s.State.Progress = *p
			s.Speeds.Observe(s.State.Config, *p)
			if p.Phase == "train" && p.Loss > 0 {
				s.addLoss(Point{float64(p.Steps), p.Loss})
			}
		}
	case "epoch":
		if e := ev.Epoch; e != nil && !slices.ContainsFunc(s.State.History, func(h api.EpochResult) bool { return h.Epoch == e.Epoch }) {
			s.State.History = append(s.State.History, *e)
		}
	case "snapshot":
		s.Snapshot = ev.Snapshot
	case "error":
		s.State.Error = ev.Error
		if s.Compare.Running != "" {
			s.Compare.Error = s.Compare.Running + ": " + ev.Error.Message
			s.Compare.Running, s.Compare.Queue = "", nil
		}
	case "done":
		s.State.Result = ev.Result
		s.State.Status = api.StatusFinished
		s.compareDone(ev.Result)
	}
}

// SetState replaces the state unless st is older than the one shown (a
// command's reply can arrive after the event that followed it).
func (s *Store) SetState(st api.State) {
	if st.Seq < s.State.Seq {
		return
	}
	if len(st.History) == 0 && st.Progress.Steps == 0 {
		s.Loss = s.Loss[:0] // a new session
	}
	s.State = st
	if s.Page == PageNeedData && st.Dataset.Loaded {
		s.Page = PageReady
	}
}

// addLoss appends a point, halving the resolution when the curve grows
// past maxLossPoints (keeps the SVG path small).
func (s *Store) addLoss(p Point) {
	if n := len(s.Loss); n > 0 && s.Loss[n-1].Step >= p.Step {
		return
	}
	s.Loss = append(s.Loss, p)
	if len(s.Loss) > maxLossPoints {
		half := s.Loss[:0]
		for i := 0; i+1 < len(s.Loss); i += 2 {
			a, b := s.Loss[i], s.Loss[i+1]
			half = append(half, Point{b.Step, (a.Loss + b.Loss) / 2})
		}
		s.Loss = half
	}
}

// errorMessage extracts an api.Error's message from a failed response.
func errorMessage(status int, body []byte) string {
	var e api.Error
	if json.Unmarshal(body, &e) == nil && e.Message != "" {
		if e.Field != "" {
			return e.Field + ": " + e.Message
		}
		return e.Message
	}
	if status == 0 {
		return "the engine did not answer"
	}
	return fmt.Sprintf("the engine answered %d", status)
}
