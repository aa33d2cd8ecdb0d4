package engine

import (
	"net/http"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/model"
)

// InspectRows inspects m over the rows idx of d, a chunk at a time; with
// sestOnly, SEST's mechanism alone (model.Inspector.SESTOnly).
func InspectRows(m *model.Net[float32], d *Data, idx []int32, sestOnly bool) model.Inspection {
	chunk := min(EvalChunk, m.MaxBatch())
	b := d.NewBatch(chunk)
	in := model.NewInspector(m)
	in.SESTOnly = sestOnly
	for i := 0; i < len(idx); i += chunk {
		d.Fill(b, idx[i:min(i+chunk, len(idx))])
		in.Add(b)
	}
	return in.Result()
}

// DefaultSnapshotSamples is how many validation rows (the first ones)
// live snapshots and SEST's mechanism are summarised over.
const DefaultSnapshotSamples = 2048

// SESTSample is the fixed validation sample SEST's mechanism is reported
// over: the first DefaultSnapshotSamples rows of the validation split.
func SESTSample(d *Data) []int32 {
	return d.Split.Val[:min(len(d.Split.Val), DefaultSnapshotSamples)]
}

// InspectSEST reports m's SEST mechanism over SESTSample(d), without drift
// (for `flsest explain`); ok is false when m has no SEST.
func InspectSEST(m *model.Net[float32], d *Data) (rep *api.SESTReport, ok bool) {
	return SESTReport(InspectRows(m, d, SESTSample(d), true), nil)
}

// SESTReport is SEST's mechanism from an inspection, with its drift from
// initial (the same rows at step 0; nil if unknown). ok is false when the
// model has no SEST.
func SESTReport(now model.Inspection, initial *model.Inspection) (rep *api.SESTReport, ok bool) {
	if now.SESTUnits == nil {
		return nil, false
	}
	rep = &api.SESTReport{N: now.N, Granularity: now.SESTGranularity, Units: apiUnits(*now.SESTUnits)}
	if initial != nil && (initial.SESTUnits == nil || initial.SESTGranularity != now.SESTGranularity) {
		initial = nil // another architecture: no drift to speak of
	}
	if initial != nil {
		u := apiUnits(*initial.SESTUnits)
		rep.InitialUnits = &u
	}
	for f, fl := range now.Fields {
		sf := api.SESTField{
			Name: fl.Name, U: apiSummary(fl.U), A: apiSummary(fl.A), SEU: apiSummary(fl.SEU),
			SEWeight: apiSummary(fl.SEWeight), Lambda: apiSummary(fl.Lambda), Zeroed: apiSummary(fl.Zeroed),
			ACoord: fl.ACoord, SEWeightCoord: fl.SEWeightCoord, ZeroedCoord: fl.ZeroedCoord,
		}
		if initial != nil {
			i0 := initial.Fields[f]
			a0, s0 := apiSummary(i0.A), apiSummary(i0.SEWeight)
			da, ds := fl.A.Mean-i0.A.Mean, fl.SEWeight.Mean-i0.SEWeight.Mean
			sf.InitialA, sf.InitialSE, sf.ADrift, sf.SEWeightDrift = &a0, &s0, &da, &ds
			sf.InitialACoord, sf.InitialSEWeightCoord = i0.ACoord, i0.SEWeightCoord
		}
		rep.Fields = append(rep.Fields, sf)
	}
	return rep, true
}

func apiUnits(u model.SESTUnits) api.SESTUnits {
	return api.SESTUnits{Threshold: u.Threshold, SE: u.SE}
}

// SESTUnitsActive is `flsest explain`'s sest_units_active: per field (in
// rep.Fields' order), the share of samples in which each hidden unit is
// active, the threshold branch's R units then the SE branch's R. The units
// are shared by all fields (each field's excitation reads every unit of its
// branch), so every field gets the same vector: it says how much of the
// excitation is alive, not which field it serves.
func SESTUnitsActive(rep *api.SESTReport) [][]float64 {
	units := append(append([]float64(nil), rep.Units.Threshold...), rep.Units.SE...)
	out := make([][]float64, len(rep.Fields))
	for f := range out {
		out[f] = units
	}
	return out
}

// SEST reports SEST's mechanism over the snapshot sample, with its drift
// from step 0.
func (r *Runner) SEST() (*api.SESTReport, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.sess == nil {
		return nil, conflict("no dataset is loaded yet")
	}
	rep, ok := SESTReport(InspectRows(r.sess.Model, r.data, r.snapshotIdx(false), true), r.initialInspection)
	if !ok {
		return nil, conflict("the model has no SEST (transform %q)", r.sess.Model.Config.Transform)
	}
	rep.Step, rep.Epoch = r.sess.Steps(), r.sess.Epoch()
	return rep, nil
}

// GET /api/sest
func (h *Handler) sest(w http.ResponseWriter, r *http.Request) {
	rep, err := h.runner.SEST()
	reply(w, rep, err)
}
