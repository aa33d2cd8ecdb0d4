package client

import (
	"errors"

	"github.com/flsest/flsest/engine/api"
)

// The explanation routes: permutation importance, Shapley values, SEST's
// mechanism and batched predictions (the what-if's search for a flip).

// Permutation is the latest permutation-importance job (GET).
func (c *Client) Permutation(done func(api.PermutationStatus, error)) {
	call(c, "GET", api.PathPermutation, nil, done)
}

// StartPermutation starts a permutation-importance job; the engine refuses
// with 409 while training or while a job runs.
func (c *Client) StartPermutation(req api.PermutationRequest, done func(api.PermutationStatus, error)) {
	call(c, "POST", api.PathPermutation, req, done)
}

// CancelPermutation stops the running job.
func (c *Client) CancelPermutation(done func(api.PermutationStatus, error)) {
	call(c, "POST", api.PathPermutationCancel, nil, done)
}

// Shapley explains one sample (reference point or full background).
func (c *Client) Shapley(req api.ShapleyRequest, done func(api.ShapleyResponse, error)) {
	call(c, "POST", api.PathShapley, req, done)
}

// ShapleySummary is mean |φ| per field over a fixed validation sample.
func (c *Client) ShapleySummary(req api.ShapleySummaryRequest, done func(api.ShapleySummary, error)) {
	call(c, "POST", api.PathShapleySummary, req, done)
}

// Predict scores user × movie pairs, each with an optional edit, in one
// request (at most the engine's evaluation chunk).
func (c *Client) Predict(req api.PredictRequest, done func(api.PredictResponse, error)) {
	call(c, "POST", api.PathPredict, req, done)
}

// IsConflict reports whether err is a 409 (the engine is busy: training,
// or a job runs).
func IsConflict(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Status == 409
}
