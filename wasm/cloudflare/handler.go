package main

import (
	"encoding/json"
	"net/http"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/engine/edge"
)

// newHandler answers every request the static assets do not: the
// stateless API, and a 404 for anything else. That includes the dataset
// route of `flsest serve` (/data/ml-100k.zip): MovieLens' licence forbids
// redistributing it, so the Worker offers none, and the page asks the
// visitor for ml-100k.zip instead.
func newHandler() http.Handler {
	mux := http.NewServeMux()
	h := edge.NewHandler()
	mux.Handle(api.PathEdge, h)
	mux.Handle(api.PathEdge+"/", h)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		msg := "no such file"
		if r.URL.Path == "/data/ml-100k.zip" {
			msg = "this server offers no MovieLens-100k (its licence forbids redistribution): drop ml-100k.zip on the page"
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		json.NewEncoder(w).Encode(api.Error{Code: api.CodeNotFound, Message: msg})
	})
	return mux
}
