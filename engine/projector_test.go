package engine

import (
	"math"
	"slices"
	"testing"

	"github.com/flsest/flsest/datasets"
	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/model"
)

// The projector's E of a movie is its movie_id row; its V is T(E) of the
// movie's own fields with every user field at its mean over the snapshot
// sample, computed here the direct way; the points are PCA2 of those rows;
// a user's neighbours are the brute-force nearest by cosine.
func TestProjectorRoute(t *testing.T) {
	r, h := testEngine(t)
	callError(t, h, "GET", api.PathProjector, nil, 409, api.CodeConflict, "")
	loadData(t, h)
	call(t, h, "POST", "/api/session/step-epoch", nil, 200, nil)
	waitStatus(t, h, api.StatusPaused)
	var rep api.ProjectorReport
	call(t, h, "GET", api.PathProjector, nil, 200, &rep)
	ml, m, d := r.ml, r.sess.Model, r.data
	F, K := len(d.Schema.Fields), m.K
	nm, nu := len(ml.Movies), len(ml.Users)
	if len(rep.Movies.IDs) != nm || len(rep.Movies.E.XY) != 2*nm || rep.Movies.V == nil || len(rep.Movies.V.XY) != 2*nm ||
		len(rep.Users.IDs) != nu || len(rep.Users.E.XY) != 2*nu || len(rep.Movies.Names) != nm || rep.Transform != "sest" {
		t.Fatalf("%d movies (%d points), %d users (%d points), transform %q", len(rep.Movies.IDs), len(rep.Movies.E.XY)/2, len(rep.Users.IDs), len(rep.Users.E.XY)/2, rep.Transform)
	}
	for _, p := range []*api.Projection{&rep.Movies.E, rep.Movies.V, &rep.Users.E, rep.Users.V} {
		if !(p.Variance[0] >= p.Variance[1] && p.Variance[1] >= 0 && p.Variance[0]+p.Variance[1] <= 1+1e-12) {
			t.Errorf("variance shares %v", p.Variance)
		}
	}
	es, err := embedEntities(m, d, KindMovie, r.snapshotIdx(false))
	if err != nil {
		t.Fatal(err)
	}
	movieF := fieldIndex(d.Enc, "movie_id")
	// The direct way, for a few movies: the mean of every field's pooled
	// embedding over the context rows, from the model's own forward pass;
	// the movie's sample, one at a time, with its user fields replaced.
	mean := make([]float64, F*K)
	ctx := r.snapshotIdx(false)
	b := d.NewBatch(len(ctx))
	d.Fill(b, ctx)
	m.Forward(b, false)
	for i := range ctx {
		for j := 0; j < F*K; j++ {
			mean[j] += float64(m.E[i*F*K+j])
		}
	}
	for _, j := range []int{0, 7, nm - 1} {
		idx, off := d.Enc.EncodePair(3, int32(j), -1)
		m.Forward(&model.Batch{N: 1, Off: off, Idx: idx, Label: []float32{0}}, false)
		X := append([]float32(nil), m.E[:F*K]...)
		for f := 0; f < F; f++ {
			if d.Enc.Fields[f].Domain != datasets.DomainItem {
				for k := 0; k < K; k++ {
					X[f*K+k] = float32(mean[f*K+k] / float64(len(ctx)))
				}
			}
		}
		V := make([]float32, F*K)
		m.SEST.Forward(V, X, 1)
		row := m.Embedding.Tables[movieF].Value[j*K : j*K+K]
		for k := 0; k < K; k++ {
			if es.E[j*K+k] != float64(row[k]) || math.Abs(es.V[j*K+k]-float64(V[movieF*K+k])) > 1e-6 {
				t.Fatalf("movie %d: E %v V %v; its movie_id row %v, V directly %v", j, es.E[j*K:j*K+K], es.V[j*K:j*K+K], row, V[movieF*K:movieF*K+K])
			}
		}
	}
	if xy, _, _ := PCA2(es.E, es.n, es.K); !slices.Equal(xy, rep.Movies.E.XY) {
		t.Error("the movie points are not PCA2 of the movie_id rows")
	}
	var nb api.NeighboursReport
	id := ml.Users[5].ID
	call(t, h, "GET", api.PathNeighbours+"?kind=user&id="+itoa(id)+"&k=7", nil, 200, &nb)
	us, _ := embedEntities(m, d, KindUser, r.snapshotIdx(false))
	want := Nearest(us.V, us.n, us.K, 5, 7)
	if len(nb.E) != 7 || len(nb.V) != 7 {
		t.Fatalf("%d and %d neighbours, want 7", len(nb.E), len(nb.V))
	}
	for i, w := range want {
		if nb.V[i].ID != ml.Users[w.Index].ID || math.Abs(nb.V[i].Cosine-w.Cosine) > 1e-12 || nb.V[i].ID == id {
			t.Errorf("V neighbour %d: %+v, want user %d at %v", i, nb.V[i], ml.Users[w.Index].ID, w.Cosine)
		}
	}
	callError(t, h, "GET", api.PathNeighbours+"?kind=genre&id=1", nil, 400, api.CodeInvalid, "kind")
	callError(t, h, "GET", api.PathNeighbours+"?kind=movie&id=1&k=0", nil, 400, api.CodeInvalid, "k")
	callError(t, h, "GET", api.PathNeighbours+"?kind=movie&id=x", nil, 400, api.CodeInvalid, "id")
	callError(t, h, "GET", api.PathNeighbours+"?kind=movie&id=999999", nil, 404, api.CodeNotFound, "")
}
