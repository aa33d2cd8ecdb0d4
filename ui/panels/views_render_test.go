package panels

import (
	"math"
	"strings"
	"testing"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/plot"
)

// The explanation views render natively from plain values, closed and
// open, and their layouts carry the report's numbers.

func ptr(x float64) *float64 { return &x }

func testSlices() *api.SlicesReport {
	return &api.SlicesReport{Step: 120, N: 1000, Slicings: []api.Slicing{
		{Field: "gender", Slices: []api.Slice{
			{Value: "F", Count: 300, Positives: 160, AUC: ptr(0.71), LogLoss: 0.62, PositiveRate: 0.533, MeanPrediction: 0.55},
			{Value: "M", Count: 650, Positives: 330, AUC: ptr(0.68), LogLoss: 0.64, PositiveRate: 0.508, MeanPrediction: 0.52},
			{Value: api.MissingValue, Count: 50, Positives: 50, LogLoss: 0.3, PositiveRate: 1, MeanPrediction: 0.7},
		}},
		{Field: "genres", Multi: true, Slices: []api.Slice{{Value: "Drama", Count: 700, AUC: ptr(0.7)}, {Value: "Comedy", Count: 500, AUC: ptr(0.66)}}},
	}}
}

func TestSlicesRender(t *testing.T) {
	mustContain(t, render(t, &Slices{}), `id="slices-toggle"`, "Show slices")
	if strings.Contains(render(t, &Slices{}), "slices-chart") {
		t.Error("a closed slices panel lays out its chart")
	}
	html := render(t, &Slices{Open: true, Report: testSlices(), Version: 1})
	mustContain(t, html, `id="slices-chart"`, `data-island="slices"`, "on 1 000 validation ratings, step 120", `<option value="genres">genres</option>`,
		"The counts add up to 1 000 of the 1 000 validation ratings.", "ranks worst for gender = M (AUC 0.680, 650 ratings) and best for F",
		"1 slice(s) hold one class only")
	mustContain(t, render(t, &Slices{Open: true, Error: "the engine answered 409"}), "the engine answered 409")

	v, l := slicesPanel(testSlices(), "gender", SortAUC)
	if got := []string{l.Rows[0].Value, l.Rows[1].Value, l.Rows[2].Value}; got[0] != "M" || got[1] != "F" || got[2] != api.MissingValue {
		t.Errorf("sorted by AUC: %v (undefined last)", got)
	}
	if l.Rows[2].AUC != nil || l.Rows[2].AUCX != -1 || l.Rows[2].AUCText != "— one class" || !strings.Contains(l.Rows[2].Tip, "undefined") {
		t.Errorf("a one-class slice %+v", l.Rows[2])
	}
	if v.Field != "gender" || math.Abs(l.Rows[0].PredictedX-l.Rows[0].ObservedX-sliceColumns.CalW*(0.52-0.508)) > 1e-9 {
		t.Errorf("calibration marks %+v", l.Rows[0])
	}
	_, l = slicesPanel(testSlices(), "gender", SortCount)
	if l.Rows[0].Value != "M" || l.Rows[2].Value != api.MissingValue {
		t.Errorf("sorted by count: %+v", l.Rows)
	}
	_, l = slicesPanel(testSlices(), "gender", SortCalibration)
	if l.Rows[0].Value != api.MissingValue {
		t.Errorf("sorted by calibration gap: %s first", l.Rows[0].Value)
	}
	v, _ = slicesPanel(testSlices(), "genres", "nonsense")
	if v.Order != SortAUC || !strings.Contains(v.Sum, "1 200 (rating, value) pairs over 1 000 ratings") {
		t.Errorf("genres: %+v", v)
	}
}

func testProjector() *api.ProjectorReport {
	e := api.Projection{XY: []float32{0, 0, 1, 1, 2, 0}, Variance: [2]float64{0.3, 0.2}}
	return &api.ProjectorReport{Step: 80, Transform: "sest", Movies: api.EmbeddingMap{
		IDs: []int{1, 50, 181}, Names: []string{"Toy Story (1995)", "Star Wars (1977)", "Return of the Jedi (1983)"},
		E: e, V: &e,
		Attributes: []api.Attribute{{Field: "genres", Values: []string{"Animation", "Action", "Sci-Fi"}, Of: []int{0, 1, 1}}},
	}, Users: api.EmbeddingMap{IDs: []int{196}, E: api.Projection{XY: []float32{0, 0}},
		Attributes: []api.Attribute{{Field: "gender", Values: []string{"F", "M"}, Of: []int{1}}, {Field: "age", Values: []string{"<18", "18-24"}, Of: []int{-1}}}}}
}

