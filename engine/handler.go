package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"runtime/debug"
	"strconv"
	"sync"

	"github.com/flsest/flsest/engine/api"
)

// Handler serves the engine's HTTP API (routes.go) over a Runner: JSON
// requests and responses, and an NDJSON event stream. The same Handler runs
// under net/http, httptest and, in the browser, syumai/workers.
type Handler struct {
	runner *Runner
	mux    *http.ServeMux

	mu      sync.Mutex
	streams map[string]func() // event streams by token, to end them from the server's side
}

// Body limits: JSON requests are small; a dataset zip is ~5 MB, a
// checkpoint < 4 MB.
const (
	maxJSONBody   = 1 << 20
	maxUploadBody = 64 << 20
)

// NewHandler returns the API over runner.
func NewHandler(runner *Runner) *Handler {
	h := &Handler{runner: runner, mux: http.NewServeMux(), streams: map[string]func(){}}
	h.routes()
	return h
}

// ServeHTTP implements http.Handler. A panic becomes a 500 instead of
// taking the process (in the browser: the one Go instance) down.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Body == nil {
		r.Body = http.NoBody // syumai/workers gives GET requests a nil body
	}
	defer func() {
		if v := recover(); v != nil {
			log.Printf("engine: panic serving %s %s: %v\n%s", r.Method, r.URL.Path, v, debug.Stack())
			writeError(w, fmt.Errorf("panic: %v", v))
		}
	}()
	h.mux.ServeHTTP(w, r)
}

// writeError maps an error to its status (the one translation point):
// *api.Error by code; anything else is internal and shown generically.
func writeError(w http.ResponseWriter, err error) {
	var ae *api.Error
	if !errors.As(err, &ae) {
		log.Printf("engine: internal error: %v", err)
		ae = &api.Error{Code: api.CodeInternal, Message: "internal error"}
	}
	status := map[string]int{
		api.CodeInvalid: http.StatusBadRequest, api.CodeData: http.StatusBadRequest,
		api.CodeNotFound: http.StatusNotFound, api.CodeConflict: http.StatusConflict,
	}[ae.Code]
	if status == 0 {
		status = http.StatusInternalServerError
	}
	writeJSON(w, status, ae)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"code":"internal","message":"internal error"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// readBody reads the whole body (workerd and syumai/workers want it read
// at once), at most limit bytes.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, &api.Error{Code: api.CodeInvalid, Message: fmt.Sprintf("the body is larger than %d bytes", limit)}
		}
		return nil, &api.Error{Code: api.CodeInvalid, Message: "reading the body: " + err.Error()}
	}
	return b, nil
}

// decode reads a JSON body into v, rejecting unknown fields.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	b, err := readBody(w, r, maxJSONBody)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return &api.Error{Code: api.CodeInvalid, Message: "the body is not the expected JSON: " + err.Error()}
	}
	return nil
}

// reply writes v, or err through writeError.
func reply(w http.ResponseWriter, v any, err error) {
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// jsonCall decodes the body into a Req, calls f and replies with its answer.
func jsonCall[Req, Resp any](w http.ResponseWriter, r *http.Request, f func(Req) (Resp, error)) {
	var req Req
	if err := decode(w, r, &req); err != nil {
		writeError(w, err)
		return
	}
	out, err := f(req)
	reply(w, out, err)
}

// GET /api/ping
func (h *Handler) ping(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// GET /api/settings
func (h *Handler) settings(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, APISettings())
}

// GET /api/paper: the paper's reported results (paper.go).
func (h *Handler) paper(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, Paper())
}

// GET /api/state
func (h *Handler) state(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, h.runner.State())
}

// GET /api/events[?token=…]: NDJSON, one api.Event a line, until the
// client goes or POST /api/events/{token}/close ends it. (Under
// syumai/workers a client cannot cancel a stream safely, and the request's
// context is never cancelled: the token is how a stream ends.)
func (h *Handler) events(w http.ResponseWriter, r *http.Request) {
	ch, cancel := h.runner.Subscribe()
	defer cancel()
	if token := r.URL.Query().Get("token"); token != "" {
		h.mu.Lock()
		h.streams[token] = cancel
		h.mu.Unlock()
		defer func() {
			h.mu.Lock()
			delete(h.streams, token)
			h.mu.Unlock()
		}()
	}
	w.Header().Set("Content-Type", "application/x-ndjson")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	for {
		select {
		case <-r.Context().Done():
			return
		case ev, ok := <-ch:
			if !ok {
				return // dropped for lagging: the client reconnects
			}
			b, err := json.Marshal(ev)
			if err != nil {
				log.Printf("engine: event %s: %v", ev.Type, err)
				continue
			}
			if _, err := w.Write(append(b, '\n')); err != nil {
				return // the client went away (the only signal under syumai/workers)
			}
			if err := rc.Flush(); err != nil && !errors.Is(err, http.ErrNotSupported) {
				return
			}
		}
	}
}

