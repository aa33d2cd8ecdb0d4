package edge

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"math"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"github.com/flsest/flsest/datasets"
	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/model"
)

// fixture is a model with random weights of unit scale (so that every
// field moves the logit: a field sent under the wrong name would show),
// its checkpoint, and synthetic MovieLens samples both as the wire's
// EdgeSamples and as the model's batch.
type fixture struct {
	m       *model.Net[float32]
	ckpt    []byte
	samples []api.EdgeSample
	batch   *model.Batch
}

func newFixture(t *testing.T, n int) *fixture {
	return newFixtureOf(t, n, datasets.EncodeOptions{}, 60, 80)
}

func newFixtureSized(t *testing.T, n, users, movies int) *fixture {
	return newFixtureOf(t, n, datasets.EncodeOptions{}, users, movies)
}

func newFixtureOf(t *testing.T, n int, opt datasets.EncodeOptions, users, movies int) *fixture {
	t.Helper()
	syn := datasets.NewSynthetic(datasets.SyntheticOptions{Users: users, Movies: movies, Ratings: 20 * users, Seed: 5})
	d := syn.Encode(opt)
	domains := d.DomainNames()
	var schema model.Schema
	schema.Domains = domains
	for _, f := range d.Fields {
		schema.Fields = append(schema.Fields, model.Field{Name: f.Name, Vocab: len(f.Values), Domain: indexOf(domains, f.Domain)})
	}
	cfg := model.DefaultConfig()
	cfg.Hidden = []int{32, 16}
	m, err := model.NewFLSEST[float32](schema, cfg, maxBatch, 1)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range m.Arena.Value {
		m.Arena.Value[i] = float32(0.3 * r.NormFloat64())
	}
	var buf bytes.Buffer
	if _, err := model.Save(&buf, m); err != nil {
		t.Fatal(err)
	}
	// The reference scores every sample in one batch; the handler, in chunks of maxBatch.
	loaded, err := model.Load(bytes.NewReader(buf.Bytes()), 1024)
	if err != nil {
		t.Fatal(err)
	}
	fx := &fixture{m: loaded, ckpt: buf.Bytes(), batch: &model.Batch{Off: []int32{0}}}
	for s := 0; s < n; s++ {
		sample := api.EdgeSample{}
		for f, fl := range d.Fields {
			vals := d.Values(s, f)
			sample[fl.Name] = append([]int32{}, vals...)
			fx.batch.Idx = append(fx.batch.Idx, vals...)
			fx.batch.Off = append(fx.batch.Off, int32(len(fx.batch.Idx)))
		}
		fx.batch.Label = append(fx.batch.Label, 0)
		fx.batch.N++
		fx.samples = append(fx.samples, sample)
	}
	return fx
}

func indexOf(names []string, name string) int {
	for i, n := range names {
		if n == name {
			return i
		}
	}
	return -1
}

// body is a multipart request of the given parts (nil: left out).
func body(t *testing.T, ckpt []byte, req any) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if ckpt != nil {
		w, _ := mw.CreateFormFile(api.EdgePartCheckpoint, "flsest.ckpt")
		w.Write(ckpt)
	}
	if req != nil {
		w, _ := mw.CreateFormField(api.EdgePartRequest)
		json.NewEncoder(w).Encode(req)
	}
	mw.Close()
	return &buf, mw.FormDataContentType()
}

// post sends a request and decodes the answer into out (an api.Error
// when the status is not 200).
func post(t *testing.T, path string, b *bytes.Buffer, contentType string, wantStatus int, out any) {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, path, b)
	req.Header.Set("Content-Type", contentType)
	w := httptest.NewRecorder()
	NewHandler().ServeHTTP(w, req)
	if w.Code != wantStatus {
		t.Fatalf("POST %s: status %d, want %d: %s", path, w.Code, wantStatus, w.Body.String())
	}
	if err := json.Unmarshal(w.Body.Bytes(), out); err != nil {
		t.Fatalf("POST %s: %v: %s", path, err, w.Body.String())
	}
}

