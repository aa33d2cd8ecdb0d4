package engine

import (
	"net/http"
	"slices"
	"testing"

	"github.com/flsest/flsest/engine/api"
)

// GET /api/fields gives the vocabularies the engine encodes: the
// occupations and genres of the loaded u.occupation and u.genre.
func TestFieldsRoute(t *testing.T) {
	r, h := testEngine(t)
	callError(t, h, "GET", api.PathFields, nil, http.StatusConflict, api.CodeConflict, "")
	loadData(t, h)
	var all api.FieldValues
	call(t, h, "GET", api.PathFields, nil, http.StatusOK, &all)
	if len(all.Fields) != len(r.data.Schema.Fields) {
		t.Fatalf("%d fields, the schema has %d", len(all.Fields), len(r.data.Schema.Fields))
	}
	for i, f := range all.Fields {
		if f.Name != r.data.Schema.Fields[i].Name || len(f.Values) != r.data.Schema.Fields[i].Vocab {
			t.Errorf("field %d: %s with %d values, schema %+v", i, f.Name, len(f.Values), r.data.Schema.Fields[i])
		}
	}
	var some api.FieldValues
	call(t, h, "GET", api.PathFields+"?names=occupation,genres", nil, http.StatusOK, &some)
	if len(some.Fields) != 2 || some.Fields[0].Name != "occupation" || some.Fields[1].Name != "genres" || !some.Fields[1].Multi {
		t.Fatalf("occupation,genres: %+v", some.Fields)
	}
	if !slices.Equal(some.Fields[0].Values, r.ml.Occupations) || !slices.Equal(some.Fields[1].Values, r.ml.Genres) {
		t.Errorf("occupations %v, genres %v; the data has %v, %v", some.Fields[0].Values, some.Fields[1].Values, r.ml.Occupations, r.ml.Genres)
	}
	callError(t, h, "GET", api.PathFields+"?names=shoe_size", nil, http.StatusBadRequest, api.CodeInvalid, "names")
}
