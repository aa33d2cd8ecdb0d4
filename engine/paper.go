package engine

import "github.com/flsest/flsest/engine/api"

// The results the paper reports (§4.3, Tables 1–5), each number once:
// Paper lays them out as the paper's tables. GET /api/paper serves them to
// the page, and the CLI's reproduction tables print them beside ours.

// paperDatasets are the datasets of the paper's tables, in their columns'
// order.
var paperDatasets = [3]string{api.DatasetMovieLens100k, api.DatasetMovieLens1M, api.DatasetAvazu}

// paperModel is what the paper reports for one model: its name there and,
// per dataset in paperDatasets' order, the test AUC and LogLoss.
type paperModel struct {
	name    string
	metrics [3][2]float64
}

// paperModels is every model the paper reports, by the engine's model
// name. A model in several tables has the same numbers in each.
var paperModels = map[string]paperModel{
	// Table 1
	"nfm":      {"NFM", [3][2]float64{{0.7816, 0.5585}, {0.8096, 0.5210}, {0.7617, 0.3787}}},
	"deepfm":   {"DeepFM", [3][2]float64{{0.7825, 0.5583}, {0.8123, 0.5179}, {0.7608, 0.3812}}},
	"xdeepfm":  {"xDeepFM", [3][2]float64{{0.7846, 0.5562}, {0.8139, 0.5174}, {0.7613, 0.3815}}},
	"fibinet":  {"FiBiNET", [3][2]float64{{0.7818, 0.5559}, {0.8127, 0.5184}, {0.7624, 0.3781}}},
	"flen":     {"FLEN", [3][2]float64{{0.7838, 0.5557}, {0.8145, 0.5156}, {0.7612, 0.3840}}},
	"edcn":     {"EDCN", [3][2]float64{{0.7843, 0.5548}, {0.8153, 0.5151}, {0.7628, 0.3775}}},
	"finalmlp": {"FinalMLP", [3][2]float64{{0.7856, 0.5546}, {0.8156, 0.5143}, {0.7636, 0.3774}}},
	"disenctr": {"DisenCTR", [3][2]float64{{0.7849, 0.5552}, {0.8150, 0.5154}, {0.7622, 0.3780}}},
	"flsest":   {"FLSEST", [3][2]float64{{0.7859, 0.5532}, {0.8161, 0.5132}, {0.7629, 0.3778}}},
	// Table 2
	"fm":        {"FM", [3][2]float64{{0.7620, 0.5679}, {0.8033, 0.5302}, {0.7570, 0.3920}}},
	"fm+sest":   {"FM+SEST", [3][2]float64{{0.7792, 0.5608}, {0.8080, 0.5256}, {0.7604, 0.3865}}},
	"fwfm":      {"FwFM", [3][2]float64{{0.7795, 0.5615}, {0.8068, 0.5249}, {0.7595, 0.3846}}},
	"fwfm+sest": {"FwFM+SEST", [3][2]float64{{0.7811, 0.5590}, {0.8111, 0.5220}, {0.7611, 0.3821}}},
	// Table 3
	"nfm+sest":    {"NFM+SEST", [3][2]float64{{0.7832, 0.5582}, {0.8112, 0.5201}, {0.7622, 0.3773}}},
	"deepfm+sest": {"DeepFM+SEST", [3][2]float64{{0.7836, 0.5579}, {0.8134, 0.5173}, {0.7618, 0.3776}}},
	// Table 4. Its first row reads "FwFM+SEST" twice; by the text it is
	// FwFM+SENET.
	"fwfm+senet": {"FwFM+SENET", [3][2]float64{{0.7806, 0.5598}, {0.8083, 0.5255}, {0.7604, 0.3838}}},
	"fibisest":   {"FiBiSEST", [3][2]float64{{0.7839, 0.5537}, {0.8145, 0.5153}, {0.7632, 0.3776}}},
}

// paperLogSizeMB is Table 4's LogSize (the trained weights' size, MB) per
// dataset in paperDatasets' order.
var paperLogSizeMB = map[string][3]float64{
	"fwfm+senet": {0.47, 1.03, 19.4},
	"fwfm+sest":  {0.51, 1.07, 19.7},
	"fibinet":    {1.31, 1.87, 36.9},
	"fibisest":   {1.51, 2.07, 39.4},
}

// paperAblation is Table 5's first four rows per dataset in paperDatasets'
// order (the fifth is FLSEST). Its ✓ marks did not survive, so which of
// FwBI, MLP and SEST each row has is unknown. The first MovieLens-1M row is
// printed as it is: the same numbers as FLSEST on MovieLens-100k.
var paperAblation = [4][3][2]float64{
	{{0.7797, 0.5612}, {0.7859, 0.5532}, {0.7598, 0.3839}},
	{{0.7806, 0.5595}, {0.8078, 0.5238}, {0.7609, 0.3814}},
	{{0.7809, 0.5591}, {0.8125, 0.5211}, {0.7608, 0.3815}},
	{{0.7831, 0.5561}, {0.8135, 0.5184}, {0.7622, 0.3792}},
}

// paperTables is the paper's tables: their titles (shortened), and their
// rows by the engine's model names in the paper's order.
var paperTables = []struct {
	id, title string
	models    []string
	logSize   bool // the table reports LogSize
	ablation  bool // paperAblation's rows come first
}{
	{"table1", "Table 1: performance of different models",
		[]string{"nfm", "deepfm", "xdeepfm", "fibinet", "flen", "edcn", "finalmlp", "disenctr", "flsest"}, false, false},
	{"table2", "Table 2: SEST on shallow models", []string{"fm", "fm+sest", "fwfm", "fwfm+sest"}, false, false},
	{"table3", "Table 3: SEST on deep models", []string{"nfm", "nfm+sest", "deepfm", "deepfm+sest"}, false, false},
	{"table4", "Table 4: SEST vs SENET", []string{"fwfm+senet", "fwfm+sest", "fibinet", "fibisest"}, true, false},
	{"table5", "Table 5: ablation of FLSEST", []string{"flsest"}, false, true},
}

// Paper is the paper's Tables 1–5, built afresh on each call (the caller
// may keep or change it).
func Paper() api.Paper {
	var p api.Paper
	for _, t := range paperTables {
		table := api.PaperTable{ID: t.id, Title: t.title}
		if t.ablation {
			for _, row := range paperAblation {
				table.Rows = append(table.Rows, paperRow("", "", row, nil))
			}
		}
		for _, name := range t.models {
			m := paperModels[name]
			var size *[3]float64
			if s, ok := paperLogSizeMB[name]; ok && t.logSize {
				size = &s
			}
			table.Rows = append(table.Rows, paperRow(m.name, name, m.metrics, size))
		}
		p.Tables = append(p.Tables, table)
	}
	return p
}

// paperRow is one row's results on each dataset; size is nil where the
// table reports no LogSize.
func paperRow(name, model string, metrics [3][2]float64, size *[3]float64) api.PaperRow {
	r := api.PaperRow{Name: name, Model: model}
	for d, x := range metrics {
		res := api.PaperResult{Dataset: paperDatasets[d], AUC: x[0], LogLoss: x[1]}
		if size != nil {
			res.LogSizeMB = size[d]
		}
		r.Results = append(r.Results, res)
	}
	return r
}