func TestPredictMatchesTheModel(t *testing.T) {
	fx := newFixture(t, 300) // more than one batch of maxBatch
	b, ct := body(t, fx.ckpt, api.EdgeRequest{Samples: fx.samples})
	var got api.EdgePrediction
	post(t, api.PathEdgePredict, b, ct, http.StatusOK, &got)
	want := make([]float32, fx.batch.N)
	model.Predict[float32](fx.m, fx.batch, want)
	if len(got.Probabilities) != len(want) {
		t.Fatalf("%d probabilities, want %d", len(got.Probabilities), len(want))
	}
	spread := 0.0
	for i, p := range got.Probabilities {
		if p != float64(want[i]) {
			t.Fatalf("sample %d: P = %v, the model gives %v", i, p, want[i])
		}
		spread = math.Max(spread, math.Abs(p-got.Probabilities[0]))
	}
	if spread < 0.05 {
		t.Fatalf("the probabilities hardly differ (spread %v): the fixture does not test the fields", spread)
	}
}

func TestInspectMatchesTheModel(t *testing.T) {
	fx := newFixture(t, 40)
	b, ct := body(t, fx.ckpt, api.EdgeRequest{Samples: fx.samples})
	var got api.EdgeInspection
	post(t, api.PathEdgeInspect, b, ct, http.StatusOK, &got)
	want := fx.m.Inspect(fx.batch)
	if got.N != 40 || got.Logit != apiSummary(want.Logit) || len(got.Fields) != len(want.Fields) || len(got.R) != len(want.R) {
		t.Fatalf("inspection: n %d, logit %+v, %d fields, %d r; the model: logit %+v, %d fields, %d r",
			got.N, got.Logit, len(got.Fields), len(got.R), want.Logit, len(want.Fields), len(want.R))
	}
	for i, f := range want.Fields {
		if got.Fields[i].Name != f.Name || got.Fields[i].A != apiSummary(f.A) {
			t.Errorf("field %d: %s a %+v, the model %s %+v", i, got.Fields[i].Name, got.Fields[i].A, f.Name, f.A)
		}
	}
}

func TestExplainIsEfficient(t *testing.T) {
	fx := newFixture(t, 12)
	req := api.EdgeRequest{Samples: fx.samples[:4], Background: fx.samples[4:]}
	b, ct := body(t, fx.ckpt, req)
	var got api.EdgeExplanation
	post(t, api.PathEdgeExplain, b, ct, http.StatusOK, &got)
	if len(got.Samples) != 4 || len(got.FieldNames) != len(fx.samples[0]) {
		t.Fatalf("%d explanations of %d fields", len(got.Samples), len(got.FieldNames))
	}
	logits := fx.m.Forward(fx.batch, false)
	var base float64
	for _, l := range logits[4:12] {
		base += float64(l)
	}
	base /= 8
	for s, e := range got.Samples {
		sum := 0.0
		for _, p := range e.Phi {
			sum += p
		}
		// Efficiency: Σφ = v(all) − v(∅); v(all) is the sample's logit,
		// v(∅) the background's mean logit (the composite scorer may differ
		// from Forward in the last bits).
		if math.Abs(sum-(e.Value-e.Base)) > 1e-4 || math.Abs(e.Value-float64(logits[s])) > 1e-4 || math.Abs(e.Base-base) > 1e-4 {
			t.Errorf("sample %d: Σφ %v, value %v − base %v; Forward: logit %v, background mean %v", s, sum, e.Value, e.Base, logits[s], base)
		}
	}
}

