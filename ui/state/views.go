package state

import (
	"strconv"
	"time"

	"github.com/flsest/flsest/engine/api"
)

// The explanation views (SEST per coordinate, slices, the embedding
// projector) ask the engine for their reports only while their panel is
// open: once when it opens, then again when the model changed enough to
// show — while training, at each epoch's end (not when play is pressed);
// otherwise whenever the state or the step changed. Never on a progress tick, and never two requests
// for one view at once: each report costs the worker an inference over
// the validation rows, and the projector's is large to decode.

// The views, by name (panels.OpenViewEvent's Name).
const (
	ViewSEST      = "sest"
	ViewSlices    = "slices"
	ViewProjector = "projector"
)

// Views is the explanation views' state.
type Views struct {
	SEST      View[api.SESTReport]
	Slices    View[api.SlicesReport]
	Projector View[api.ProjectorReport]

	// The projector's selected point and its nearest neighbours.
	Neighbours    *api.NeighboursReport
	NeighboursErr string
}

// View is one view's report, fetched while Open.
type View[T any] struct {
	Open     bool
	Report   *T
	Err      string
	Seq      int // counts the reports received (a panel lays out again when it changes)
	inFlight bool
	key      string // the model the report shows (modelKey) …
	epochs   int    // … and its epochs done
}

// NeighboursK is how many neighbours a click lists.
const NeighboursK = 10

// OpenView opens or closes a view (under the write lock, from a DOM
// event); an opened view fetches its report.
func (s *Store) OpenView(name string, open bool) {
	switch name {
	case ViewSEST:
		s.Views.SEST.Open = open
	case ViewSlices:
		s.Views.Slices.Open = open
	case ViewProjector:
		s.Views.Projector.Open = open
	}
	s.writeHashLocked()
	s.refreshViews()
}

// modelKey names the model a report shows when not training: the state
// and the step.
func (s *Store) modelKey() string {
	return "seq " + strconv.FormatUint(s.State.Seq, 10) + " step " + strconv.Itoa(s.State.Progress.Steps)
}

// refreshViews asks for every open view whose report is older than the
// model (under the write lock).
func (s *Store) refreshViews() {
	s.refreshLesson()
	v := &s.Views
	if s.Page != PageReady || !v.SEST.Open && !v.Slices.Open && !v.Projector.Open {
		return
	}
	refresh(s, &v.SEST, s.Client.SEST)
	refresh(s, &v.Slices, s.Client.Slices)
	refresh(s, &v.Projector, s.Client.Projector)
}

// refresh fetches v's report with get unless v is closed or busy, or its
// report is current: while training, from this epoch; otherwise, of this
// state and step.
func refresh[T any](s *Store, v *View[T], get func(func(T, error))) {
	key, epochs := s.modelKey(), len(s.State.History)
	current := v.key == key || s.Training() && v.epochs == epochs && v.key != ""
	if !v.Open || v.inFlight || current {
		return
	}
	v.inFlight, v.key, v.epochs = true, key, epochs
	get(func(r T, err error) {
		go func() {
			// A report's decoding and the render that lays it out are
			// each a main-thread task of their own: a sleep yields to the
			// browser in between (the projector's are ~15 ms each under
			// wasm).
			time.Sleep(time.Millisecond)
			s.update(func() {
				v.inFlight = false
				if err != nil {
					v.Report, v.Err = nil, err.Error()
				} else {
					v.Report, v.Err = &r, ""
				}
				v.Seq++
				s.refreshViews() // the model may have moved on while this one was computed
			})
		}()
	})
}

// ShowNeighbours asks for the nearest neighbours of a movie or user (kind
// "movie" or "user", its MovieLens id).
func (s *Store) ShowNeighbours(kind string, id int) {
	s.Client.Neighbours(kind, id, NeighboursK, func(r api.NeighboursReport, err error) {
		s.update(func() {
			if err != nil {
				s.Views.Neighbours, s.Views.NeighboursErr = nil, err.Error()
				return
			}
			s.Views.Neighbours, s.Views.NeighboursErr = &r, ""
		})
	})
}