// POST /api/events/{token}/close
func (h *Handler) closeEvents(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	cancel, ok := h.streams[r.PathValue("token")]
	h.mu.Unlock()
	if !ok {
		writeError(w, notFound("no event stream %q", r.PathValue("token")))
		return
	}
	cancel()
	writeJSON(w, http.StatusOK, map[string]string{"status": "closed"})
}

// POST /api/config
func (h *Handler) config(w http.ResponseWriter, r *http.Request) {
	jsonCall(w, r, h.runner.Configure)
}

// POST /api/session/{action}
func (h *Handler) session(w http.ResponseWriter, r *http.Request) {
	st, err := h.runner.Command(r.PathValue("action"))
	reply(w, st, err)
}

// GET /api/snapshot[?full=1]
func (h *Handler) snapshot(w http.ResponseWriter, r *http.Request) {
	full := r.URL.Query().Get("full")
	if full != "" && full != "0" && full != "1" {
		writeError(w, &api.Error{Code: api.CodeInvalid, Field: "full", Message: fmt.Sprintf("%q is not 0 or 1", full)})
		return
	}
	s, err := h.runner.Snapshot(full == "1")
	reply(w, s, err)
}

// POST /api/inspect
func (h *Handler) inspect(w http.ResponseWriter, r *http.Request) {
	jsonCall(w, r, h.runner.Inspect)
}

// POST /api/predict
func (h *Handler) predict(w http.ResponseWriter, r *http.Request) {
	jsonCall(w, r, h.runner.Predict)
}

// GET /api/movies?q=…&limit=…
func (h *Handler) movies(w http.ResponseWriter, r *http.Request) {
	limit := 10
	if s := r.URL.Query().Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 100 {
			writeError(w, &api.Error{Code: api.CodeInvalid, Field: "limit", Message: fmt.Sprintf("%q is not an integer in [1, 100]", s)})
			return
		}
		limit = n
	}
	out, err := h.runner.Movies(r.URL.Query().Get("q"), limit)
	reply(w, out, err)
}

// GET /api/users/{id}
func (h *Handler) user(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.Atoi(r.PathValue("id"))
	if err != nil {
		writeError(w, &api.Error{Code: api.CodeInvalid, Field: "id", Message: fmt.Sprintf("%q is not an integer", r.PathValue("id"))})
		return
	}
	u, err := h.runner.User(id)
	reply(w, u, err)
}

// GET /api/checkpoint
func (h *Handler) getCheckpoint(w http.ResponseWriter, r *http.Request) {
	b, err := h.runner.Checkpoint()
	if err != nil {
		writeError(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Disposition", `attachment; filename="flsest.ckpt"`)
	w.Write(b)
}

// POST /api/checkpoint
func (h *Handler) postCheckpoint(w http.ResponseWriter, r *http.Request) {
	b, err := readBody(w, r, maxUploadBody)
	if err != nil {
		writeError(w, err)
		return
	}
	st, err := h.runner.LoadCheckpoint(b)
	reply(w, st, err)
}

// GET /api/dataset
func (h *Handler) getDataset(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, h.runner.Dataset())
}

// POST /api/dataset[?name=…]: the body is the official ml-100k.zip.
// Refused while training: here, before a body of up to 64 MB is read, and
// again by the runner (SetDataset) if training started during the upload.
func (h *Handler) postDataset(w http.ResponseWriter, r *http.Request) {
	b, ok := h.readDatasetUpload(w, r)
	if !ok {
		return
	}
	name := r.URL.Query().Get("name")
	if name == "" {
		name = "ml-100k.zip"
	}
	info, err := h.runner.LoadDataset(name, b)
	reply(w, info, err)
}

// readDatasetUpload reads a dataset's upload, refused (answered, ok false)
// while training before its body is read.
func (h *Handler) readDatasetUpload(w http.ResponseWriter, r *http.Request) (b []byte, ok bool) {
	if h.runner.State().Status == api.StatusTraining {
		writeError(w, conflictLoadingData())
		return nil, false
	}
	b, err := readBody(w, r, maxUploadBody)
	if err != nil {
		writeError(w, err)
		return nil, false
	}
	return b, true
}
