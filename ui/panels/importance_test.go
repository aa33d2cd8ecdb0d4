package panels

import (
	"math"
	"strings"
	"testing"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/format"
	"github.com/flsest/flsest/ui/state"
)

var testFields = []string{"user_id", "gender", "age", "occupation", "zip", "movie_id", "genres", "year"}

// testImportance is numbers shaped like the quick preset's: two fields far
// ahead under permutation, SEST flat at 0.5 with its units mostly off.
func testImportance() (api.PermutationStatus, *api.ShapleySummary, *api.SESTReport) {
	drops := []float64{0.043, 0.002, 0.003, 0.004, 0.006, 0.081, 0.009, 0.005}
	phis := []float64{0.21, 0.02, 0.03, 0.04, 0.05, 0.33, 0.08, 0.06}
	job := api.PermutationStatus{State: api.JobDone, Step: 300, Result: &api.PermutationResult{Rows: 8000, Repeats: 2, Seed: 1, AUC: 0.75}}
	sum := &api.ShapleySummary{Rows: 512, Variant: api.ShapleyReference}
	sest := &api.SESTReport{Step: 300, N: 2048, Granularity: "field", Units: api.SESTUnits{Threshold: []float64{0.06, 0.14}, SE: []float64{0.2, 0.1}}}
	for i, f := range testFields {
		job.Result.Fields = append(job.Result.Fields, api.FieldImportance{Name: f, AUCDrop: drops[i], AUCDropStd: drops[i] / 10})
		sum.Fields = append(sum.Fields, api.FieldShapleySummary{Name: f, MeanAbs: phis[i]})
		sest.Fields = append(sest.Fields, api.SESTField{Name: f, U: api.Summary{Mean: -0.001 * float64(i)}, SEU: api.Summary{Mean: 0.002},
			A: api.Summary{Mean: 0.5 - 0.0002*float64(i), Std: 0.001}, SEWeight: api.Summary{Mean: 0.497 + 0.0007*float64(i), Std: 0.002}})
	}
	return job, sum, sest
}

func TestImportanceRender(t *testing.T) {
	job, sum, sest := testImportance()
	c := &Importance{Fields: testFields, Job: job, Summary: sum, SEST: sest, Granularity: "field", Version: 1}
	if html := render(t, c); strings.Contains(html, `id="imp-table"`) {
		t.Error("the table of numbers is open before it is asked for")
	}
	c.numbers = true
	html := render(t, c)
	mustContain(t, html, `data-error-bars="24"`, `data-fields="8"`, `data-field="movie_id"`, "0.0810 ± 0.0081",
		"weights (read per field) stay within 0.497–0.502 for every field while permutation importance (ΔAUC) ranks movie_id (0.0810) and user_id (0.0430) far above the rest", "Read SEST per coordinate", "SEST read per field (step 300)")
	if n := strings.Count(html, "<path"); n > 12 {
		t.Errorf("%d paths: the chart should draw one path per series", n)
	}
	c.Training, c.Version = true, 2
	mustContain(t, render(t, c), `id="imp-training"`)
	c.Job = api.PermutationStatus{State: api.JobRunning, Done: 100, Total: 1000}
	c.Version = 3
	mustContain(t, render(t, c), `id="imp-cancel"`, "100 of "+format.Int(1000)+" rows scored")
	// Before any number: the fields, no bars.
	mustContain(t, render(t, &Importance{Fields: testFields, numbers: true}), `data-error-bars="0"`, `data-field="year"`, `data-fields="8"`)
}

func TestImportanceSentenceFollowsTheNumbers(t *testing.T) {
	job, sum, sest := testImportance()
	in := gatherImportance(testFields, job, sum, sest)
	s := importanceSentence(in, sest)
	for _, want := range []string{"SEST's weights (read per field) stay within 0.497–0.502", "Mean |φ| agrees on the top 3",
		"active in 20%", "per-coordinate reading"} {
		if !strings.Contains(s, want) {
			t.Errorf("no %q in %q", want, s)
		}
	}
	// SEST that learns the permutation order: the sentence says they agree.
	for i := range sest.Fields {
		sest.Fields[i].SEWeight.Mean = 0.3 + 4*job.Result.Fields[i].AUCDrop
		sest.Fields[i].A.Mean = 0.8 - 4*job.Result.Fields[i].AUCDrop
	}
	sest.Granularity = "coordinate"
	in = gatherImportance(testFields, job, sum, sest)
	s = importanceSentence(in, sest)
	for _, want := range []string{"ranks the fields much as permutation importance does (rank correlation 1.00)", "zeroes less of the fields that matter"} {
		if !strings.Contains(s, want) {
			t.Errorf("no %q in %q", want, s)
		}
	}
	// φ that nearly agrees, then one that disagrees: named.
	sum.Fields[4].MeanAbs = 0.25 // zip second
	in = gatherImportance(testFields, job, sum, sest)
	if s := importanceSentence(in, sest); !strings.Contains(s, "much as permutation importance does (rank correlation 0.93), with zip in its top 3 instead of genres.") {
		t.Errorf("the near agreement is not named: %q", s)
	}
	for i := range sum.Fields {
		sum.Fields[i].MeanAbs = 1 - job.Result.Fields[i].AUCDrop*10
	}
	in = gatherImportance(testFields, job, sum, sest)
	if s := importanceSentence(in, sest); !strings.Contains(s, "where permutation importance puts movie_id, user_id and genres") {
		t.Errorf("the disagreement is not named: %q", s)
	}
}

