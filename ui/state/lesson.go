package state

import (
	"fmt"

	"github.com/flsest/flsest/engine/api"
)

// The guided lesson and the one-prediction view read the selected pair's
// trace (POST /api/inspect with Trace): fetched while either is open, when
// it opens, when the pair changes, and as the explanation views are (at
// each epoch's end while training, else when the state or step changed).

// DefaultLessonMovie is the pair the lesson shows if none is selected:
// user 196 (the store's default) and Kolya (1996), the first rating of
// MovieLens-100k's u.data.
const DefaultLessonMovie = 242

// Lesson is the lesson's and the end-to-end view's state. The open step is
// the store's LessonStep.
type Lesson struct {
	Open    bool
	Reading bool // all steps in order instead of one at a time
	Field   int  // the field whose numbers the per-field equations show
	Flow    bool // the one-prediction view is open
	Trace   View[api.SampleInspection]
	pair    string // the pair Trace was asked for
}

// ViewFlow names the one-prediction view in the URL (KeyView).
const ViewFlow = "flow"

// OpenLesson opens or closes the lesson (under the write lock).
func (s *Store) OpenLesson(open bool) {
	s.Lesson.Open = open
	s.writeHashLocked()
	s.lessonPair()
}

// OpenFlow opens or closes the one-prediction view (under the write lock).
func (s *Store) OpenFlow(open bool) {
	s.Lesson.Flow = open
	s.writeHashLocked()
	s.lessonPair()
}

// lessonPair picks the default pair if none is, then fetches the trace.
func (s *Store) lessonPair() {
	if (s.Lesson.Open || s.Lesson.Flow) && s.MovieID == 0 && s.Page == PageReady {
		s.Pick(DefaultLessonMovie)
	}
	s.refreshLesson()
}

// GoLessonStep opens step i (the panel keeps i within its steps).
func (s *Store) GoLessonStep(i int) {
	s.LessonStep = i
	s.writeHashLocked()
}

// SetLessonReading switches between the stepped and the reading mode.
func (s *Store) SetLessonReading(on bool) { s.Lesson.Reading = on }

// SetLessonField picks the field the per-field equations show.
func (s *Store) SetLessonField(i int) { s.Lesson.Field = i }

// refreshLesson asks for the selected pair's trace if the lesson or the
// end-to-end view is open and its trace is not current (under the write
// lock).
func (s *Store) refreshLesson() {
	l := &s.Lesson
	l.Trace.Open = l.Open || l.Flow
	if s.Page != PageReady || !l.Trace.Open || s.MovieID == 0 {
		return
	}
	req := api.InspectRequest{User: s.UserID, Movie: s.MovieID, Edit: s.whatIfEdit(), Trace: true}
	if pair := fmt.Sprint(req.User, req.Movie, req.Edit); pair != l.pair && !l.Trace.inFlight {
		l.pair, l.Trace.key = pair, "" // a new pair: fetch now
	}
	refresh(s, &l.Trace, func(done func(api.SampleInspection, error)) { s.Client.Inspect(req, done) })
}
