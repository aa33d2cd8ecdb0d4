package api

import "testing"

// Result reads the first table that has the model on the dataset; a table
// reads only its own rows; a row without a model is never a model's.
func TestPaperResult(t *testing.T) {
	p := Paper{Tables: []PaperTable{
		{ID: "table1", Rows: []PaperRow{{Model: "a", Results: []PaperResult{{Dataset: DatasetMovieLens1M, AUC: 0.81}}}}},
		{ID: "table2", Rows: []PaperRow{
			{Model: "", Results: []PaperResult{{Dataset: DatasetMovieLens100k, AUC: 0.70}}},
			{Model: "a", Results: []PaperResult{{Dataset: DatasetMovieLens100k, AUC: 0.78}, {Dataset: DatasetMovieLens1M, AUC: 0.82}}},
		}},
	}}
	for _, c := range []struct {
		model, dataset string
		auc            float64
		ok             bool
	}{
		{"a", DatasetMovieLens1M, 0.81, true},
		{"a", DatasetMovieLens100k, 0.78, true},
		{"a", DatasetAvazu, 0, false},
		{"b", DatasetMovieLens100k, 0, false},
		{"", DatasetMovieLens100k, 0, false},
	} {
		if r, ok := p.Result(c.model, c.dataset); ok != c.ok || r.AUC != c.auc {
			t.Errorf("Result(%q, %q) = %v, %v", c.model, c.dataset, r.AUC, ok)
		}
	}
	t2, ok := p.Table("table2")
	if r, _ := t2.Result("a", DatasetMovieLens1M); !ok || r.AUC != 0.82 {
		t.Errorf("table2: %v, %v", r.AUC, ok)
	}
	if _, ok := p.Table("table9"); ok {
		t.Error("table9 found")
	}
}
