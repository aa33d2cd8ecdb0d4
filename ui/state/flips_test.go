package state

import (
	"testing"

	"github.com/flsest/flsest/datasets"
	"github.com/flsest/flsest/engine/api"
)

func TestFlipCandidates(t *testing.T) {
	r := api.ShapleyResponse{Fields: []api.FieldShapley{{Field: "gender", Value: "M"}, {Field: "occupation", Value: "writer"},
		{Field: "zip", Value: "5"}, {Field: "genres", Value: "Comedy"}}}
	// MovieLens-100k's vocabularies, as the engine lists them: the
	// synthetic data has the real schema.
	ml := datasets.NewSynthetic(datasets.SyntheticOptions{Users: 1, Movies: 1, Ratings: 1, Seed: 1})
	values := map[string][]string{"occupation": ml.Occupations, "genres": ml.Genres}
	cands := flipCandidates(api.SampleEdit{Occupation: "writer"}, r, 49, 1996, values)
	count := map[string]int{}
	for _, c := range cands {
		count[c.Field]++
		if c.Field != "occupation" && c.Edit.Occupation != "writer" {
			t.Errorf("%s's candidate dropped the what-if's own edit: %+v", c.Field, c.Edit)
		}
	}
	want := map[string]int{"gender": 1, "age": maxFlipAge - minFlipAge, "occupation": len(ml.Occupations) - 1, "zip": 9,
		"genres": len(ml.Genres) - 1, "year": maxFlipYear - minFlipYear} // removing the only genre is not offered
	for f, n := range want {
		if count[f] != n {
			t.Errorf("%s: %d candidates, want %d", f, count[f], n)
		}
	}
	if got := flipCandidates(api.SampleEdit{}, r, 49, 1996, nil); len(got) != len(cands)-count["occupation"]-count["genres"] {
		t.Errorf("without the field values: %d candidates, want %d (no occupation or genre)", len(got), len(cands)-count["occupation"]-count["genres"])
	}
	if len(cands) > 1024 {
		t.Errorf("%d candidates: more than one prediction request takes", len(cands))
	}
}

func TestCrossingsKeepTheSmallestMovePerField(t *testing.T) {
	cands := []Flip{{Field: "age", To: "30"}, {Field: "age", To: "60"}, {Field: "zip", To: "1"}, {Field: "gender", To: "F"}}
	got := crossings(0.55, cands, []float64{0.45, 0.30, 0.49, 0.56})
	if len(got) != 2 || got[0].Field != "zip" || got[1].Field != "age" || got[1].To != "30" {
		t.Errorf("%+v", got)
	}
	if got := crossings(0.55, cands, []float64{0.6, 0.7, 0.5, 0.9}); len(got) != 0 {
		t.Errorf("P = 0.5 counts as above, as P ≥ 0.5 did: %+v", got)
	}
}
