package engine

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/flsest/flsest/engine/api"
)

// A prepared dataset loads into another engine as the same data: the same
// description, and an epoch trained on it ends at the same weights.
func TestPreparedDatasetThroughAPI(t *testing.T) {
	_, h := testEngine(t)
	callError(t, h, "GET", api.PathDatasetPrepared, nil, 409, api.CodeConflict, "")
	want := loadData(t, h)
	prepared := call(t, h, "GET", api.PathDatasetPrepared, nil, 200, nil).Body.Bytes()

	_, h2 := testEngine(t)
	var got api.DatasetInfo
	call(t, h2, "POST", api.PathDatasetPrepared, prepared, 200, &got)
	if got.Source != want.Source || got.Official != want.Official || got.Ratings != want.Ratings || got.Train != want.Train || got.Test != want.Test {
		t.Errorf("dataset %+v from the prepared copy, %+v from the zip", got, want)
	}
	var ckpt [2][]byte
	for i, h := range []http.Handler{h, h2} {
		call(t, h, "POST", "/api/session/step-epoch", nil, 200, nil)
		waitStatus(t, h, api.StatusPaused)
		ckpt[i] = call(t, h, "GET", api.PathCheckpoint, nil, 200, nil).Body.Bytes()
	}
	if !bytes.Equal(ckpt[0], ckpt[1]) {
		t.Error("an epoch on the prepared copy ended at other weights than on the zip")
	}
	if again := call(t, h2, "GET", api.PathDatasetPrepared, nil, 200, nil).Body.Bytes(); !bytes.Equal(again, prepared) {
		t.Error("the prepared copy of a prepared copy differs")
	}
}

// GET …?load=N answers only while the loaded dataset is the engine's Nth:
// a page asking a while after loading never keeps another dataset's copy.
func TestPreparedDatasetOfALoad(t *testing.T) {
	_, h := testEngine(t)
	if first := loadData(t, h); first.Load != 1 {
		t.Fatalf("the first dataset is load %d", first.Load)
	}
	call(t, h, "GET", api.PathDatasetPrepared+"?load=1", nil, 200, nil)
	// Settings that re-encode the data keep the dataset, and its number.
	call(t, h, "POST", api.PathConfig, []byte(`{"settings":{"grouping":"per-field"}}`), 200, nil)
	call(t, h, "GET", api.PathDatasetPrepared+"?load=1", nil, 200, nil)
	if second := loadData(t, h); second.Load != 2 {
		t.Fatalf("the second dataset is load %d", second.Load)
	}
	e := callError(t, h, "GET", api.PathDatasetPrepared+"?load=1", nil, 409, api.CodeConflict, "")
	if !strings.Contains(e.Message, "dataset 2 is loaded, not 1") {
		t.Errorf("%q", e.Message)
	}
	callError(t, h, "GET", api.PathDatasetPrepared+"?load=x", nil, 400, api.CodeInvalid, "load")
}

// A bad prepared dataset is refused with an error naming what is wrong,
// and the loaded data stays.
func TestPreparedDatasetErrors(t *testing.T) {
	_, h := testEngine(t)
	want := loadData(t, h)
	good := call(t, h, "GET", api.PathDatasetPrepared, nil, 200, nil).Body.Bytes()
	for _, c := range []struct {
		body []byte
		want string
	}{
		{[]byte("PK\x03\x04 a zip"), "prepared dataset: no engine header"},
		{good[:6], "prepared dataset: the source's name is truncated"},
		{good[:len(good)-3], "prepared dataset: ratings"},
		{append(append([]byte{}, good...), 7), "bytes after the ratings"},
	} {
		e := callError(t, h, "POST", api.PathDatasetPrepared, c.body, 400, api.CodeData, "")
		if !strings.Contains(e.Message, c.want) {
			t.Errorf("%q, want it to say %q", e.Message, c.want)
		}
	}
	var got api.DatasetInfo
	call(t, h, "GET", api.PathDataset, nil, 200, &got)
	if got.Ratings != want.Ratings || got.Source != want.Source {
		t.Errorf("after refused uploads the dataset is %+v, was %+v", got, want)
	}
}
