package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http/httptest"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/flsest/flsest/datasets"
	"github.com/flsest/flsest/engine/api"
)

func TestCheckpointRoundTripThroughAPI(t *testing.T) {
	r, h := testEngine(t)
	loadData(t, h)
	call(t, h, "POST", "/api/session/step-epoch", nil, 200, nil)
	waitStatus(t, h, api.StatusPaused)
	ckpt := call(t, h, "GET", "/api/checkpoint", nil, 200, nil).Body.Bytes()
	rt := r.ml.Ratings[3]
	pair := []byte(`{"pairs":[{"user":` + itoa(r.ml.Users[rt.User].ID) + `,"movie":` + itoa(r.ml.Movies[rt.Item].ID) + `}]}`)
	var before, after api.PredictResponse
	call(t, h, "POST", "/api/predict", pair, 200, &before)
	call(t, h, "POST", "/api/session/reset", nil, 200, nil)
	call(t, h, "POST", "/api/checkpoint", ckpt, 200, nil)
	call(t, h, "POST", "/api/predict", pair, 200, &after)
	if before.Probabilities[0] != after.Probabilities[0] {
		t.Errorf("prediction %v before saving, %v after loading", before.Probabilities[0], after.Probabilities[0])
	}
	e := callError(t, h, "POST", "/api/checkpoint", ckpt[:100], 400, api.CodeData, "")
	if !strings.Contains(e.Message, "truncated") {
		t.Errorf("truncated checkpoint: %q", e.Message)
	}
}

// A checkpoint of another dataset (more users) and a much larger model is
// refused by its header's schema, naming the field, before any model is
// built: LoadCheckpoint allocates next to nothing beside the file.
func TestCheckpointOfOtherDataIsRefusedBeforeBuilding(t *testing.T) {
	other, oh := testEngine(t)
	s := datasets.NewSynthetic(datasets.SyntheticOptions{Users: 400, Movies: 150, Ratings: 6000, Seed: 12})
	var zip bytes.Buffer
	if err := datasets.WriteZip(&zip, "ml-100k", s.MovieLens100KFiles()); err != nil {
		t.Fatal(err)
	}
	call(t, oh, "POST", api.PathDataset, zip.Bytes(), 200, nil)
	if _, err := other.Configure(api.ConfigRequest{Settings: map[string]string{"embedding_dim": "64", "hidden": "1024,1024"}}); err != nil {
		t.Fatal(err)
	}
	ckpt := call(t, oh, "GET", api.PathCheckpoint, nil, 200, nil).Body.Bytes()

	r, h := testEngine(t)
	loadData(t, h)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := r.LoadCheckpoint(ckpt)
	runtime.ReadMemStats(&after)
	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("%d-byte checkpoint: %v; %d bytes allocated", len(ckpt), err, allocated)
	var e *api.Error
	if !errors.As(err, &e) || e.Code != api.CodeData || !strings.Contains(e.Message, `field "user_id"`) || !strings.Contains(e.Message, "vocabulary") {
		t.Fatalf("a checkpoint of other data: %v, want a data error naming user_id's vocabulary", err)
	}
	if allocated > 128<<10 {
		t.Errorf("refusing a %d-byte checkpoint of other data allocated %d bytes, want < 128 KB", len(ckpt), allocated)
	}
	callError(t, h, "POST", api.PathCheckpoint, ckpt, 400, api.CodeData, "")
}

// holdTraining makes r's training loop wait after its first step, still
// training, until the test ends (then it is paused and let go).
func holdTraining(t *testing.T, r *Runner) {
	release := make(chan struct{})
	r.YieldEvery, r.Yield = 0, func() { <-release }
	t.Cleanup(func() {
		r.Command("pause")
		close(release)
	})
}

// firstRead calls first when the body is first read: training started
// mid-upload, after the handler's own check.
type firstRead struct {
	io.Reader
	first func()
}

func (b *firstRead) Read(p []byte) (int, error) {
	if f := b.first; f != nil {
		b.first = nil
		f()
	}
	return b.Reader.Read(p)
}

// A dataset upload gets 409 when training starts while its body is read,
// or while its session is being built, and the run goes on untouched.
func TestDatasetRefusedWhenTrainingStartsDuringTheUpload(t *testing.T) {
	for _, when := range []string{"while the body is read", "while the session is built"} {
		t.Run(when, func(t *testing.T) {
			r, h := testEngine(t)
			r.cfg.BatchesPerEpoch, r.cfg.Epochs = 0, 50
			info := loadData(t, h)
			holdTraining(t, r)
			play := func() {
				if _, err := r.Command("play"); err != nil {
					t.Error(err)
				}
			}
			body := &firstRead{Reader: bytes.NewReader(syntheticZip(t))}
			if when == "while the body is read" {
				body.first = play
			} else {
				r.built = func() { r.built = nil; play() }
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("POST", api.PathDataset+"?name=second.zip", body))
			var e api.Error
			if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || w.Code != 409 || e.Code != api.CodeConflict {
				t.Fatalf("upload %s: %d %s, want 409 conflict", when, w.Code, w.Body)
			}
			if st := r.State(); st.Status != api.StatusTraining || st.Dataset.Source != info.Source {
				t.Errorf("after the refused upload: %s on %q, want the first run still training on %q", st.Status, st.Dataset.Source, info.Source)
			}
		})
	}
}

// LoadDataset collects less while it loads (GOGC 400) and gives the
// program's own setting back, whether the data loads or not.
func TestLoadDatasetRestoresGOGC(t *testing.T) {
	r, _ := testEngine(t)
	defer debug.SetGCPercent(debug.SetGCPercent(77))
	for _, zip := range [][]byte{syntheticZip(t), []byte("not a zip")} {
		_, err := r.LoadDataset("ml-100k.zip", zip)
		if got := debug.SetGCPercent(77); got != 77 {
			t.Errorf("after LoadDataset (error %v) GOGC is %d, want the program's 77", err, got)
		}
	}
}
