package engine

import (
	"time"

	"github.com/flsest/flsest/engine/api"
)

// permutationJob is the latest permutation importance job, under the
// runner's lock.
type permutationJob struct {
	status    api.PermutationStatus
	cancelled bool
	sess      *Session // whose weights it explains: a new session (reset, settings, checkpoint) cancels it
}

// StartPermutation starts permutation importance over the validation split.
func (r *Runner) StartPermutation(req api.PermutationRequest) (*api.PermutationStatus, error) {
	if err := inRange("repeats", &req.Repeats, DefaultRepeats, 1, 100); err != nil {
		return nil, err
	}
	if req.Seed == 0 {
		req.Seed = defaultPermutationSeed
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.status == api.StatusTraining {
		return nil, conflict("training is running: pause it first (permutation importance is measured on fixed weights)")
	}
	if r.perm != nil && r.perm.status.State == api.JobRunning {
		return nil, conflict("permutation importance is already running: cancel it first")
	}
	x, weights, step, err := r.explainerLocked(req.Weights)
	if err != nil {
		return nil, err
	}
	req.Weights = weights
	job := &permutationJob{status: api.PermutationStatus{State: api.JobRunning, Request: req, Step: step}, sess: r.sess}
	r.perm = job
	go r.runPermutation(job, x)
	r.publishPermutationLocked(job)
	st := job.status
	return &st, nil
}

func (r *Runner) runPermutation(job *permutationJob, x *Explainer) {
	lastEvent := time.Now()
	res, err := x.Permutation(job.status.Request.Repeats, job.status.Request.Seed, func(done, total int) bool {
		r.mu.Lock()
		defer r.mu.Unlock()
		job.status.Done, job.status.Total = done, total
		if r.sess != job.sess && !job.cancelled {
			job.cancelled, job.status.State = true, api.JobCancelled
			job.status.Error = &api.Error{Code: api.CodeConflict, Message: "the session was replaced (reset, new settings or a checkpoint): its weights are gone"}
			r.publishPermutationLocked(job)
		}
		if time.Since(lastEvent) >= r.ProgressEvery && !job.cancelled {
			r.publishPermutationLocked(job)
			lastEvent = time.Now()
		}
		return job.cancelled
	})
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case err != nil:
		job.status.State, job.status.Error = api.JobFailed, &api.Error{Code: api.CodeInternal, Message: err.Error()}
	case res == nil:
		return // cancelled: CancelPermutation or the check above published it
	default:
		job.status.State, job.status.Result, job.status.Done = api.JobDone, res, job.status.Total
	}
	r.publishPermutationLocked(job)
}

// publishPermutationLocked sends job's status if it is the latest job.
func (r *Runner) publishPermutationLocked(job *permutationJob) {
	if job != r.perm {
		return
	}
	st := job.status
	r.publish(api.Event{Type: api.EventImportance, Importance: &st})
}

// CancelPermutation stops a running permutation job.
func (r *Runner) CancelPermutation() *api.PermutationStatus {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.perm != nil && r.perm.status.State == api.JobRunning {
		r.perm.cancelled = true
		r.perm.status.State = api.JobCancelled
		r.publishPermutationLocked(r.perm)
	}
	return r.permutationStatusLocked()
}

// PermutationStatus returns the latest permutation job.
func (r *Runner) PermutationStatus() *api.PermutationStatus {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.permutationStatusLocked()
}

func (r *Runner) permutationStatusLocked() *api.PermutationStatus {
	if r.perm == nil {
		return &api.PermutationStatus{State: api.JobIdle}
	}
	st := r.perm.status
	return &st
}
