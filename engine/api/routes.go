package api

import "strings"

// The engine's routes, one constant a path: engine/routes.go registers
// them and the UI's typed client (ui/client) calls them, so each path is
// written once. A {name} segment is a path wildcard; Fill replaces it.
const (
	PathPing        = "/api/ping"
	PathSettings    = "/api/settings"
	PathState       = "/api/state"
	PathEvents      = "/api/events"
	PathEventsClose = "/api/events/{token}/close"
	PathConfig      = "/api/config"
	PathSession     = "/api/session/{action}"
	PathSnapshot    = "/api/snapshot"
	PathInspect     = "/api/inspect"
	PathPredict     = "/api/predict"
	PathMovies      = "/api/movies"
	PathUser        = "/api/users/{id}"
	PathCheckpoint  = "/api/checkpoint"
	PathDataset     = "/api/dataset"
	// PathDatasetPrepared is the loaded dataset, parsed, for the page to
	// keep and hand back on its next visit instead of the zip.
	PathDatasetPrepared = "/api/dataset/prepared"
	// PathAll is the prefix of every route (the engine answers an unknown
	// one under it with a 404 Error).
	PathAll = "/api/"
)

// The actions of PathSession.
const (
	ActionPlay      = "play"
	ActionPause     = "pause"
	ActionStep      = "step"       // one batch
	ActionStepEpoch = "step-epoch" // to the end of the epoch
	ActionStop      = "stop"       // end training and test at the best epoch
	ActionReset     = "reset"      // the same seed from step 0
	ActionNewSeed   = "new-seed"   // a new seed from step 0
)

// Fill replaces the wildcard {name} in path with value (escaped as one
// path segment would be by the caller: values here are plain words and
// numbers).
func Fill(path, name, value string) string {
	return strings.Replace(path, "{"+name+"}", value, 1)
}