func TestBadRequestsNameWhatIsWrong(t *testing.T) {
	fx := newFixture(t, 2)
	ten := newFixtureOf(t, 2, datasets.EncodeOptions{Context: true}, 60, 80) // 10 fields
	unknown := api.EdgeSample{"nope": {0}}
	outside := api.EdgeSample{"gender": {7}}
	for _, c := range []struct {
		name, path string
		ckpt       []byte
		req        any
		status     int
		field      string
		message    string
	}{
		{"unknown field", api.PathEdgePredict, fx.ckpt, api.EdgeRequest{Samples: []api.EdgeSample{fx.samples[0], unknown}}, 400, "samples[1].nope", "no such field"},
		{"outside the vocabulary", api.PathEdgeInspect, fx.ckpt, api.EdgeRequest{Samples: []api.EdgeSample{outside}}, 400, "samples[0].gender", "outside the vocabulary [0, 2)"},
		{"no samples", api.PathEdgePredict, fx.ckpt, api.EdgeRequest{}, 400, "samples", "0 rows"},
		{"no background", api.PathEdgeExplain, fx.ckpt, api.EdgeRequest{Samples: fx.samples}, 400, "background", "0 rows"},
		{"too much to explain", api.PathEdgeExplain, ten.ckpt, api.EdgeRequest{Samples: repeat(ten.samples[0], 16), Background: repeat(ten.samples[1], 64)}, 400, "samples", "16 samples × 2^10 coalitions × 64 background rows is over 65536 rows"},
		{"no checkpoint", api.PathEdgePredict, nil, api.EdgeRequest{Samples: fx.samples}, 400, "checkpoint", "missing"},
		{"no request", api.PathEdgePredict, fx.ckpt, nil, 400, "request", "missing"},
		{"unknown key", api.PathEdgePredict, fx.ckpt, map[string]any{"samples": fx.samples, "sample": 1}, 400, "request", "unknown field"},
		{"not a checkpoint", api.PathEdgePredict, []byte("hello"), api.EdgeRequest{Samples: fx.samples}, 400, "checkpoint", "not an FLSEST checkpoint"},
		{"altered checkpoint", api.PathEdgePredict, flipped(fx.ckpt), api.EdgeRequest{Samples: fx.samples}, 400, "checkpoint", "checksum mismatch"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, ct := body(t, c.ckpt, c.req)
			var e api.Error
			post(t, c.path, b, ct, c.status, &e)
			if e.Field != c.field || !strings.Contains(e.Message, c.message) {
				t.Errorf("error %q on %q, want %q on %q", e.Message, e.Field, c.message, c.field)
			}
		})
	}
}

func repeat(s api.EdgeSample, n int) []api.EdgeSample {
	out := make([]api.EdgeSample, n)
	for i := range out {
		out[i] = s
	}
	return out
}

func flipped(b []byte) []byte {
	out := append([]byte{}, b...)
	out[len(out)/2] ^= 1
	return out
}

func TestBodyOverTheLimitIs413(t *testing.T) {
	b, ct := body(t, make([]byte, Limits.MaxBodyBytes+1), api.EdgeRequest{})
	var e api.Error
	post(t, api.PathEdgePredict, b, ct, http.StatusRequestEntityTooLarge, &e)
	if e.Field != "body" {
		t.Errorf("error %+v", e)
	}
	req := httptest.NewRequest(http.MethodPost, api.PathEdgePredict, strings.NewReader("{}"))
	req.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	NewHandler().ServeHTTP(w, req)
	if w.Code != 400 || !strings.Contains(w.Body.String(), "multipart/form-data") {
		t.Errorf("a JSON body: %d %s", w.Code, w.Body.String())
	}
}

