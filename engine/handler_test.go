package engine

import (
	"bytes"
	"encoding/json"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/flsest/flsest/datasets"
	"github.com/flsest/flsest/engine/api"
)

// testEngine is a Handler over a Runner with a small model; it has no data.
func testEngine(t testing.TB) (*Runner, http.Handler) {
	t.Helper()
	cfg := smallTrainConfig()
	cfg.Epochs, cfg.BatchesPerEpoch = 2, 6
	r, err := NewRunner(cfg)
	if err != nil {
		t.Fatal(err)
	}
	r.SnapshotSamples = 300
	t.Cleanup(r.Close)
	return r, NewHandler(r)
}

// syntheticZip is a MovieLens-shaped ml-100k.zip.
func syntheticZip(t testing.TB) []byte {
	t.Helper()
	s := datasets.NewSynthetic(datasets.SyntheticOptions{Users: 100, Movies: 150, Ratings: 6000, Seed: 11})
	var buf bytes.Buffer
	if err := datasets.WriteZip(&buf, "ml-100k", s.MovieLens100KFiles()); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// call sends a request and decodes the JSON answer into out (if not nil).
func call(t testing.TB, h http.Handler, method, path string, body []byte, wantStatus int, out any) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != wantStatus {
		t.Fatalf("%s %s: StatusCode=%d, want %d; body %s", method, path, w.Code, wantStatus, w.Body.String())
	}
	if out != nil {
		if err := json.Unmarshal(w.Body.Bytes(), out); err != nil {
			t.Fatalf("%s %s: %v in %s", method, path, err, w.Body.String())
		}
	}
	return w
}

// callError checks a 4xx answer's code and field.
func callError(t *testing.T, h http.Handler, method, path string, body []byte, wantStatus int, code, field string) api.Error {
	t.Helper()
	var e api.Error
	call(t, h, method, path, body, wantStatus, &e)
	if e.Code != code || e.Field != field || e.Message == "" {
		t.Errorf("%s %s: error %+v, want code %q field %q and a message", method, path, e, code, field)
	}
	return e
}

func loadData(t *testing.T, h http.Handler) api.DatasetInfo {
	t.Helper()
	var info api.DatasetInfo
	call(t, h, "POST", "/api/dataset", syntheticZip(t), 200, &info)
	return info
}

func TestRoutesWithoutData(t *testing.T) {
	_, h := testEngine(t)
	call(t, h, "GET", "/api/ping", nil, 200, nil)
	var st api.State
	call(t, h, "GET", "/api/state", nil, 200, &st)
	if st.Status != api.StatusNoData || st.Config["batch_size"] != "128" {
		t.Errorf("state = %+v", st)
	}
	var settings []api.Setting
	call(t, h, "GET", "/api/settings", nil, 200, &settings)
	found := false
	for _, s := range settings {
		if s.Name == "grouping" && len(s.Choices) == 3 && s.Default == GroupUserItem {
			found = true
		}
	}
	if !found {
		t.Error("settings lack grouping with its 3 choices")
	}
	callError(t, h, "POST", "/api/session/play", nil, 409, api.CodeConflict, "")
	callError(t, h, "GET", "/api/snapshot", nil, 409, api.CodeConflict, "")
	callError(t, h, "GET", "/api/movies?q=x", nil, 409, api.CodeConflict, "")
	callError(t, h, "GET", "/api/nowhere", nil, 404, api.CodeNotFound, "")
	// Settings can change before data arrives.
	call(t, h, "POST", "/api/config", []byte(`{"settings":{"lr":"0.002"}}`), 200, &st)
	if st.Config["lr"] != "0.002" {
		t.Errorf("lr = %q after config", st.Config["lr"])
	}
}

func TestDatasetUpload(t *testing.T) {
	_, h := testEngine(t)
	good := syntheticZip(t)
	e := callError(t, h, "POST", "/api/dataset", good[:len(good)/2], 400, api.CodeData, "")
	if !strings.Contains(e.Message, "ml-100k.zip: not a readable zip archive") {
		t.Errorf("truncated zip: %q", e.Message)
	}
	e = callError(t, h, "POST", "/api/dataset?name=photos.zip", []byte("not a zip"), 400, api.CodeData, "")
	if !strings.Contains(e.Message, "photos.zip") {
		t.Errorf("message %q does not name the file", e.Message)
	}
	// A zip whose u.user has a bad line: file and line in the message.
	s := datasets.NewSynthetic(datasets.SyntheticOptions{Users: 20, Movies: 30, Ratings: 200, Seed: 1})
	files := s.MovieLens100KFiles()
	files["u.user"] = bytes.Replace(files["u.user"], []byte("3|"), []byte("3|x"), 1)
	var buf bytes.Buffer
	datasets.WriteZip(&buf, "ml-100k", files)
	e = callError(t, h, "POST", "/api/dataset", buf.Bytes(), 400, api.CodeData, "")
	if !strings.Contains(e.Message, "u.user:3: field 2 (age)") {
		t.Errorf("bad u.user: %q", e.Message)
	}
	var st api.State
	call(t, h, "GET", "/api/state", nil, 200, &st)
	if st.Status != api.StatusNoData {
		t.Errorf("after bad uploads status %q, want no_data (nothing half-loaded)", st.Status)
	}
	info := loadData(t, h)
	if !info.Loaded || info.Ratings != 6000 || info.Official || len(info.Fields) != 8 {
		t.Errorf("dataset info %+v", info)
	}
	call(t, h, "GET", "/api/state", nil, 200, &st)
	if st.Status != api.StatusReady || st.Parameters == 0 {
		t.Errorf("after upload: %+v", st)
	}
}