func TestSpearman(t *testing.T) {
	if r := spearman([]float64{1, 2, 3, 4}, []float64{10, 20, 30, 40}); math.Abs(r-1) > 1e-12 {
		t.Errorf("monotone: %v", r)
	}
	if r := spearman([]float64{1, 2, 3, 4}, []float64{4, 3, 2, 1}); math.Abs(r+1) > 1e-12 {
		t.Errorf("reversed: %v", r)
	}
	if r := spearman([]float64{1, 2, math.NaN(), 4}, []float64{1, 2, 3, 4}); math.Abs(r-1) > 1e-12 {
		t.Errorf("a missing field should be left out: %v", r)
	}
}

func testShapley(variant string) *api.ShapleyResponse {
	r := &api.ShapleyResponse{Variant: variant, Background: 128, BaseLogit: -0.2, Logit: 0.35}
	r.BaseProbability, r.Probability = 1/(1+math.Exp(0.2)), 1/(1+math.Exp(-0.35))
	phis := []float64{0.4, -0.1, 0.05, 0, 0.1, 0.3, -0.25, 0.05}
	for i, f := range testFields {
		r.Fields = append(r.Fields, api.FieldShapley{Field: f, Value: "v", Phi: phis[i]})
	}
	return r
}

func TestWaterfallRender(t *testing.T) {
	html := render(t, &Waterfall{Shapley: testShapley(api.ShapleyReference)})
	mustContain(t, html, `data-variant="reference"`, "Against the reference point", "movie_id = v", "+0.300", "P 0.587", "P 0.450")
	if n := strings.Count(html, "<path"); n != 5 {
		t.Errorf("%d paths, want 5 (zero, ends, rises, falls, links)", n)
	}
	mustContain(t, render(t, &Waterfall{Shapley: testShapley(api.ShapleyBackground)}), "Over the full background", "128 validation rows")
}

func TestWaterfallEndsAtThePrediction(t *testing.T) {
	v := waterfallOf(testShapley(api.ShapleyBackground))
	if got := v.Rows[len(v.Rows)-1].Text; got != "prediction  +0.350 · P 0.587" {
		t.Errorf("the last row reads %q", got)
	}
	if len(v.Rows) != len(testFields)+2 {
		t.Errorf("%d rows, want base + 8 fields + prediction", len(v.Rows))
	}
}

func TestWhatIfRender(t *testing.T) {
	si := &api.SampleInspection{User: api.User{ID: 196, Age: 49, Gender: "M", Occupation: "writer", Zip: "55105"},
		Movie: api.Movie{ID: 242, Title: "Kolya (1996)", Year: 1996, Genres: []string{"Comedy"}}}
	fs := state.FlipSearch{From: 0.587, Tried: 180, Flips: []state.Flip{{Field: "age", From: "49", To: "50", P: 0.49, Edit: api.SampleEdit{Age: 50}}}}
	c := &WhatIf{Sample: si, Edit: api.SampleEdit{Occupation: "student"}, Shapley: testShapley(api.ShapleyReference), FullPending: true, Flips: fs, Version: 1}
	html := render(t, c)
	mustContain(t, html, `id="whatif-p"`, `data-p="0.5866175789173301"`, ">0.5866<", "full-background values coming",
		"age 49 → 50 moves P 0.587 → 0.490", `id="wi-occupation" data-island="occupations"`, `id="wi-undo"`)
	c.Flips, c.Version = state.FlipSearch{From: 0.587, Tried: 180}, 2
	mustContain(t, render(t, c), "No single change of gender")
}

func TestEditWith(t *testing.T) {
	e := editWith(api.SampleEdit{Age: 30}, "genres", " Action | Comedy ")
	if e.Age != 30 || strings.Join(e.Genres, ",") != "Action,Comedy" {
		t.Errorf("%+v", e)
	}
	if e := editWith(api.SampleEdit{Year: 1990}, "year", "soon"); e.Year != 1990 {
		t.Errorf("a year that does not parse changed the edit: %+v", e)
	}
}

func TestPhiTextKeepsTinyValuesApart(t *testing.T) {
	for phi, want := range map[float64]string{0.0001234: "+0.000123", -0.0000567: "-0.0000567", 0.25: "+0.250", -1.5: "-1.500", 0: "+0.000"} {
		if got := phiText(phi); got != want {
			t.Errorf("phiText(%v) = %q, want %q", phi, got, want)
		}
	}
}
