package panels

import (
	"encoding/json"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/flsest/flsest/engine/api"
)

// testTrace is a small FLSEST trace: 3 fields in 2 domains, k = 4.
func testTrace() *api.SampleInspection {
	e := [][]float64{{0.1, -0.2, 0.05, 0}, {0.3, 0.01, -0.02, 0.2}, {-0.1, 0.1, 0.1, -0.4}}
	tr := &api.SampleTrace{Fields: []string{"user_id", "gender", "movie_id"}, Domain: []int{0, 0, 1}, K: 4, E: e,
		Z: []float64{0.0875, 0.1325, 0.175}, ZMean: []float64{-0.0125, 0.1225, -0.075}, A: []float64{0.5, 0.49, 0.51},
		LinearBias: 0.1, LinearFields: []float64{0.02, -0.01, 0.03}, Linear: 0.14, Fusion: "sum", Logit: 0.9}
	for f := range e {
		l, w, eta, v := make([]float64, 4), make([]float64, 4), make([]float64, 4), make([]float64, 4)
		for k, x := range e[f] {
			l[k], w[k] = tr.Z[f]*tr.A[f], 0.5
			if math.Abs(x) > l[k] {
				eta[k] = x - math.Copysign(l[k], x)
			}
			v[k] = eta[k] + w[k]*x
		}
		tr.Lambda, tr.SEWeight, tr.Eta, tr.V = append(tr.Lambda, l), append(tr.SEWeight, w), append(tr.Eta, eta), append(tr.V, v)
	}
	for _, s := range []string{"o", "s"} {
		tr.FwBI = append(tr.FwBI, api.TraceFwBI{Stream: s, R: [][]float64{{0.5, 1}, {0, 0.5}}, Within: []float64{0.01, 0, 0, 0.02}, Across: []float64{0.03, 0, -0.01, 0}})
	}
	for i, n := range []string{"fwbi_o", "mlp_o", "fwbi_s", "mlp_s"} {
		tr.Parts = append(tr.Parts, api.TracePart{Name: n, Output: []float64{1, 2}, Head: []float64{0.1, 0.2}, Term: 0.1 * float64(i+1)})
	}
	tr.Probability = 1 / (1 + math.Exp(-tr.Logit))
	return &api.SampleInspection{User: api.User{ID: 196, Age: 49, Gender: "M", Occupation: "writer"}, Movie: api.Movie{ID: 242, Title: "Kolya (1996)"},
		Rating: 3, Split: "train", Probability: tr.Probability, Trace: tr}
}

var (
	slotRE   = regexp.MustCompile(`<mn data-slot="([A-Za-z0-9]+)"([^>]*)>([^<]*)</mn>`)
	srcRE    = regexp.MustCompile(`data-src="([^"]*)" data-value="([^"]*)"`)
	opPathRE = regexp.MustCompile(`^(\w+)\((.*)\)$`)
)

// resolve is a slot's data-src read from the inspection's and the state's
// JSON, as e2e/lesson.test.mjs reads it from the engine's answers: a slow,
// obvious reference for the steps' own arithmetic.
func resolve(t *testing.T, src string, roots map[string]any) float64 {
	t.Helper()
	op, path := "", src
	if m := opPathRE.FindStringSubmatch(src); m != nil {
		op, path = m[1], m[2]
	}
	var walk func(v any, keys []string) any
	walk = func(v any, keys []string) any {
		if len(keys) == 0 {
			return v
		}
		if keys[0] == "*" {
			var out []any
			for _, x := range v.([]any) {
				out = append(out, walk(x, keys[1:]))
			}
			return out
		}
		if xs, ok := v.([]any); ok {
			i, _ := strconv.Atoi(keys[0])
			if i < 0 {
				i += len(xs)
			}
			return walk(xs[i], keys[1:])
		}
		return walk(v.(map[string]any)[keys[0]], keys[1:])
	}
	v := walk(roots, strings.Split(path, "."))
	nums := func() []float64 { // flattened one level, as the browser test's Array.flat
		var out []float64
		for _, x := range v.([]any) {
			if xs, ok := x.([]any); ok {
				for _, y := range xs {
					out = append(out, y.(float64))
				}
				continue
			}
			out = append(out, x.(float64))
		}
		return out
	}
	switch op {
	case "":
		return v.(float64)
	case "len":
		return float64(len(v.([]any)))
	case "sum", "min", "max", "zeros":
		xs := nums()
		r := map[string]float64{"sum": 0, "min": math.Inf(1), "max": math.Inf(-1), "zeros": 0}[op]
		for _, x := range xs {
			switch op {
			case "sum":
				r += x
			case "min":
				r = math.Min(r, x)
			case "max":
				r = math.Max(r, x)
			case "zeros":
				if x == 0 {
					r++
				}
			}
		}
		return r
	case "neglog":
		return -math.Log(v.(float64))
	case "neglog1m":
		return -math.Log(1 - v.(float64))
	}
	t.Fatalf("unknown op in %s", src)
	return 0
}

