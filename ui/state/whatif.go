package state

import (
	"github.com/flsest/flsest/engine/api"
)

// Explain is the inspected pair's explanation and its what-if: the edit
// applied to the pair, its Shapley values (the reference point at once,
// then the full background) and the single-field edits that move P across
// 0.5.
type Explain struct {
	User, Movie int            // the pair Edit belongs to (another pair drops it)
	Edit        api.SampleEdit // the what-if; zero: the pair as it is
	Quick       *api.ShapleyResponse
	Full        *api.ShapleyResponse // nil until the background answer arrives
	FullPending bool
	Flips       FlipSearch
	Err         string
	Version     int // counts the changes above
	gen         int // the current request generation: older answers are dropped
}

// Shown is the explanation to draw: the full background once it arrived,
// the reference point until then.
func (e *Explain) Shown() *api.ShapleyResponse {
	if e.Full != nil {
		return e.Full
	}
	return e.Quick
}

// WhatIf applies an edit to the inspected pair and explains it again.
func (s *Store) WhatIf(edit api.SampleEdit) {
	s.Explain.User, s.Explain.Movie, s.Explain.Edit = s.UserID, s.MovieID, edit
	s.Inspect()
}

// whatIfEdit is the edit Inspect sends: the what-if's, if it belongs to
// the inspected pair (a pair picked since starts unedited).
func (s *Store) whatIfEdit() *api.SampleEdit {
	e := &s.Explain
	if e.User != s.UserID || e.Movie != s.MovieID {
		e.User, e.Movie, e.Edit = s.UserID, s.MovieID, api.SampleEdit{}
		e.Version++
	}
	if isZeroEdit(e.Edit) {
		return nil
	}
	edit := e.Edit
	return &edit
}

func isZeroEdit(e api.SampleEdit) bool {
	return e.Gender == "" && e.Age == 0 && e.Occupation == "" && e.Zip == "" && e.Genres == nil && e.Year == 0
}

// explain (under the lock, once the pair's inspection arrived: the flips
// vary its raw age and year) asks for its Shapley values: first against the
// reference point (milliseconds), then the search for a flip (one batched
// prediction), then over the full background (a quarter second in the
// browser), each request after the previous answer so the quick ones never
// wait behind the slow one in the engine.
func (s *Store) explain() {
	e := &s.Explain
	e.gen++
	gen := e.gen
	req := api.ShapleyRequest{InspectRequest: api.InspectRequest{User: s.UserID, Movie: s.MovieID, Edit: s.whatIfEdit()}}
	e.Full, e.FullPending, e.Err = nil, true, ""
	e.Version++
	quick := req
	quick.Variant = api.ShapleyReference
	s.Client.Shapley(quick, func(r api.ShapleyResponse, err error) {
		var current bool
		s.update(func() {
			if current = e.gen == gen; !current {
				return
			}
			e.Version++
			if err != nil {
				e.Quick, e.Err, e.FullPending = nil, err.Error(), false
				current = false
				return
			}
			e.Quick = &r
		})
		if !current {
			return
		}
		s.searchFlips(gen, req.InspectRequest, r, func() {
			req.Variant = api.ShapleyBackground
			s.Client.Shapley(req, func(r api.ShapleyResponse, err error) {
				s.update(func() {
					if e.gen != gen {
						return
					}
					e.Version++
					e.FullPending = false
					if err != nil {
						e.Err = "full background: " + err.Error()
						return
					}
					e.Full = &r
				})
			})
		})
	})
}