func TestProjectorRender(t *testing.T) {
	mustContain(t, render(t, &Projector{}), `id="projector-toggle"`, "Show the projector")
	nb := &api.NeighboursReport{Kind: "movie", ID: 50, E: []api.Neighbour{{ID: 181, Name: "Return of the Jedi (1983)", Cosine: 0.91}}}
	p := &Projector{Open: true, Report: testProjector(), Version: 1, Neighbours: nb, picked: 50, pickedName: "Star Wars (1977)"}
	html := render(t, p)
	mustContain(t, html, `id="projector-chart"`, `data-island="projector"`, "step 80, 3 movies", `class="swatch" style="--c:#0072B2"`,
		"Action (2)", "Animation (1)", `id="neighbours-e"`, "Return of the Jedi (1983) (0.910)", "Nearest in E to Star Wars (1977)")

	v, l, values := projectorPanel(testProjector(), EntityMovies, "", 50, nb)
	if l.N != 3 || len(values) != 12 || len(l.Plots) != 2 || l.Plots[1].Offset != 6 || v.Attribute != "genres" {
		t.Fatalf("layout %+v, %d values", l, len(values))
	}
	if l.Picked != 1 || len(l.Marked) != 2 || len(l.Marked[0]) != 1 || l.Marked[0][0] != 2 || len(l.Marked[1]) != 0 {
		t.Errorf("picked %d, marked %v", l.Picked, l.Marked)
	}
	// Three values fit the palette: in their own order.
	if l.Colors[l.Of[0]] != plot.Categorical()[0] || l.Colors[l.Of[1]] != plot.Categorical()[1] || l.Of[1] != l.Of[2] || l.Of[0] == l.Of[1] || l.Colors[len(l.Colors)-1] != plot.Other {
		t.Errorf("colours %v of %v", l.Colors, l.Of)
	}
	if l.Labels[1] != "Star Wars (1977) · Action" || !strings.Contains(l.Plots[0].Title, "PC1 30%") {
		t.Errorf("labels %v, title %q", l.Labels, l.Plots[0].Title)
	}
	v, l, values = projectorPanel(testProjector(), EntityUsers, "", 0, nil)
	if l.Kind != "user" || v.Attribute != "age" || l.Of[0] != len(l.Colors)-1 || l.Labels[0] != "user 196 · M" || len(l.Plots) != 1 || len(values) != 2 {
		t.Errorf("users: view %+v layout %+v", v, l)
	}
	if v.Note == "" {
		t.Error("no note that users have no V here")
	}
}

// colourBy keeps the palette for the largest values and lumps the rest.
func TestColourByLumpsTheRest(t *testing.T) {
	at := &api.Attribute{Field: "occupation", Values: make([]string, 10)}
	for v := range 10 {
		at.Values[v] = string(rune('a' + v))
		for range v + 1 { // value v has v+1 points
			at.Of = append(at.Of, v)
		}
	}
	colors, of, legend := colourBy(at, len(at.Of))
	if len(colors) != 8 || len(legend) != 8 || legend[0].Label != "j" || legend[7].Label != "other or none" || legend[7].Count != "6" {
		t.Fatalf("colours %v legend %+v", colors, legend)
	}
	if of[0] != 7 || of[len(of)-1] != 0 {
		t.Errorf("the smallest value's colour %d, the largest's %d", of[0], of[len(of)-1])
	}
}

func testSEST(granularity string, units []float64) *api.SESTReport {
	f := func(name string, a float64) api.SESTField {
		sf := api.SESTField{Name: name, U: summary(-0.02), A: summary(a), SEU: summary(0.01), SEWeight: summary(0.5)}
		if granularity == readingCoordinate {
			sf.ACoord, sf.SEWeightCoord, sf.ZeroedCoord = []float64{a - 0.1, a, a + 0.1}, []float64{0.4, 0.5, 0.6}, []float64{0.2, 0.3, 0.4}
		}
		return sf
	}
	return &api.SESTReport{Step: 80, N: 2048, Granularity: granularity, Fields: []api.SESTField{f("user_id", 0.5), f("gender", 0.5001)},
		Units: api.SESTUnits{Threshold: units, SE: []float64{0.4, 0.5}}}
}

func TestSestCoordinatesRender(t *testing.T) {
	mustContain(t, render(t, &SestCoordinates{}), `id="sest-coords-toggle"`)
	html := render(t, &SestCoordinates{Open: true, Report: testSEST(readingField, []float64{0.063, 0.136}), Version: 1})
	mustContain(t, html, `id="sest-strips"`, "Reading shown: per field", "threshold branch 6.3%, 13.6%; SE branch 40.0%, 50.0%",
		"add up to 19.9%, so at most that share has any unit active: in at least 80.1% of the samples every a is exactly 0.5",
		"That is why the per-field means of a sit at 0.5000–0.5001", "its u′ stay small (|mean| at most 0.010 per field), so a′ stays near 0.5 too")
	v, l := sestCoordinatesPanel(testSEST(readingCoordinate, []float64{0.6, 0.7}), false)
	if !strings.HasPrefix(v.Reading, "Reading shown: per coordinate") || strings.Contains(v.Why, "at least") ||
		!strings.Contains(v.Why, "Per coordinate, a ranges 0.400–0.600") {
		t.Errorf("coordinate view %+v", v)
	}
	if len(l.Rows) != 2 || len(l.Rows[0].A) != 3 || l.Rows[0].AFill[1] != plot.AroundHalf(0.5, l.Span) || math.Abs(l.Span-0.1001) > 1e-12 || l.Rows[1].SE[2] != 0.6 || l.Reading != readingCoordinate {
		t.Errorf("strips %+v", l.Rows)
	}
	v, _ = sestCoordinatesPanel(testSEST(readingField, []float64{0.1}), true)
	if !strings.HasPrefix(v.Why, "With excitation biases") {
		t.Errorf("with biases: %q", v.Why)
	}
}
