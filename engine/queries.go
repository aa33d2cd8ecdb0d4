package engine

import (
	"fmt"
	"slices"
	"strings"

	"github.com/flsest/flsest/datasets"
	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/model"
)

// Queries about users, movies and pairs, answered from the current weights.

// lookup indexes the source data by MovieLens ids and rated pairs.
type lookup struct {
	user, movie map[int]int32
	rated       map[[2]int32]int32 // (user, item) → sample index
	split       []byte             // per sample: 't'rain, 'v'al, 'x' test
	count       []int              // ratings per movie
}

func (d *Data) index() *lookup {
	if d.lookup != nil {
		return d.lookup
	}
	l := &lookup{user: map[int]int32{}, movie: map[int]int32{}, rated: map[[2]int32]int32{}}
	for i, u := range d.ML.Users {
		l.user[u.ID] = int32(i)
	}
	l.count = make([]int, len(d.ML.Movies))
	for i, m := range d.ML.Movies {
		l.movie[m.ID] = int32(i)
	}
	for s := 0; s < d.Enc.N; s++ {
		l.rated[[2]int32{d.Enc.User[s], d.Enc.Item[s]}] = int32(s)
		l.count[d.Enc.Item[s]]++
	}
	l.split = make([]byte, d.Enc.N)
	for _, part := range []struct {
		idx []int32
		tag byte
	}{{d.Split.Train, 't'}, {d.Split.Val, 'v'}, {d.Split.Test, 'x'}} {
		for _, s := range part.idx {
			l.split[s] = part.tag
		}
	}
	d.lookup = l
	return l
}

func notFound(format string, args ...any) error {
	return &api.Error{Code: api.CodeNotFound, Message: fmt.Sprintf(format, args...)}
}

func apiUser(u datasets.User) api.User {
	return api.User{ID: u.ID, Age: u.Age, Gender: u.Gender, Occupation: u.Occupation, Zip: u.Zip}
}

func (d *Data) apiMovie(i int32) api.Movie {
	m := d.ML.Movies[i]
	out := api.Movie{ID: m.ID, Title: m.Title, Year: m.Year, Genres: []string{}, Ratings: d.index().count[i]}
	for _, g := range m.Genres {
		out.Genres = append(out.Genres, d.ML.Genres[g])
	}
	return out
}

// pairBatchLocked fills r.batch with the pairs (PairBatch).
func (r *Runner) pairBatchLocked(pairs []api.InspectRequest) ([]int32, error) {
	return r.data.PairBatch(r.batch, pairs)
}

// PairBatch fills b with user × movie pairs (MovieLens ids, optionally
// edited); it returns each pair's rated sample index, or −1.
func (d *Data) PairBatch(b *model.Batch, pairs []api.InspectRequest) ([]int32, error) {
	l := d.index()
	b.N, b.Off, b.Idx, b.Label = 0, append(b.Off[:0], 0), b.Idx[:0], b.Label[:0]
	var rated []int32
	for _, p := range pairs {
		u, ok := l.user[p.User]
		if !ok {
			return nil, notFound("user %d does not exist (ids 1–%d)", p.User, len(d.ML.Users))
		}
		m, ok := l.movie[p.Movie]
		if !ok {
			return nil, notFound("movie %d does not exist (ids 1–%d)", p.Movie, len(d.ML.Movies))
		}
		s, ok := l.rated[[2]int32{u, m}]
		t := int64(-1)
		if ok {
			t = d.ML.Ratings[s].Time
		} else {
			s = -1
		}
		idx, off, err := d.encodeSample(p, u, m, t)
		if err != nil {
			return nil, err
		}
		base := int32(len(b.Idx))
		b.Idx = append(b.Idx, idx...)
		for _, o := range off[1:] {
			b.Off = append(b.Off, base+o)
		}
		b.Label = append(b.Label, 0)
		b.N++
		rated = append(rated, s)
	}
	return rated, nil
}

// Inspect reports the model's view of one user × movie pair.
func (r *Runner) Inspect(req api.InspectRequest) (*api.SampleInspection, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.sess == nil {
		return nil, conflict("no dataset is loaded yet")
	}
	rated, err := r.pairBatchLocked([]api.InspectRequest{req})
	if err != nil {
		return nil, err
	}
	l := r.data.index()
	in := r.sess.Model.Inspect(r.batch)
	prob := make([]float32, 1)
	model.Predict[float32](r.sess.Model, r.batch, prob) // the same number /api/predict gives
	out := &api.SampleInspection{
		User: apiUser(r.ml.Users[l.user[req.User]]), Movie: r.data.apiMovie(l.movie[req.Movie]),
		Probability: float64(prob[0]), Fields: apiFields(in.Fields), Contributions: apiContributions(in.Contributions),
	}
	if req.Trace {
		out.Trace = apiTrace(r.sess.Model.Trace(r.batch))
	}
	if s := rated[0]; s >= 0 {
		out.Rating = int(r.data.Enc.Rating[s])
		out.Split = map[byte]string{'t': "train", 'v': "val", 'x': "test"}[l.split[s]]
	}
	return out, nil
}

// Predict returns P(like) for each pair.
func (r *Runner) Predict(req api.PredictRequest) (*api.PredictResponse, error) {
	if len(req.Pairs) == 0 || len(req.Pairs) > EvalChunk {
		return nil, &api.Error{Code: api.CodeInvalid, Field: "pairs", Message: fmt.Sprintf("%d pairs: want 1 to %d", len(req.Pairs), EvalChunk)}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.sess == nil {
		return nil, conflict("no dataset is loaded yet")
	}
	if _, err := r.pairBatchLocked(req.Pairs); err != nil {
		return nil, err
	}
	prob := make([]float32, r.batch.N)
	model.Predict[float32](r.sess.Model, r.batch, prob)
	out := &api.PredictResponse{}
	for _, p := range prob {
		out.Probabilities = append(out.Probabilities, float64(p))
	}
	return out, nil
}

// Movies returns up to limit movies whose title contains q (any case),
// most rated first.
func (r *Runner) Movies(q string, limit int) ([]api.Movie, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.data == nil {
		return nil, conflict("no dataset is loaded yet")
	}
	q = strings.ToLower(strings.TrimSpace(q))
	l := r.data.index()
	var hits []int32
	for i, m := range r.ml.Movies {
		if strings.Contains(strings.ToLower(m.Title), q) {
			hits = append(hits, int32(i))
		}
	}
	slices.SortStableFunc(hits, func(a, b int32) int { return l.count[b] - l.count[a] })
	out := []api.Movie{}
	for _, i := range hits[:min(len(hits), limit)] {
		out = append(out, r.data.apiMovie(i))
	}
	return out, nil
}

// User returns the user with MovieLens id.
func (r *Runner) User(id int) (*api.User, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.data == nil {
		return nil, conflict("no dataset is loaded yet")
	}
	i, ok := r.data.index().user[id]
	if !ok {
		return nil, notFound("user %d does not exist (ids 1–%d)", id, len(r.ml.Users))
	}
	u := apiUser(r.ml.Users[i])
	return &u, nil
}
