package engine

import (
	"net/http"

	"github.com/flsest/flsest/engine/api"
)

// routes is the engine's whole API, one line a route (engine/api documents
// the bodies).
func (h *Handler) routes() {
	h.mux.HandleFunc("GET "+api.PathPing, h.ping)
	h.mux.HandleFunc("GET "+api.PathSettings, h.settings)
	h.mux.HandleFunc("GET "+api.PathState, h.state)
	h.mux.HandleFunc("GET "+api.PathEvents, h.events)
	h.mux.HandleFunc("POST "+api.PathEventsClose, h.closeEvents)
	h.mux.HandleFunc("POST "+api.PathConfig, h.config)
	h.mux.HandleFunc("POST "+api.PathSession, h.session)
	h.mux.HandleFunc("GET "+api.PathSnapshot, h.snapshot)
	h.mux.HandleFunc("POST "+api.PathInspect, h.inspect)
	h.mux.HandleFunc("POST "+api.PathPredict, h.predict)
	h.mux.HandleFunc("GET "+api.PathMovies, h.movies)
	h.mux.HandleFunc("GET "+api.PathUser, h.user)
	h.mux.HandleFunc("GET "+api.PathCheckpoint, h.getCheckpoint)
	h.mux.HandleFunc("POST "+api.PathCheckpoint, h.postCheckpoint)
	h.mux.HandleFunc("GET "+api.PathDataset, h.getDataset)
	h.mux.HandleFunc("GET "+api.PathFields, h.fields)
	h.mux.HandleFunc("POST "+api.PathDataset, h.postDataset)
	h.mux.HandleFunc("GET "+api.PathDatasetPrepared, h.getPrepared)
	h.mux.HandleFunc("POST "+api.PathDatasetPrepared, h.postPrepared)
	h.mux.HandleFunc("GET "+api.PathPermutation, h.permutationStatus)
	h.mux.HandleFunc("POST "+api.PathPermutation, h.startPermutation)
	h.mux.HandleFunc("POST "+api.PathPermutationCancel, h.cancelPermutation)
	h.mux.HandleFunc("POST "+api.PathShapley, h.shapley)
	h.mux.HandleFunc("POST "+api.PathShapleySummary, h.shapleySummary)
	h.mux.HandleFunc("GET "+api.PathPaper, h.paper)
	h.mux.HandleFunc("GET "+api.PathSEST, h.sest)
	h.mux.HandleFunc("GET "+api.PathSlices, h.slices)
	h.mux.HandleFunc("GET "+api.PathProjector, h.projector)
	h.mux.HandleFunc("GET "+api.PathNeighbours, h.neighbours)
	h.mux.HandleFunc(api.PathAll, func(w http.ResponseWriter, r *http.Request) {
		writeError(w, notFound("no route %s %s", r.Method, r.URL.Path))
	})
}