func jsonRoot(t *testing.T, v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// Every equation of every step gets every number it shows, each equal to
// what its data-src names in the API's answers.
func TestLessonFillsEverySlotFromItsSource(t *testing.T) {
	s := testTrace()
	hist := []api.EpochResult{{Epoch: 1, ValAUC: 0.77, ValLogLoss: 0.57}, {Epoch: 2, ValAUC: 0.79, ValLogLoss: 0.55}}
	roots := map[string]any{"inspect": jsonRoot(t, s), "state": jsonRoot(t, api.State{History: hist})}
	for field := range s.Trace.Fields {
		v := lessonPanel(0, true, field, s, map[string]string{"pooling": "mean", "embedding_std": "0.0001"}, hist, []string{"user", "item"}, api.Paper{})
		if n := strings.Count(v.Body, "<article"); n != len(lessonSteps) {
			t.Fatalf("reading mode shows %d steps, want %d", n, len(lessonSteps))
		}
		slots := slotRE.FindAllStringSubmatch(v.Body, -1)
		if len(slots) < 30 {
			t.Fatalf("%d slots", len(slots))
		}
		for _, m := range slots {
			src := srcRE.FindStringSubmatch(m[2])
			if src == nil {
				t.Errorf("field %d: slot %s shows %q and has no source", field, m[1], m[3])
				continue
			}
			got, _ := strconv.ParseFloat(src[2], 64)
			if want := resolve(t, src[1], roots); math.Abs(got-want) > 1e-12*math.Abs(want) {
				t.Errorf("field %d: slot %s = %v, its source %s = %v", field, m[1], got, src[1], want)
			}
		}
	}
}

// The stepped mode shows one step, clamped to the steps, and names its panel;
// without a trace the equations show and no number does.
func TestLessonSteps(t *testing.T) {
	s := testTrace()
	for _, c := range []struct{ step, want int }{{-3, 0}, {2, 2}, {99, len(lessonSteps) - 1}} {
		v := lessonPanel(c.step, false, 0, s, nil, nil, nil, api.Paper{})
		if v.Step != c.want || strings.Count(v.Body, "<article") != 1 || v.Target != lessonSteps[c.want].Target || !strings.Contains(v.Body, `data-step="`+lessonSteps[c.want].ID+`"`) {
			t.Errorf("step %d: %+v", c.step, v)
		}
	}
	v := lessonPanel(2, false, 0, nil, nil, nil, nil, api.Paper{})
	if strings.Contains(v.Body, "data-src") || !strings.Contains(v.Body, "<math") || !strings.Contains(v.Body, "Waiting") {
		t.Errorf("without a trace: %s", v.Body)
	}
	// The honest note on SEST's weights holds only while they sit at 0.5.
	if v := lessonPanel(3, false, 0, s, nil, nil, nil, api.Paper{}); !strings.Contains(v.Body, "σ(0) = 0.5, honestly") {
		t.Errorf("weights at 0.5 without the note: %s", v.Body)
	}
	moved := testTrace()
	moved.Trace.SEWeight[1][0] = 0.8
	if v := lessonPanel(3, false, 0, moved, nil, nil, nil, api.Paper{}); strings.Contains(v.Body, "honestly") || !strings.Contains(v.Body, "do move") {
		t.Errorf("weights that moved, said to sit at 0.5: %s", v.Body)
	}
	for _, st := range lessonSteps {
		if len(lessonMath[st.ID]) == 0 {
			t.Errorf("step %s has no equations", st.ID)
		}
	}
}

func TestFillMath(t *testing.T) {
	got := fillMath("<mi>z</mi><mo>=</mo>⟦z⟧<mo>,</mo>⟦n⟧⟦none⟧", map[string]slot{"z": {V: -0.001234567, Src: "inspect.trace.z.0"}, "n": {V: 7, Src: "x", Text: "7"}})
	want := `<mi>z</mi><mo>=</mo><mn data-slot="z" data-src="inspect.trace.z.0" data-value="-0.001234567">−0.001235</mn><mo>,</mo><mn data-slot="n" data-src="x" data-value="7">7</mn><mn data-slot="none">…</mn>`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// The metrics step quotes the paper's FLSEST numbers it is given (Table 1,
// MovieLens-100k), and says nothing of the paper without them.
func TestLessonQuotesThePaper(t *testing.T) {
	s := testTrace()
	hist := []api.EpochResult{{Epoch: 1, ValAUC: 0.77, ValLogLoss: 0.57}}
	step := slices.IndexFunc(lessonSteps, func(st lessonStep) bool { return st.ID == "metrics" })
	v := lessonPanel(step, false, 0, s, nil, hist, nil, testPaper)
	if !strings.Contains(v.Body, "The paper reports 0.7123 and 0.5456 on the test split.") {
		t.Errorf("with the paper: %s", v.Body)
	}
	if v := lessonPanel(step, false, 0, s, nil, hist, nil, api.Paper{}); strings.Contains(v.Body, "paper") {
		t.Errorf("without the paper: %s", v.Body)
	}
}
