package panels

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/state"
	"github.com/flsest/flsest/ui/vugutest"
	"github.com/vugu/vugu"
)

// Every panel renders natively from plain values, as the page would: no
// store, no engine, no browser.

func render(t *testing.T, b vugu.Builder) string { return vugutest.Render(t, b) }

func mustContain(t *testing.T, html string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(html, w) {
			t.Errorf("no %q in\n%s", w, html)
		}
	}
}

func summary(m float64) api.Summary { return api.Summary{Mean: m, Std: m / 10} }

func testSnapshot() *api.Snapshot {
	f := func(name string, a, se, zeroed float64) api.FieldSEST {
		return api.FieldSEST{Name: name, Z: summary(0.2), A: summary(a), Lambda: summary(0.2 * a), Zeroed: summary(zeroed), SEWeight: summary(se)}
	}
	return &api.Snapshot{Step: 80, N: 2048, Scope: "validation-sample",
		Fields:  []api.FieldSEST{f("user_id", 0.5, 0.4997, 0.29), f("gender", 0.5, 0.5001, 0.38)},
		Initial: []api.FieldSEST{f("user_id", 0.5, 0.5, 0.3), f("gender", 0.5, 0.5, 0.3)},
		Domains: []string{"user", "item"}, FieldNames: []string{"user_id", "gender"},
		R: [][][]float64{{{0.53, 1.06}, {0, 0.5}}, {{0.49, 1.03}, {0, 0.55}}}, Streams: []string{"original", "sest"},
		Interaction: [][][]float64{{{0, 0.0004}, {0, 0}}, {{0, 0.0003}, {0, 0}}},
	}
}

func TestControlsRender(t *testing.T) {
	settings := []api.Setting{{Name: "model", Choices: []string{"fm", "flsest"}}, {Name: "lr", Kind: "float", Help: "step size"},
		{Name: "squeeze_norm", Kind: "bool"}, {Name: "optimizer", Choices: []string{"adam", "lazyadam"}}}
	c := &Controls{Settings: settings, Config: map[string]string{"model": "flsest", "lr": "0.001", "squeeze_norm": "true", "preset": "quick"},
		FieldErrors: map[string]string{"lr": "lr: not a number"}, Status: api.StatusTraining}
	html := render(t, c)
	mustContain(t, html, `id="pause"`, `id="ctl-model"`, `<option value="flsest">flsest</option>`, `id="ctl-lr"`, `title="step size"`,
		`type="checkbox"`, "lr: not a number", `id="ctl-optimizer"`)
	if strings.Contains(html, `id="play"`) {
		t.Error("a training session shows Play")
	}
	c.Status, c.CanPlay = api.StatusPaused, true
	mustContain(t, render(t, c), `id="play"`)
	// A long list of choices is an island (controls_island.go): the select
	// is there, its options are not Vugu's.
	c.Settings[0].Choices = []string{"fm", "flsest", "deepfm", "dcn", "xdeepfm", "autoint", "fibinet", "nfm"}
	html = render(t, c)
	mustContain(t, html, `id="ctl-model"`, `data-island="options"`, `<option value="adam">adam</option>`)
	if strings.Contains(html, `<option value="flsest">`) {
		t.Error("a long select's options are Vugu's")
	}
}

func TestCountersRender(t *testing.T) {
	p := api.Progress{Epoch: 2, Batch: 40, BatchesPerEpoch: 563, Steps: 603, SamplesPerSec: 8123.4, Workers: 2, Phase: "train"}
	html := render(t, &Counters{Progress: p, Epochs: "20", Training: true, SpeedUp: 1.34})
	mustContain(t, html, `id="epoch-counter">epoch 2 / 20<`, `batch 40 / 563`, `603 steps`, `8 123 samples/s on 2 workers (1.34× one worker, as measured on this page)`)
	p.Phase = "validate"
	mustContain(t, render(t, &Counters{Progress: p, Epochs: "20", Training: true}), `validating…`)
}

func TestResultsRender(t *testing.T) {
	d := api.DatasetInfo{Loaded: true, Source: "ml-100k.zip", Ratings: 100000, Users: 943, Movies: 1682, Train: 72000, Val: 8000, Test: 20000, Official: true}
	html := render(t, &Results{Parameters: 92337, Dataset: d, SplitSeed: "1024"})
	mustContain(t, html, "The model has 92 337 parameters.", "100 000 ratings by 943 users", "seed 1024)", `id="download-checkpoint"`)
	r := &api.Result{TestAUC: 0.71294, TestLogLoss: 0.61866, LogSizeBytes: 371900, BestEpoch: 2, ValAUC: 0.7173}
	mustContain(t, render(t, &Results{Result: r, Dataset: d}), `id="test-auc">0.7129<`, `id="test-logloss">0.6187<`, "371.9 kB", "best-validation epoch 2")
}

func TestCurvesRender(t *testing.T) {
	html := render(t, &Curves{Loss: []state.Point{{Step: 1, Loss: 0.69}, {Step: 2, Loss: 0.68}}, LossVersion: 2,
		History: []api.EpochResult{{Epoch: 1, ValAUC: 0.7, ValLogLoss: 0.63}}, HistoryVersion: 1})
	mustContain(t, html, `id="chart-loss"`, `id="chart-auc"`, `id="chart-logloss"`, "loss (recent batches)", `data-island="line"`)
	if a, g := historySeries([]api.EpochResult{{Epoch: 3, ValAUC: 0.7, ValLogLoss: 0.6}}); a[0].X[0] != 3 || a[0].Y[0] != 0.7 || g[0].Y[0] != 0.6 {
		t.Errorf("history series %v %v", a, g)
	}
}

