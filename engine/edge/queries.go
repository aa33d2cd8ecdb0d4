package edge

import (
	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/model"
)

// predict gives P(like) per sample, as POST /api/predict does.
func predict(m *model.Net[float32], req api.EdgeRequest) (*api.EdgePrediction, error) {
	if err := count("samples", len(req.Samples), 1, Limits.MaxSamples); err != nil {
		return nil, err
	}
	out := &api.EdgePrediction{}
	for lo := 0; lo < len(req.Samples); lo += maxBatch {
		b, err := batchOf(m, "samples", req.Samples[lo:min(lo+maxBatch, len(req.Samples))])
		if err != nil {
			return nil, err
		}
		prob := make([]float32, b.N)
		model.Predict[float32](m, b, prob)
		for _, p := range prob {
			out.Probabilities = append(out.Probabilities, float64(p))
		}
	}
	return out, nil
}

// inspect summarises the model's view over all the samples.
func inspect(m *model.Net[float32], req api.EdgeRequest) (*api.EdgeInspection, error) {
	if err := count("samples", len(req.Samples), 1, Limits.MaxSamples); err != nil {
		return nil, err
	}
	in := model.NewInspector(m)
	for lo := 0; lo < len(req.Samples); lo += maxBatch {
		b, err := batchOf(m, "samples", req.Samples[lo:min(lo+maxBatch, len(req.Samples))])
		if err != nil {
			return nil, err
		}
		in.Add(b)
	}
	got := in.Result()
	out := &api.EdgeInspection{N: got.N, FieldNames: fieldNames(m), Domains: got.Domains, R: got.R, Logit: apiSummary(got.Logit)}
	for _, f := range got.Fields {
		out.Fields = append(out.Fields, api.FieldSEST{Name: f.Name, Z: apiSummary(f.Z), A: apiSummary(f.A), Lambda: apiSummary(f.Lambda),
			Zeroed: apiSummary(f.Zeroed), SEWeight: apiSummary(f.SEWeight)})
	}
	for _, c := range got.Contributions {
		out.Contributions = append(out.Contributions, api.Contribution{Name: c.Name, Summary: apiSummary(c.Summary)})
	}
	return out, nil
}

func apiSummary(s model.Summary) api.Summary {
	return api.Summary{Mean: s.Mean, Std: s.Std, Min: s.Min, Max: s.Max}
}

// explain gives each sample's exact Shapley values against the background
// rows (model/shapley.go), within MaxExplainRows composite rows.
func explain(m *model.Net[float32], req api.EdgeRequest) (*api.EdgeExplanation, error) {
	ns, nb := len(req.Samples), len(req.Background)
	if err := count("samples", ns, 1, Limits.MaxExplainSamples); err != nil {
		return nil, err
	}
	if err := count("background", nb, 1, Limits.MaxBackground); err != nil {
		return nil, err
	}
	F := len(m.Schema.Fields)
	if F > model.MaxShapleyFields || ns<<F*nb > Limits.MaxExplainRows {
		return nil, invalid("samples", "%d samples × 2^%d coalitions × %d background rows is over %d rows", ns, F, nb, Limits.MaxExplainRows)
	}
	sources, err := batchOf(m, "samples", req.Samples)
	if err != nil {
		return nil, err
	}
	bg, err := batchOf(m, "background", req.Background)
	if err != nil {
		return nil, err
	}
	model.AppendSamples(sources, bg, F)
	explained, background := make([]int32, ns), make([]int32, nb)
	for i := range explained {
		explained[i] = int32(i)
	}
	for i := range background {
		background[i] = int32(ns + i)
	}
	sh, err := model.NewShapley(model.NewCompositeScorer(m, sources), explained, background)
	if err != nil {
		return nil, invalid("samples", "%v", err)
	}
	for !sh.Step(4096) {
	}
	out := &api.EdgeExplanation{FieldNames: fieldNames(m)}
	for _, v := range sh.Values() {
		out.Samples = append(out.Samples, api.EdgeShapley{Phi: v.Phi, Base: v.Base, Value: v.Value})
	}
	return out, nil
}
