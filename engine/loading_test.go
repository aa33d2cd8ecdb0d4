package engine

import (
	"bytes"
	"errors"
	"runtime"
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
