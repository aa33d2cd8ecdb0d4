package state

import (
	"sync/atomic"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/client"
)

// Phases of the page, beyond the engine's own status.
const (
	PageStarting = "starting" // the engine worker is loading
	PageLoading  = "loading"  // the dataset is being fetched and parsed
	PageNeedData = "need-data"
	PageReady    = "ready" // the engine has data: Status says the rest
	PageCrashed  = "crashed"
)

// Stages of PageLoading.
const (
	LoadDownload = "download"
	LoadParse    = "parse"
)

// Point is one point of the training-loss curve.
type Point struct{ Step, Loss float64 }

// Store is the UI's state. See the package doc for its locking rules.
type Store struct {
	Client *client.Client
	Env    Env

	Page         string
	LoadStage    string  // LoadDownload, LoadParse
	LoadFraction float64 // 0–1 of the download
	ReadyMs      float64 // engine start-up time
	Crash        string  // why the engine died
	DataError    string  // why a dropped/offered dataset was refused
	Notice       string  // e.g. URL settings that were ignored
	FieldErrors  map[string]string

	Settings []api.Setting
	// FieldValues is each offered field's values (the what-if's
	// occupations and genres), as the engine encodes them: fetched once
	// the data is loaded (GET /api/fields).
	FieldValues map[string][]string
	State       api.State
	Snapshot    *api.Snapshot
	Loss        []Point // (step, mean loss) from progress events, thinned to ≤ maxLossPoints

	// Paper is the paper's reported results, shown beside ours: fetched
	// once at start (GET /api/paper).
	Paper api.Paper

	// Versions of the parts that change while training: each counts the
	// changes of its part, so a panel's view is derived again only when
	// its part changed (a loss tick does not re-lay the heatmaps).
	SnapshotSeq, LossSeq, HistorySeq int

	Compare Compare
	Views   Views  // the explanation views, fetched while open (views.go)
	Speeds  Speeds // training speed per configuration and number of workers, as seen here

	// The sample inspector.
	UserID    int
	Query     string
	Hits      []api.Movie
	MovieID   int
	Sample    *api.SampleInspection
	SampleErr string

	Importance Importance // the importance panel (importance.go)
	Explain    Explain    // the inspected pair's Shapley values and what-if (whatif.go)

	Lesson     Lesson          // the guided lesson and the one-prediction view (lesson.go)
	LessonStep int             // the lesson's open step, from 0
	Link       Link            // the URL's page part as it was opened (urlstate.go)
	Hidden     map[string]bool // the controls teacher mode hides, by setting name or button id (teacher.go)

	dirty    atomic.Bool
	stopFeed func()
	feedGen  atomic.Int64 // which subscription is current
}

// Env is the part of vugu.EventEnv the store needs.
type Env interface {
	Lock()
	UnlockOnly()
	UnlockRender()
}

// NewStore returns a store that starts when Start is called.
func NewStore(c *client.Client, env Env) *Store {
	return &Store{Client: c, Env: env, Page: PageStarting, UserID: 196, FieldErrors: map[string]string{},
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
