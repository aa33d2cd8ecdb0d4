package model_test

import (
	"fmt"

	"github.com/flsest/flsest/model"
)

// AUC by eq (19): 3 of the 4 positive–negative pairs are ordered right.
func ExampleAUC() {
	scores := []float64{0.1, 0.6, 0.5, 0.9}
	labels := []float32{0, 0, 1, 1}
	fmt.Println(model.AUC(scores, labels))
	// Output: 0.75
}

// Build FLSEST for a two-domain schema, train one step, predict.
func ExampleNewFLSEST() {
	schema := model.Schema{
		Domains: []string{"user", "item"},
		Fields: []model.Field{
			{Name: "user_id", Vocab: 3, Domain: 0},
			{Name: "movie_id", Vocab: 4, Domain: 1},
		},
	}
	m, err := model.NewFLSEST[float32](schema, model.DefaultConfig(), 2, 1)
	if err != nil {
		panic(err)
	}
	opt, _ := model.NewOptimizer(model.OptimizerConfig{Name: "adam", LR: 1e-3}, m.Params())
	// Two samples: (user 0, movie 1) liked, (user 2, movie 3) not.
	batch := &model.Batch{N: 2, Off: []int32{0, 1, 2, 3, 4}, Idx: []int32{0, 1, 2, 3}, Label: []float32{1, 0}}
	loss, _ := model.NewTrainer[float32](m, opt).Step(batch)
	p := make([]float32, 2)
	model.Predict[float32](m, batch, p)
	fmt.Printf("loss %.3f, %d parameters, 0 < p < 1: %v\n", loss, m.Params().Count(), p[0] > 0 && p[0] < 1)
	// Output: loss 0.693, 94198 parameters, 0 < p < 1: true
}