func TestQueries(t *testing.T) {
	r, h := testEngine(t)
	loadData(t, h)
	var snap api.Snapshot
	call(t, h, "GET", "/api/snapshot", nil, 200, &snap)
	if len(snap.Fields) != 8 || len(snap.Initial) != 8 || len(snap.R) != 2 || len(snap.R[0]) != 2 || len(snap.Interaction[1]) != 8 || snap.N != 300 {
		t.Errorf("snapshot: %d fields, %d initial, R %v, n %d", len(snap.Fields), len(snap.Initial), snap.R, snap.N)
	}
	call(t, h, "GET", "/api/snapshot?full=1", nil, 200, &snap)
	if snap.Scope != "validation" || snap.N != len(r.data.Split.Val) {
		t.Errorf("full snapshot: scope %q n %d", snap.Scope, snap.N)
	}
	callError(t, h, "GET", "/api/snapshot?full=yes", nil, 400, api.CodeInvalid, "full")

	// A rated pair: its true rating and split come back.
	rt := r.ml.Ratings[0]
	uid, mid := r.ml.Users[rt.User].ID, r.ml.Movies[rt.Item].ID
	var si api.SampleInspection
	call(t, h, "POST", "/api/inspect", []byte(`{"user":`+itoa(uid)+`,"movie":`+itoa(mid)+`}`), 200, &si)
	if si.Rating != int(rt.Rating) || si.Split == "" || !(si.Probability > 0 && si.Probability < 1) || len(si.Fields) != 8 {
		t.Errorf("inspect: %+v", si)
	}
	var pr api.PredictResponse
	call(t, h, "POST", "/api/predict", []byte(`{"pairs":[{"user":`+itoa(uid)+`,"movie":`+itoa(mid)+`}]}`), 200, &pr)
	if len(pr.Probabilities) != 1 || pr.Probabilities[0] != si.Probability {
		t.Errorf("predict %v, inspect %v", pr.Probabilities, si.Probability)
	}
	// With its trace: the same p, the model's pass read out for the lesson.
	var traced api.SampleInspection
	call(t, h, "POST", "/api/inspect", []byte(`{"user":`+itoa(uid)+`,"movie":`+itoa(mid)+`,"trace":true}`), 200, &traced)
	if tr := traced.Trace; si.Trace != nil || tr == nil || tr.Probability != si.Probability || len(tr.E) != 8 || len(tr.V) != 8 || len(tr.Parts) != 4 || len(tr.FwBI) != 2 {
		t.Errorf("inspect with trace: %+v, without %v", traced.Trace, si.Trace)
	}
	callError(t, h, "POST", "/api/inspect", []byte(`{"user":99999,"movie":1}`), 404, api.CodeNotFound, "")
	callError(t, h, "POST", "/api/inspect", []byte(`{"user":1,"movie":99999}`), 404, api.CodeNotFound, "")
	callError(t, h, "POST", "/api/inspect", []byte(`{"user":1,"film":2}`), 400, api.CodeInvalid, "")
	callError(t, h, "POST", "/api/predict", []byte(`{"pairs":[]}`), 400, api.CodeInvalid, "pairs")

	var movies []api.Movie
	call(t, h, "GET", "/api/movies?q=SYNTHETIC+movie+1&limit=5", nil, 200, &movies)
	if len(movies) != 5 || !strings.Contains(movies[0].Title, "movie 1") || movies[0].Ratings < movies[4].Ratings {
		t.Errorf("movies: %+v", movies)
	}
	callError(t, h, "GET", "/api/movies?limit=0", nil, 400, api.CodeInvalid, "limit")
	var u api.User
	call(t, h, "GET", "/api/users/7", nil, 200, &u)
	if u.ID != 7 {
		t.Errorf("user = %+v", u)
	}
	callError(t, h, "GET", "/api/users/seven", nil, 400, api.CodeInvalid, "id")
	callError(t, h, "GET", "/api/users/100000", nil, 404, api.CodeNotFound, "")
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestConfigErrorsNameTheField(t *testing.T) {
	_, h := testEngine(t)
	loadData(t, h)
	for _, c := range []struct{ body, field string }{
		{`{"settings":{"lr":"0"}}`, "lr"},
		{`{"settings":{"dropout":"1.5"}}`, "dropout"},
		{`{"settings":{"batch_size":"many"}}`, "batch_size"},
		{`{"settings":{"grouping":"genre"}}`, "grouping"},
		{`{"settings":{"hidden":"100,x"}}`, "hidden"},
		{`{"settings":{"warp":"9"}}`, "warp"},
		{`{"preset":"turbo"}`, "preset"},
	} {
		callError(t, h, "POST", "/api/config", []byte(c.body), 400, api.CodeInvalid, c.field)
	}
	callError(t, h, "POST", "/api/config", []byte(`{"setings":{}}`), 400, api.CodeInvalid, "")
	callError(t, h, "POST", "/api/session/jump", nil, 404, api.CodeNotFound, "")
	var st api.State
	call(t, h, "POST", "/api/config", []byte(`{"preset":"quick","settings":{"grouping":"user-item-context","hidden":"16"}}`), 200, &st)
	if st.Config["grouping"] != GroupUserItemContext || len(st.Dataset.Fields) != 10 || len(st.Dataset.Domains) != 3 {
		t.Errorf("after regrouping: %v fields, %v domains", st.Dataset.Fields, st.Dataset.Domains)
	}
}

// Pause stops the loop between steps; step trains exactly one batch;
// play continues from where it paused.
func TestPauseStepResume(t *testing.T) {
	r, h := testEngine(t)
	r.cfg.BatchesPerEpoch, r.cfg.Epochs = 0, 3 // long enough to pause mid-epoch
	loadData(t, h)
	var st api.State
	call(t, h, "POST", "/api/session/step", nil, 200, nil)
	waitStatus(t, h, api.StatusPaused)
	call(t, h, "GET", "/api/state", nil, 200, &st)
	if st.Progress.Steps != 1 || st.Progress.Batch != 1 {
		t.Fatalf("after one step: %+v", st.Progress)
	}
	call(t, h, "POST", "/api/session/play", nil, 200, nil)
	for r.State().Progress.Steps < 5 {
		time.Sleep(time.Millisecond)
	}
	call(t, h, "POST", "/api/session/pause", nil, 200, &st)
	if st.Status != api.StatusPaused {
		t.Fatalf("pause answered %q", st.Status)
	}
	steps := st.Progress.Steps
	time.Sleep(50 * time.Millisecond)
	if got := r.State().Progress.Steps; got != steps {
		t.Errorf("steps went from %d to %d while paused", steps, got)
	}
	// Settings cannot change under a running loop.
	call(t, h, "POST", "/api/session/play", nil, 200, nil)
	callError(t, h, "POST", "/api/config", []byte(`{"settings":{"lr":"0.01"}}`), 409, api.CodeConflict, "")
	callError(t, h, "POST", "/api/session/step", nil, 409, api.CodeConflict, "")
	for r.State().Progress.Steps <= steps { // play continues from the paused step
		time.Sleep(time.Millisecond)
	}
	call(t, h, "POST", "/api/session/pause", nil, 200, nil)
}

func waitStatus(t *testing.T, h http.Handler, want string) {
	t.Helper()
	for i := 0; i < 5000; i++ {
		var st api.State
		call(t, h, "GET", "/api/state", nil, 200, &st)
		if st.Status == want {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatalf("status never became %q", want)
}

// A non-finite loss pauses training, explains, and keeps the weights.
func TestNaNPausesWithExplanation(t *testing.T) {
	for _, workers := range []string{"1", "2"} {
		t.Run("workers="+workers, func(t *testing.T) { testNaNPauses(t, workers) })
	}
}

func testNaNPauses(t *testing.T, workers string) {
	r, h := testEngine(t)
	loadData(t, h)
	call(t, h, "POST", "/api/config", []byte(`{"settings":{"workers":"`+workers+`"}}`), 200, nil)
	r.mu.Lock()
	if (r.sess.Replicas() != nil) != (workers != "1") {
		t.Fatalf("workers=%s: replicas %v", workers, r.sess.Replicas())
	}
	r.sess.Model.Linear.Bias.Value[0] = float32(math.NaN())
	before := append([]float32(nil), r.sess.Model.Arena.Value...)
	r.mu.Unlock()
	call(t, h, "POST", "/api/session/play", nil, 200, nil)
	waitStatus(t, h, api.StatusPaused)
	var st api.State
	call(t, h, "GET", "/api/state", nil, 200, &st)
	if st.Error == nil || st.Error.Code != api.CodeNaN || !strings.Contains(st.Error.Message, "Lower the learning rate") || st.Progress.Steps != 0 {
		t.Fatalf("state after NaN: %+v, error %+v", st.Progress, st.Error)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, v := range r.sess.Model.Arena.Value {
		if v != before[i] && !(v != v && before[i] != before[i]) {
			t.Fatalf("weight %d changed", i)
		}
	}
}

func TestDatasetUploadWhileTrainingIsRefused(t *testing.T) {
	r, h := testEngine(t)
	r.cfg.BatchesPerEpoch, r.cfg.Epochs = 0, 50
	loadData(t, h)
	call(t, h, "POST", "/api/session/play", nil, 200, nil)
	callError(t, h, "POST", "/api/dataset", syntheticZip(t), 409, api.CodeConflict, "")
	call(t, h, "POST", "/api/session/pause", nil, 200, nil)
	call(t, h, "POST", "/api/dataset", syntheticZip(t), 200, nil) // paused: allowed
}
