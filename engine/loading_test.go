package engine

import (
	"strings"
	"testing"

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
