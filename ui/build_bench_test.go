package main

import (
	"fmt"
	"testing"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/client"
	"github.com/flsest/flsest/ui/state"
	"github.com/vugu/vugu"
	"github.com/vugu/vugu/staticrender"
)

type nopEnv struct{}

func (nopEnv) Lock()         {}
func (nopEnv) UnlockOnly()   {}
func (nopEnv) UnlockRender() {}

// trainingPage is the ready page while training the quick preset: every
// panel shown, a sample inspected, a full loss curve and a snapshot.
func trainingPage() *Root {
	s := state.NewStore(client.New(nil), nopEnv{})
	s.Page = state.PageReady
	var fields []api.FieldSEST
	var names []string
	for i := range 10 {
		n := fmt.Sprintf("field%d", i)
		names = append(names, n)
		sm := api.Summary{Mean: 0.5 + float64(i)/100, Std: 0.01}
		fields = append(fields, api.FieldSEST{Name: n, Z: sm, A: sm, Lambda: sm, Zeroed: sm, SEWeight: sm})
	}
	square := func(n int) [][]float64 {
		m := make([][]float64, n)
		for i := range m {
			m[i] = make([]float64, n)
			for j := range m[i] {
				m[i][j] = float64(i-j) / 10
			}
		}
		return m
	}
	s.Snapshot = &api.Snapshot{Step: 600, N: 2048, Fields: fields, Initial: fields, Domains: []string{"user", "item", "context"}, FieldNames: names,
		R: [][][]float64{square(3), square(3)}, Streams: []string{"original", "sest"}, Interaction: [][][]float64{square(10), square(10)}}
	for _, name := range []string{"model", "lr", "batch_size", "epochs", "embedding_dim", "hidden", "dropout", "reduction_ratio", "se_activation",
		"grouping", "seed", "excitation_bias", "squeeze_norm", "workers", "fusion", "pooling", "activation", "dice_factor", "optimizer",
		"patience", "monitor", "l2_embedding", "batches_per_epoch", "split_seed"} {
		s.Settings = append(s.Settings, api.Setting{Name: name, Choices: []string{"a", "b", "c"}})
	}
	s.State = api.State{Status: api.StatusTraining, Config: map[string]string{"epochs": "20"}, Progress: api.Progress{Epoch: 3, Batch: 200, BatchesPerEpoch: 563, Steps: 1326}}
	for e := 1; e <= 10; e++ {
		s.State.History = append(s.State.History, api.EpochResult{Epoch: e, ValAUC: 0.7 + float64(e)/100, ValLogLoss: 0.6})
	}
	for i := range 400 {
		s.Loss = append(s.Loss, state.Point{Step: float64(i * 3), Loss: 0.6})
	}
	s.Sample = &api.SampleInspection{Fields: fields}
	s.SnapshotSeq, s.LossSeq, s.HistorySeq = 1, 1, 1
	return &Root{Store: s, revealed: mainPanelSteps}
}

// BenchmarkBuild builds the training page natively: a tick (only the loss
// and the counters changed) and a snapshot (every chart laid out again).
// Under wasm in a browser the same work is several times slower; the
// ratio of the two is what this measures.
func BenchmarkBuild(b *testing.B) {
	for _, c := range []struct {
		name string
		bump func(s *state.Store)
	}{
		{"tick", func(s *state.Store) { s.LossSeq++; s.State.Progress.Steps++ }},
		{"snapshot", func(s *state.Store) { s.LossSeq++; s.SnapshotSeq++; s.HistorySeq++ }},
	} {
		b.Run(c.name, func(b *testing.B) {
			root := trainingPage()
			r := staticrender.New(nopWriter{})
			env, err := vugu.NewBuildEnv(r.EventEnv())
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				c.bump(root.Store)
				dropLayoutWhitespace(env.RunBuild(root))
			}
		})
	}
}

type nopWriter struct{}

func (nopWriter) Write(p []byte) (int, error) { return len(p), nil }
