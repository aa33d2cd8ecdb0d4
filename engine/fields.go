package engine

import (
	"net/http"
	"slices"
	"strings"

	"github.com/flsest/flsest/datasets"
	"github.com/flsest/flsest/engine/api"
)

// Fields lists the loaded data's fields and their values; with names, only
// those (an unknown name is a 400 naming it).
func (r *Runner) Fields(names []string) (*api.FieldValues, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.data == nil {
		return nil, conflict("no dataset is loaded yet")
	}
	fields := r.data.Enc.Fields
	out := &api.FieldValues{Fields: []api.FieldVocabulary{}}
	for _, name := range names {
		if !slices.ContainsFunc(fields, func(f datasets.Field) bool { return f.Name == name }) {
			return nil, &api.Error{Code: api.CodeInvalid, Field: "names", Message: "no field " + name + " (fields: " + strings.Join(r.data.fieldNames(), ", ") + ")"}
		}
	}
	for _, f := range fields {
		if len(names) > 0 && !slices.Contains(names, f.Name) {
			continue
		}
		out.Fields = append(out.Fields, api.FieldVocabulary{Name: f.Name, Domain: f.Domain, Multi: f.Multi, Values: slices.Clone(f.Values)})
	}
	return out, nil
}

// GET /api/fields
func (h *Handler) fields(w http.ResponseWriter, r *http.Request) {
	var names []string
	if s := r.URL.Query().Get("names"); s != "" {
		names = commaList(s)
	}
	out, err := h.runner.Fields(names)
	reply(w, out, err)
}
