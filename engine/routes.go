package engine

import (
	"net/http"

	"github.com/flsest/flsest/engine/api"
)

// routes is the engine's whole API, one line a route (engine/api documents
// the bodies).
func (h *Handler) routes() {
	h.mux.HandleFunc("GET /api/ping", h.ping)
	h.mux.HandleFunc("GET /api/settings", h.settings)
	h.mux.HandleFunc("GET /api/state", h.state)
	h.mux.HandleFunc("GET /api/events", h.events)
	h.mux.HandleFunc("POST /api/events/{token}/close", h.closeEvents)
	h.mux.HandleFunc("POST /api/config", h.config)
	h.mux.HandleFunc("POST /api/session/{action}", h.session)
	h.mux.HandleFunc("GET /api/snapshot", h.snapshot)
	h.mux.HandleFunc("POST /api/inspect", h.inspect)
	h.mux.HandleFunc("POST /api/predict", h.predict)
	h.mux.HandleFunc("GET /api/movies", h.movies)
	h.mux.HandleFunc("GET /api/users/{id}", h.user)
	h.mux.HandleFunc("GET /api/checkpoint", h.getCheckpoint)
	h.mux.HandleFunc("POST /api/checkpoint", h.postCheckpoint)
	h.mux.HandleFunc("GET /api/dataset", h.getDataset)
	h.mux.HandleFunc("POST /api/dataset", h.postDataset)
	h.mux.HandleFunc("GET "+api.PathPermutation, h.permutationStatus)
	h.mux.HandleFunc("POST "+api.PathPermutation, h.startPermutation)
	h.mux.HandleFunc("POST "+api.PathPermutationCancel, h.cancelPermutation)
	h.mux.HandleFunc("POST "+api.PathShapley, h.shapley)
	h.mux.HandleFunc("POST "+api.PathShapleySummary, h.shapleySummary)
	h.mux.HandleFunc("GET "+api.PathSEST, h.sest)
	h.mux.HandleFunc("GET "+api.PathSlices, h.slices)
	h.mux.HandleFunc("GET "+api.PathProjector, h.projector)
	h.mux.HandleFunc("GET "+api.PathNeighbours, h.neighbours)
	h.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, notFound("no route %s %s", r.Method, r.URL.Path))
	})
}
