package engine

import (
	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/model"
)

// Conversions from engine and model types to the wire types of engine/api.

func apiSummary(s model.Summary) api.Summary {
	return api.Summary{Mean: s.Mean, Std: s.Std, Min: s.Min, Max: s.Max}
}

func apiFields(fs []model.FieldSEST) []api.FieldSEST {
	var out []api.FieldSEST
	for _, f := range fs {
		out = append(out, api.FieldSEST{Name: f.Name, Z: apiSummary(f.Z), A: apiSummary(f.A), Lambda: apiSummary(f.Lambda),
			Zeroed: apiSummary(f.Zeroed), SEWeight: apiSummary(f.SEWeight)})
	}
	return out
}

func apiContributions(cs []model.Contribution) []api.Contribution {
	var out []api.Contribution
	for _, c := range cs {
		out = append(out, api.Contribution{Name: c.Name, Summary: apiSummary(c.Summary)})
	}
	return out
}

func apiEpoch(e EpochResult) api.EpochResult {
	return api.EpochResult{Epoch: e.Epoch, TrainLoss: e.TrainLoss, ValAUC: e.ValAUC, ValLogLoss: e.ValLogLoss,
		Best: e.Best, TrainSeconds: e.TrainSeconds, EvalSeconds: e.EvalSeconds, Samples: e.Samples}
}

func apiResult(r *Result) *api.Result {
	if r == nil {
		return nil
	}
	return &api.Result{BestEpoch: r.BestEpoch, TestAUC: r.TestAUC, TestLogLoss: r.TestLogLoss, LogSizeBytes: r.LogSizeBytes,
		ValAUC: r.ValAUC, ValLogLoss: r.ValLogLoss, StoppedEarly: r.StoppedEarly, Parameters: r.Parameters,
		EpochSeconds: r.EpochSeconds, SamplesPerSec: r.SamplesPerSec}
}

// APISettings is the settings table with the quick preset's values as defaults.
func APISettings() []api.Setting {
	quick, _ := Preset("quick")
	var out []api.Setting
	for _, s := range Settings() {
		out = append(out, api.Setting{Name: s.Name, Kind: s.Kind, Default: quick.Get(s.Name), Choices: s.Choices, Help: s.Help})
	}
	return out
}

// configMap is every setting of c as text.
func configMap(c TrainConfig) map[string]string {
	m := map[string]string{}
	for _, s := range Settings() {
		m[s.Name] = c.Get(s.Name)
	}
	return m
}
