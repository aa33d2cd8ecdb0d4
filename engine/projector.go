package engine

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/flsest/flsest/datasets"
	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/model"
)

// Projector kinds: what a point is.
const (
	KindMovie = "movie"
	KindUser  = "user"
)

// entities are every movie's (or user's) E and V rows, n × K.
type entities struct {
	ids   []int
	names []string
	E, V  []float64 // V is nil without a second stream
	n, K  int
	attrs []api.Attribute
}

// projectorAttributes are the fields points can be coloured by, per kind.
var projectorAttributes = map[string][]string{
	KindMovie: {"genres", "year"},
	KindUser:  {"gender", "age", "occupation"},
}

// embedEntities computes E and V = T(E) of every movie or user of d under
// m: the id field's block of a sample made of the entity's own domain's
// fields and, for every other field, its mean embedding over the rows
// context (api.ProjectorReport documents the choice).
func embedEntities(m *model.Net[float32], d *Data, kind string, context []int32) (*entities, error) {
	if d.ML == nil {
		return nil, conflict("the projector needs MovieLens data (users and movies)")
	}
	idField, domain, count := "movie_id", datasets.DomainItem, len(d.ML.Movies)
	if kind == KindUser {
		idField, domain, count = "user_id", datasets.DomainUser, len(d.ML.Users)
	}
	idf := fieldIndex(d.Enc, idField)
	if idf < 0 || len(context) == 0 {
		return nil, conflict("the data has no %s field or no validation rows", idField)
	}
	F, K := len(d.Schema.Fields), m.K
	chunk := min(EvalChunk, m.MaxBatch())
	E := make([]float32, chunk*F*K)
	b := d.NewBatch(chunk)
	// Each field's mean embedding over the context rows.
	mean := make([]float64, F*K)
	for i := 0; i < len(context); i += chunk {
		rows := context[i:min(i+chunk, len(context))]
		d.Fill(b, rows)
		m.Embedding.Forward(E[:len(rows)*F*K], b)
		for j, v := range E[:len(rows)*F*K] {
			mean[j%(F*K)] += float64(v)
		}
	}
	for j := range mean {
		mean[j] /= float64(len(context))
	}
	out := &entities{n: count, K: K, E: make([]float64, count*K)}
	var V []float32
	if m.SEST != nil || m.SENET != nil {
		out.V, V = make([]float64, count*K), make([]float32, chunk*F*K)
	}
	attrs := projectorAttributes[kind]
	for _, name := range attrs {
		if f := fieldIndex(d.Enc, name); f >= 0 {
			out.attrs = append(out.attrs, api.Attribute{Field: name, Values: d.Enc.Fields[f].Values, Of: make([]int, count)})
		}
	}
	for start := 0; start < count; start += chunk {
		n := min(chunk, count-start)
		b.N, b.Off, b.Idx, b.Label = n, append(b.Off[:0], 0), b.Idx[:0], b.Label[:0]
		for e := start; e < start+n; e++ {
			user, item := int32(0), int32(e)
			if kind == KindUser {
				user, item = int32(e), 0
			}
			idx, off := d.Enc.EncodePair(user, item, -1)
			base := int32(len(b.Idx))
			b.Idx = append(b.Idx, idx...)
			for _, o := range off[1:] {
				b.Off = append(b.Off, base+o)
			}
			b.Label = append(b.Label, 0)
			for a := range out.attrs {
				f := fieldIndex(d.Enc, out.attrs[a].Field)
				out.attrs[a].Of[e] = -1
				if off[f+1] > off[f] {
					out.attrs[a].Of[e] = int(idx[off[f]])
				}
			}
		}
		X := E[:n*F*K]
		m.Embedding.Forward(X, b)
		for i := 0; i < n; i++ {
			for f := 0; f < F; f++ {
				if d.Enc.Fields[f].Domain == domain {
					continue
				}
				for k := 0; k < K; k++ {
					X[(i*F+f)*K+k] = float32(mean[f*K+k])
				}
			}
		}
		switch {
		case m.SEST != nil:
			m.SEST.Forward(V[:n*F*K], X, n)
		case m.SENET != nil:
			m.SENET.Forward(V[:n*F*K], X, n)
		}
		for i := 0; i < n; i++ {
			for k := 0; k < K; k++ {
				out.E[(start+i)*K+k] = float64(X[(i*F+idf)*K+k])
				if V != nil {
					out.V[(start+i)*K+k] = float64(V[(i*F+idf)*K+k])
				}
			}
		}
	}
	for e := 0; e < count; e++ {
		if kind == KindUser {
			out.ids = append(out.ids, d.ML.Users[e].ID)
		} else {
			out.ids = append(out.ids, d.ML.Movies[e].ID)
			out.names = append(out.names, d.ML.Movies[e].Title)
		}
	}
	return out, nil
}