// A checkpoint whose header declares a vocabulary of 2^24 with a valid
// checksum is refused before any model is built: model.Load would build
// the embedding table (2^24 × K floats, 1 GiB) first.
func TestHugeDeclaredVocabularyIsRefusedFirst(t *testing.T) {
	fx := newFixture(t, 1)
	forged := forge(t, fx.ckpt, func(h map[string]any, values []byte) {
		h["schema"].(map[string]any)["Fields"].([]any)[0].(map[string]any)["Vocab"] = 1 << 24
	})
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b, ct := body(t, forged, api.EdgeRequest{Samples: fx.samples})
	var e api.Error
	post(t, api.PathEdgePredict, b, ct, http.StatusBadRequest, &e)
	runtime.ReadMemStats(&after)
	if e.Field != "checkpoint" || !strings.Contains(e.Message, "vocabulary of 16777216") {
		t.Errorf("error %+v", e)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 32<<20 {
		t.Errorf("refusing it allocated %d MB", grew>>20)
	}
}

// The cost of one request of each kind natively, with a model of
// MovieLens-100k's vocabularies (BenchmarkEdge/predict-1 …; -benchmem
// gives the bytes a request allocates, what a Worker's fresh Go instance
// must grow to).
func BenchmarkEdge(b *testing.B) {
	t := &testing.T{}
	fx := newFixtureSized(t, 1024, 943, 1682)
	for _, c := range []struct {
		name, path string
		req        api.EdgeRequest
	}{
		{"predict-1", api.PathEdgePredict, api.EdgeRequest{Samples: fx.samples[:1]}},
		{"predict-1024", api.PathEdgePredict, api.EdgeRequest{Samples: fx.samples}},
		{"inspect-256", api.PathEdgeInspect, api.EdgeRequest{Samples: fx.samples[:256]}},
		{"explain-1x64", api.PathEdgeExplain, api.EdgeRequest{Samples: fx.samples[:1], Background: fx.samples[100:164]}},
		{"explain-4x64", api.PathEdgeExplain, api.EdgeRequest{Samples: fx.samples[:4], Background: fx.samples[100:164]}},
	} {
		buf, ct := body(t, fx.ckpt, c.req)
		raw := buf.Bytes()
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				req := httptest.NewRequest(http.MethodPost, c.path, bytes.NewReader(raw))
				req.Header.Set("Content-Type", ct)
				w := httptest.NewRecorder()
				NewHandler().ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("%d %s", w.Code, w.Body.String())
				}
			}
		})
	}
}

// checkpointPrefix is a checkpoint's fixed prefix (model/checkpoint.go):
// magic, version, header length.
const checkpointPrefix = 8 + 4 + 4

// forge rewrites a checkpoint's header and values with edit, then signs it
// again with a valid checksum, as an attacker can.
func forge(t *testing.T, ckpt []byte, edit func(header map[string]any, values []byte)) []byte {
	t.Helper()
	hlen := binary.LittleEndian.Uint32(ckpt[12:])
	var h map[string]any
	if err := json.Unmarshal(ckpt[checkpointPrefix:checkpointPrefix+hlen], &h); err != nil {
		t.Fatal(err)
	}
	values := append([]byte{}, ckpt[checkpointPrefix+hlen:len(ckpt)-32]...)
	edit(h, values)
	hj, _ := json.Marshal(h)
	var out bytes.Buffer
	out.Write(ckpt[:12])
	binary.Write(&out, binary.LittleEndian, uint32(len(hj)))
	out.Write(hj)
	out.Write(values)
	sum := sha256.Sum256(out.Bytes())
	out.Write(sum[:])
	return out.Bytes()
}

// NaN weights under a valid checksum are refused by name; predicting with
// them would answer NaN, which JSON cannot carry.
func TestNonFiniteWeightsAreRefused(t *testing.T) {
	fx := newFixture(t, 1)
	forged := forge(t, fx.ckpt, func(_ map[string]any, values []byte) {
		binary.LittleEndian.PutUint32(values[4*3:], math.Float32bits(float32(math.NaN())))
	})
	b, ct := body(t, forged, api.EdgeRequest{Samples: fx.samples})
	var e api.Error
	post(t, api.PathEdgePredict, b, ct, http.StatusBadRequest, &e)
	if e.Field != "checkpoint" || !strings.Contains(e.Message, "holds NaN at index 3: the weights are not finite") {
		t.Errorf("error %+v", e)
	}
}

// A request part of a million empty samples is refused by its size, before
// it is decoded into a million maps.
func TestRequestPartOverItsLimit(t *testing.T) {
	fx := newFixture(t, 1)
	empty := strings.Repeat("{},", int(Limits.MaxRequestBytes)/3+1)
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	w, _ := mw.CreateFormFile(api.EdgePartCheckpoint, "flsest.ckpt")
	w.Write(fx.ckpt)
	w, _ = mw.CreateFormField(api.EdgePartRequest)
	w.Write([]byte(`{"samples":[` + empty + `{}]}`))
	mw.Close()
	var e api.Error
	post(t, api.PathEdgePredict, &buf, mw.FormDataContentType(), http.StatusBadRequest, &e)
	if e.Field != "request" || !strings.Contains(e.Message, "at most 1048576") {
		t.Errorf("error %+v", e)
	}
}
