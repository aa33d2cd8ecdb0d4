package edge

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/model"
)

// NewHandler serves the stateless routes (engine/api/edge.go).
func NewHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+api.PathEdge, func(w http.ResponseWriter, r *http.Request) { reply(w, Limits) })
	mux.HandleFunc("POST "+api.PathEdgePredict, call(predict))
	mux.HandleFunc("POST "+api.PathEdgeInspect, call(inspect))
	mux.HandleFunc("POST "+api.PathEdgeExplain, call(explain))
	return mux
}

// call reads a request's checkpoint and EdgeRequest, and answers with
// what do returns.
func call[T any](do func(*model.Net[float32], api.EdgeRequest) (T, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		m, req, err := readRequest(w, r)
		if err != nil {
			writeError(w, err)
			return
		}
		out, err := do(m, req)
		if err != nil {
			writeError(w, err)
			return
		}
		reply(w, out)
	}
}

// readRequest reads the whole body within the size limit (workerd
// refuses a body read twice, so it is read once, then parsed), then its
// two parts.
func readRequest(w http.ResponseWriter, r *http.Request) (*model.Net[float32], api.EdgeRequest, error) {
	var req api.EdgeRequest
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		return nil, req, invalid("Content-Type", "want multipart/form-data with the parts %q and %q", api.EdgePartCheckpoint, api.EdgePartRequest)
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, Limits.MaxBodyBytes))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, req, errTooLarge
		}
		return nil, req, invalid("body", "%v", err)
	}
	parts := map[string][]byte{}
	mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, req, invalid("body", "not a readable multipart body: %v", err)
		}
		name := p.FormName()
		if name != api.EdgePartCheckpoint && name != api.EdgePartRequest {
			return nil, req, invalid(name, "unknown part: the parts are %q and %q", api.EdgePartCheckpoint, api.EdgePartRequest)
		}
		if _, dup := parts[name]; dup {
			return nil, req, invalid(name, "the part is given twice")
		}
		if parts[name], err = io.ReadAll(p); err != nil {
			return nil, req, invalid(name, "%v", err)
		}
		if name == api.EdgePartRequest && int64(len(parts[name])) > Limits.MaxRequestBytes {
			return nil, req, invalid(name, "%d bytes, at most %d", len(parts[name]), Limits.MaxRequestBytes)
		}
	}
	for _, name := range []string{api.EdgePartCheckpoint, api.EdgePartRequest} {
		if _, ok := parts[name]; !ok {
			return nil, req, invalid(name, "the part is missing")
		}
	}
	dec := json.NewDecoder(bytes.NewReader(parts[api.EdgePartRequest]))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return nil, req, invalid(api.EdgePartRequest, "not an EdgeRequest: %v", err)
	}
	m, err := loadCheckpoint(parts[api.EdgePartCheckpoint])
	return m, req, err
}

var errTooLarge = &api.Error{Code: api.CodeInvalid, Field: "body", Message: fmt.Sprintf("over %d bytes", Limits.MaxBodyBytes)}

// reply sends v as JSON, or a 500 if it cannot be encoded (a NaN).
func reply(w http.ResponseWriter, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		writeError(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(append(b, '\n'))
}

func writeError(w http.ResponseWriter, err error) {
	e, ok := err.(*api.Error)
	if !ok {
		e = &api.Error{Code: api.CodeInternal, Message: err.Error()}
	}
	status := map[string]int{api.CodeInvalid: http.StatusBadRequest, api.CodeData: http.StatusBadRequest}[e.Code]
	switch {
	case e == errTooLarge:
		status = http.StatusRequestEntityTooLarge
	case status == 0:
		status = http.StatusInternalServerError
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(e)
}

// count checks the number of rows of a list against its limit.
func count(field string, n, lo, hi int) error {
	if n < lo || n > hi {
		return invalid(field, "%d rows: want %d to %d", n, lo, hi)
	}
	return nil
}
