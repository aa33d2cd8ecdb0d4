package state

import (
	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/client"
)

// Importance is what the importance panel shows: the latest permutation
// job (from its "importance" events), the Shapley summary and SEST's
// mechanism, each from the engine as it answered.
type Importance struct {
	Job     api.PermutationStatus
	JobErr  string // why the engine refused or failed the last request
	Summary *api.ShapleySummary
	SEST    *api.SESTReport
	Err     string // why the summary or the mechanism could not be read
	Pending int    // summary and mechanism requests in flight
	// Version counts the changes above, so the panel derives its view
	// again only when they changed.
	Version int
}

// DefaultRepeats is the permutation job's repeats when the page asks.
const DefaultRepeats = 5

// applyImportance folds a job's progress event in (under the write lock).
func (s *Store) applyImportance(st *api.PermutationStatus) {
	if st == nil {
		return
	}
	s.Importance.Job = *st
	s.Importance.Version++
	if st.State == api.JobDone {
		s.Importance.JobErr = ""
	}
}

// RunImportance starts permutation importance with repeats and reads the
// Shapley summary and SEST's mechanism beside it, all on the current
// weights. While training the engine refuses the job (409): the panel says
// so and offers it again once training pauses.
func (s *Store) RunImportance(repeats int) {
	if repeats <= 0 {
		repeats = DefaultRepeats
	}
	s.Importance.JobErr = ""
	s.Importance.Version++
	s.Client.StartPermutation(api.PermutationRequest{Repeats: repeats}, func(st api.PermutationStatus, err error) {
		s.update(func() {
			s.Importance.Version++
			if err != nil {
				s.Importance.JobErr = jobRefusal(err)
				return
			}
			if st.State != api.JobIdle || s.Importance.Job.State == "" {
				s.Importance.Job = st
			}
		})
	})
	s.ReadMechanism()
}

// jobRefusal says why the engine refused a job, in the page's words.
func jobRefusal(err error) string {
	if client.IsConflict(err) {
		return "The engine refuses while training runs (its numbers would be of weights already gone): pause or finish training, then compute. " + err.Error()
	}
	return err.Error()
}

// CancelImportance stops the running job.
func (s *Store) CancelImportance() {
	s.Client.CancelPermutation(func(st api.PermutationStatus, err error) {
		s.update(func() {
			s.Importance.Version++
			if err != nil {
				s.Importance.JobErr = err.Error()
				return
			}
			s.Importance.Job = st
		})
	})
}

// ReadMechanism reads the Shapley summary (mean |φ| per field) and SEST's
// mechanism on the current weights.
func (s *Store) ReadMechanism() {
	s.Importance.Err = ""
	s.Importance.Pending += 2
	s.Importance.Version++
	s.Client.ShapleySummary(api.ShapleySummaryRequest{}, func(sum api.ShapleySummary, err error) {
		s.update(func() {
			s.Importance.Pending--
			s.Importance.Version++
			if err != nil {
				s.Importance.Err = "Shapley summary: " + err.Error()
				return
			}
			s.Importance.Summary = &sum
		})
	})
	s.Client.SEST(func(r api.SESTReport, err error) {
		s.update(func() {
			s.Importance.Pending--
			s.Importance.Version++
			if err != nil {
				s.Importance.Err = "SEST's mechanism: " + err.Error()
				return
			}
			s.Importance.SEST = &r
		})
	})
}
