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
	waiting     int // answers the flip search still waits for (the inspection, the reference point's)
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

// explain (under the lock, when the pair is inspected) asks for its
// Shapley values against the reference point at once, beside the
// inspection: the answer (milliseconds) carries P, so an edit shows its new
// P after one round trip. The search for a flip (one batched prediction)
// waits for both answers, as it varies the raw age and year only the
// inspection gives; then the full background (a quarter second in the
// browser), after the quick ones so they never wait behind it in the
// engine. explain returns the generation the inspection reports to
// (inspected).
func (s *Store) explain(pair api.InspectRequest) int {
	e := &s.Explain
	e.gen++
	gen := e.gen
	req := api.ShapleyRequest{InspectRequest: pair}
	e.Full, e.FullPending, e.Err, e.waiting = nil, true, "", 2
	e.Version++
	quick := req
	quick.Variant = api.ShapleyReference
	s.Client.Shapley(quick, func(r api.ShapleyResponse, err error) {
		var start bool
		s.update(func() {
			if e.gen != gen {
				return
			}
			e.Version++
			if err != nil {
				e.Quick, e.Err, e.FullPending = nil, err.Error(), false
				e.gen++ // nothing more for this pair: the flips need a P
				return
			}
			e.Quick = &r
			start = e.arrived()
		})
		if start {
			s.flipsThenFull(gen, req)
		}
	})
	return gen
}

// inspected reports the inspection of generation gen (under the lock); it
// reports whether the flip search can start (the quick answer is in).
func (s *Store) inspected(gen int, ok bool) bool {
	e := &s.Explain
	if e.gen != gen {
		return false
	}
	if !ok { // no sample to explain: drop the answers still coming
		e.gen++
		e.FullPending = false
		e.Version++
		return false
	}
	return e.arrived()
}

// arrived counts one of the two answers the flip search waits for (under
// the lock) and reports whether it was the last.
func (e *Explain) arrived() bool {
	e.waiting--
	return e.waiting == 0
}

// flipsThenFull searches the flips of generation gen's pair, then asks for
// its Shapley values over the full background.
func (s *Store) flipsThenFull(gen int, req api.ShapleyRequest) {
	e := &s.Explain
	s.Env.Lock()
	if e.gen != gen || e.Quick == nil {
		s.Env.UnlockOnly()
		return
	}
	r := *e.Quick
	s.Env.UnlockOnly()
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
}
