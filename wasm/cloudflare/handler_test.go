package main

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// The Worker answers what the static assets do not: the stateless API,
// and a 404 for the rest, the dataset route saying why there is none.
func TestHandlerRoutes(t *testing.T) {
	h := newHandler()
	for _, c := range []struct {
		method, path string
		status       int
		body         string
	}{
		{"GET", "/api/edge", 200, `"max_body_bytes":16777216`},
		{"GET", "/data/ml-100k.zip", 404, "offers no MovieLens-100k"},
		{"GET", "/api/state", 404, "no such file"},
		{"GET", "/api/edge/predict", 405, ""},
	} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(c.method, c.path, nil))
		if w.Code != c.status || !strings.Contains(w.Body.String(), c.body) {
			t.Errorf("%s %s: %d %q, want %d with %q", c.method, c.path, w.Code, w.Body.String(), c.status, c.body)
		}
	}
}