func TestSestFieldsRender(t *testing.T) {
	html := render(t, &SestFields{Snapshot: testSnapshot(), Version: 1})
	mustContain(t, html, `id="sest-chart"`, `data-island="sest"`, "over 2 048 validation ratings, step 80 (a fixed sample)", "The excitation weights barely learn")
	mustContain(t, render(t, &SestFields{}), "(the model has no SEST stream)")
	_, l := sestPanel(testSnapshot())
	if len(l.Rows) != 2 || l.Rows[1].Data.Zeroed != 0.38 || l.Rows[0].AText != "0.5000  +0.0000" || !strings.HasPrefix(l.Rows[0].Tip, "user_id: z = mean|e| 0.2000") {
		t.Errorf("rows %+v", l.Rows)
	}
	if l.Rows[0].SE.InitX <= l.Rows[0].SE.X || math.Abs(l.Rows[0].ZW-barW*0.2/0.22) > 1e-9 {
		t.Errorf("row 0 marks %+v, z bar %v", l.Rows[0].SE, l.Rows[0].ZW)
	}
}

func TestFwbiMatricesRender(t *testing.T) {
	html := render(t, &FwbiMatrices{Snapshot: testSnapshot(), Version: 1})
	mustContain(t, html, `id="fwbi-r-original"`, `id="fwbi-r-sest"`, `id="fwbi-interaction"`, "r — SEST stream V = SEST(E)", `id="interaction-sest"`)
	mustContain(t, render(t, &FwbiMatrices{}), "This model has no FwBI layer.")
	v := fwbiViewOf(testSnapshot())
	if v.R[0][1][0] != 1.06 || v.RMax != 1.06 || !math.IsNaN(v.Interaction[1][1][1]) || v.Interaction[1][1][0] != 0.0003 {
		t.Errorf("view %+v", v)
	}
}

func TestSampleInspectorRender(t *testing.T) {
	si := &api.SampleInspection{User: api.User{ID: 196, Gender: "M", Age: 49, Occupation: "writer"},
		Movie: api.Movie{ID: 50, Title: "Star Wars (1977)", Genres: []string{"Action", "Sci-Fi"}}, Rating: 5, Split: "train", Probability: 0.8123,
		Fields: testSnapshot().Fields, Contributions: []api.Contribution{{Name: "mlp", Summary: api.Summary{Mean: 0.25}}}}
	html := render(t, &SampleInspector{UserID: 196, Query: "star", Hits: []api.Movie{{ID: 50, Title: "Star Wars (1977)", Ratings: 583}}, Sample: si})
	mustContain(t, html, `data-movie="50"`, "Star Wars (1977) · 583 ratings", "User 196 (M, 49, writer) × Star Wars (1977) [Action, Sci-Fi]",
		`id="sample-probability">0.812<`, "true rating 5 (train split)", `data-island="sample-fields"`, "Logit parts: mlp +0.250")
	// The table's rows are an island (sample_island.go): its rows are the view's.
	if rows := sampleViewOf(si).Fields; len(rows) != 2 || rows[1] != (sampleField{Name: "gender", Z: "0.2000", A: "0.5000", Zeroed: "38%", SE: "0.5001"}) {
		t.Errorf("rows %+v", rows)
	}
	mustContain(t, render(t, &SampleInspector{Error: "no such user"}), "no such user", "Pick a user and search a movie")
}

func TestCompareRender(t *testing.T) {
	entries := []state.CompareEntry{{Model: "fm", Result: api.Result{TestAUC: 0.77}, History: []api.EpochResult{{Epoch: 1, ValAUC: 0.76}}}}
	html := render(t, &Compare{Models: []string{"fm", "flsest"}, Selected: []string{"flsest"}, Running: "flsest", Queued: 2, Entries: entries})
	mustContain(t, html, `data-model="fm"`, `id="compare-cancel"`, "training flsest (2 of 4)…", `data-auc="0.7700000000" data-model="fm"`, `id="chart-compare"`)
	if strings.Contains(html, `id="compare-run"`) {
		t.Error("Run shows while a comparison runs")
	}
}

// A panel reports through its handler, and drops what it would report
// when it has none.
func TestPanelsEmitEvents(t *testing.T) {
	var got []string
	c := &Controls{Command: CommandFunc(func(e CommandEvent) { got = append(got, e.Action) }),
		Set: SetFunc(func(e SetEvent) { got = append(got, e.Name+"="+e.Value) })}
	c.command(api.ActionPlay)
	c.set("lr", "0.01")
	si := &SampleInspector{SelectUser: SelectUserFunc(func(e SelectUserEvent) { got = append(got, "user"+strconv.Itoa(e.ID)) }),
		Pick: PickFunc(func(e PickEvent) { got = append(got, "movie"+strconv.Itoa(e.MovieID)) })}
	si.selectUser("12")
	si.selectUser("twelve") // not a number: not reported
	si.pick(50)
	cmp := &Compare{ToggleModel: ToggleModelFunc(func(e ToggleModelEvent) { got = append(got, e.Model+"="+strconv.FormatBool(e.On)) })}
	cmp.toggle("fm", false)
	if strings.Join(got, " ") != "play lr=0.01 user12 movie50 fm=false" {
		t.Errorf("events %v", got)
	}
	(&Controls{}).command(api.ActionPlay) // no handler: nothing happens
}
