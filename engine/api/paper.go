package api

// The results the paper reports (its Tables 1–5), for the page to show
// beside its own:
//
//	GET /api/paper   → Paper
//
// The engine keeps them once (engine/paper.go); the page and the CLI's
// reproduction tables both read them from there.

// PathPaper is the route.
const PathPaper = "/api/paper"

// The paper's datasets, by the names the dataset loaders give them
// (datasets.Source's Kind).
const (
	DatasetMovieLens100k = "movielens-100k"
	DatasetMovieLens1M   = "movielens-1m"
	DatasetAvazu         = "avazu"
)

// Paper is the paper's tables of results.
type Paper struct {
	Tables []PaperTable `json:"tables"`
}

// PaperTable is one of the paper's tables.
type PaperTable struct {
	ID    string     `json:"id"`    // "table1" … "table5"
	Title string     `json:"title"` // e.g. "Table 1: performance of different models"
	Rows  []PaperRow `json:"rows"`
}

// PaperRow is one row of a table: one model's results on each dataset.
type PaperRow struct {
	Name    string        `json:"name"`    // as the paper names the model, e.g. "FLSEST"
	Model   string        `json:"model"`   // the engine's model name, e.g. "flsest"; "" when the paper does not say which model the row is
	Results []PaperResult `json:"results"` // one per dataset the row reports
}

// PaperResult is one model's test metrics on one dataset, as the paper
// prints them.
type PaperResult struct {
	Dataset   string  `json:"dataset"` // DatasetMovieLens100k, DatasetMovieLens1M or DatasetAvazu
	AUC       float64 `json:"auc"`
	LogLoss   float64 `json:"logloss"`
	LogSizeMB float64 `json:"log_size_mb,omitempty"` // the trained weights' size (Table 4 only)
}

// Table is the table with id ("table1" …); false if there is none.
func (p Paper) Table(id string) (PaperTable, bool) {
	for _, t := range p.Tables {
		if t.ID == id {
			return t, true
		}
	}
	return PaperTable{}, false
}

// Result is what the first table that has model reports for it on
// dataset; false if no table has it.
func (p Paper) Result(model, dataset string) (PaperResult, bool) {
	for _, t := range p.Tables {
		if r, ok := t.Result(model, dataset); ok {
			return r, true
		}
	}
	return PaperResult{}, false
}

// Result is what the table reports for model on dataset; false if it has
// no such row (or model is "": a row the paper does not attribute).
func (t PaperTable) Result(model, dataset string) (PaperResult, bool) {
	if model == "" {
		return PaperResult{}, false
	}
	for _, r := range t.Rows {
		if r.Model != model {
			continue
		}
		for _, x := range r.Results {
			if x.Dataset == dataset {
				return x, true
			}
		}
	}
	return PaperResult{}, false
}