// embeddingMap projects es on their principal components.
func embeddingMap(es *entities) (api.EmbeddingMap, error) {
	em := api.EmbeddingMap{IDs: es.ids, Names: es.names, Attributes: es.attrs}
	xy, share, err := PCA2(es.E, es.n, es.K)
	if err != nil {
		return em, err
	}
	em.E = api.Projection{XY: xy, Variance: share}
	if es.V != nil {
		xy, share, err := PCA2(es.V, es.n, es.K)
		if err != nil {
			return em, err
		}
		em.V = &api.Projection{XY: xy, Variance: share}
	}
	return em, nil
}

// projectorCache keeps the last weights' entities: the projector and the
// neighbours of one point after another are asked of the same weights
// (a paused or finished session), and computing V per coordinate costs a
// forward pass of SEST over every movie and user.
type projectorCache struct {
	sess  *Session
	steps int
	kinds map[string]*entities
}

// entitiesLocked returns the current weights' entities of kind, cached.
func (r *Runner) entitiesLocked(kind string) (*entities, error) {
	c := &r.projector
	if c.sess != r.sess || c.steps != r.sess.Steps() {
		*c = projectorCache{sess: r.sess, steps: r.sess.Steps(), kinds: map[string]*entities{}}
	}
	if es := c.kinds[kind]; es != nil {
		return es, nil
	}
	es, err := embedEntities(r.sess.Model, r.data, kind, r.snapshotIdx(false))
	if err == nil {
		c.kinds[kind] = es
	}
	return es, err
}

// Projector maps the current weights' movie and user embeddings, E and V,
// to two dimensions.
func (r *Runner) Projector() (*api.ProjectorReport, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.sess == nil {
		return nil, conflict("no dataset is loaded yet")
	}
	rep := &api.ProjectorReport{
		Step: r.sess.Steps(), Epoch: r.sess.Epoch(),
		Transform: r.sess.Model.Config.Transform, Context: len(r.snapshotIdx(false)),
	}
	for _, kind := range []string{KindMovie, KindUser} {
		es, err := r.entitiesLocked(kind)
		if err != nil {
			return nil, err
		}
		em, err := embeddingMap(es)
		if err != nil {
			return nil, &api.Error{Code: api.CodeInternal, Message: err.Error()}
		}
		if kind == KindMovie {
			rep.Movies = em
		} else {
			rep.Users = em
		}
	}
	return rep, nil
}

// Neighbours lists the k movies or users nearest the one with MovieLens id
// id, by cosine similarity in E and in V.
func (r *Runner) Neighbours(kind string, id, k int) (*api.NeighboursReport, error) {
	if kind != KindMovie && kind != KindUser {
		return nil, &api.Error{Code: api.CodeInvalid, Field: "kind", Message: fmt.Sprintf("%q is not %s or %s", kind, KindMovie, KindUser)}
	}
	if k < 1 || k > 100 {
		return nil, &api.Error{Code: api.CodeInvalid, Field: "k", Message: fmt.Sprintf("%d is out of range [1, 100]", k)}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.sess == nil {
		return nil, conflict("no dataset is loaded yet")
	}
	es, err := r.entitiesLocked(kind)
	if err != nil {
		return nil, err
	}
	q := -1
	for i, v := range es.ids {
		if v == id {
			q = i
		}
	}
	if q < 0 {
		return nil, notFound("no %s with id %d", kind, id)
	}
	k = min(k, es.n-1)
	rep := &api.NeighboursReport{Kind: kind, ID: id}
	list := func(X []float64) []api.Neighbour {
		var out []api.Neighbour
		for _, nb := range Nearest(X, es.n, es.K, q, k) {
			a := api.Neighbour{ID: es.ids[nb.Index], Cosine: nb.Cosine}
			if es.names != nil {
				a.Name = es.names[nb.Index]
			}
			out = append(out, a)
		}
		return out
	}
	rep.E = list(es.E)
	if es.V != nil {
		rep.V = list(es.V)
	}
	return rep, nil
}

// GET /api/projector
func (h *Handler) projector(w http.ResponseWriter, r *http.Request) {
	rep, err := h.runner.Projector()
	reply(w, rep, err)
}

// GET /api/neighbours?kind=movie|user&id=ID&k=10
func (h *Handler) neighbours(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	id, err := strconv.Atoi(q.Get("id"))
	if err != nil {
		writeError(w, &api.Error{Code: api.CodeInvalid, Field: "id", Message: fmt.Sprintf("%q is not an integer", q.Get("id"))})
		return
	}
	k := 10
	if s := q.Get("k"); s != "" {
		if k, err = strconv.Atoi(s); err != nil {
			writeError(w, &api.Error{Code: api.CodeInvalid, Field: "k", Message: fmt.Sprintf("%q is not an integer", s)})
			return
		}
	}
	rep, err := h.runner.Neighbours(q.Get("kind"), id, k)
	reply(w, rep, err)
}
