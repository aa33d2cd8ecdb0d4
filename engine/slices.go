package engine

import (
	"math"
	"net/http"

	"github.com/flsest/flsest/datasets"
	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/model"
)

// sliceFields are the fields the slices view cuts the validation split by
// (those the data has): the user's gender, age bucket and occupation, the
// movie's genres (multi-valued) and release-year bucket.
var sliceFields = []string{"gender", "age", "occupation", "genres", "year"}

// Slices computes each field's slices of the rows idx of enc, given the
// model's probabilities prob (prob[i] for row idx[i]). Fields the data has
// not are left out.
func Slices(enc *datasets.Encoded, idx []int32, prob []float32, fields []string) []api.Slicing {
	var out []api.Slicing
	for _, name := range fields {
		f := fieldIndex(enc, name)
		if f < 0 {
			continue
		}
		fl := enc.Fields[f]
		missing := len(fl.Values) // the slice of rows without a value
		rows := make([][]int, missing+1)
		for i, s := range idx {
			vs := enc.Values(int(s), f)
			if len(vs) == 0 {
				rows[missing] = append(rows[missing], i)
			}
			for _, v := range vs {
				rows[v] = append(rows[v], i)
			}
		}
		sl := api.Slicing{Field: name, Multi: fl.Multi}
		for v, rs := range rows {
			if len(rs) == 0 {
				continue
			}
			value := api.MissingValue
			if v < missing {
				value = fl.Values[v]
			}
			sl.Slices = append(sl.Slices, sliceOf(value, rs, idx, prob, enc.Label))
		}
		out = append(out, sl)
	}
	return out
}

func fieldIndex(enc *datasets.Encoded, name string) int {
	for f, fl := range enc.Fields {
		if fl.Name == name {
			return f
		}
	}
	return -1
}

// sliceOf measures the model on rows rs (positions in idx and prob).
func sliceOf(value string, rs []int, idx []int32, prob []float32, labels []float32) api.Slice {
	p, y := make([]float32, len(rs)), make([]float32, len(rs))
	s := api.Slice{Value: value, Count: len(rs)}
	var sumP float64
	for j, i := range rs {
		p[j], y[j] = prob[i], labels[idx[i]]
		sumP += float64(p[j])
		if y[j] == 1 {
			s.Positives++
		}
	}
	if auc := model.AUC(p, y); !math.IsNaN(auc) { // NaN: one class only
		s.AUC = &auc
	}
	s.LogLoss = model.LogLoss(p, y)
	s.PositiveRate = float64(s.Positives) / float64(s.Count)
	s.MeanPrediction = sumP / float64(s.Count)
	return s
}

// Slices reports the current weights' quality per slice of the whole
// validation split.
func (r *Runner) Slices() (*api.SlicesReport, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.sess == nil {
		return nil, conflict("no dataset is loaded yet")
	}
	idx := r.data.Split.Val
	prob := make([]float32, len(idx))
	r.sess.Predict(idx, prob)
	return &api.SlicesReport{
		Step: r.sess.Steps(), Epoch: r.sess.Epoch(), N: len(idx),
		Slicings: Slices(r.data.Enc, idx, prob, sliceFields),
	}, nil
}

// GET /api/slices
func (h *Handler) slices(w http.ResponseWriter, r *http.Request) {
	rep, err := h.runner.Slices()
	reply(w, rep, err)
}
