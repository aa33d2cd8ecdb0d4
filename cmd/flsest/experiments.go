package main

import (
	"fmt"
	"strings"

	"github.com/flsest/flsest/engine"
	"github.com/flsest/flsest/engine/api"
)

// The paper's experiments on MovieLens-100k (§4.3): Tables 1–5 and
// Figures 5–9. A table's title and the paper's numbers beside its rows are
// the engine's (engine.Paper); the rows here are what we run, controls
// included. Model names are engine.ModelNames'; settings are engine
// settings by name.

type expRow struct {
	Label string
	Model string
}

type experiment struct {
	ID, Title string
	Rows      []expRow // a table
	Note      string
	Fig       *figureSpec // or a figure
}

// figureSpec varies one setting over values for some models.
type figureSpec struct {
	Setting, XLabel string
	Values, Labels  []string
	Models          []string
}

var experiments = []experiment{
	{ID: "table1", Title: paperTitle("table1"), Rows: []expRow{
		{"NFM", "nfm"},
		{"DeepFM", "deepfm"},
		{"xDeepFM", "xdeepfm"},
		{"FiBiNET", "fibinet"},
		{"FLEN", "flen"},
		{"EDCN", "edcn"},
		{"FinalMLP", "finalmlp"},
		{"DisenCTR", "disenctr"},
		{"FLSEST", "flsest"},
		{"FLSEST, V = E (control: two streams, no SEST)", "flsest-v-eq-e"},
		{"FLSEST with excitation biases", "flsest-excitation-bias"},
		{"FLSEST, SEST per coordinate", "flsest-sest-per-coordinate"},
	}, Note: "The control row feeds FLSEST's second stream E instead of SEST(E), with its own FwBI and MLP: FLSEST − control is what SEST adds beyond a second stream's capacity."},
	{ID: "table2", Title: paperTitle("table2"), Rows: []expRow{
		{"FM", "fm"},
		{"FM+SEST", "fm+sest"},
		{"FM+SEST, V = E (control: two streams, no SEST)", "fm+sest-v-eq-e"},
		{"FwFM", "fwfm"},
		{"FwFM+SEST", "fwfm+sest"},
		{"FwFM+SEST, V = E (control: two streams, no SEST)", "fwfm+sest-v-eq-e"},
	}, Note: plugInControlNote},
	{ID: "table3", Title: paperTitle("table3"), Rows: []expRow{
		{"NFM", "nfm"},
		{"NFM+SEST", "nfm+sest"},
		{"NFM+SEST, V = E (control: two streams, no SEST)", "nfm+sest-v-eq-e"},
		{"DeepFM", "deepfm"},
		{"DeepFM+SEST", "deepfm+sest"},
		{"DeepFM+SEST, V = E (control: two streams, no SEST)", "deepfm+sest-v-eq-e"},
	}, Note: plugInControlNote},
	{ID: "table4", Title: paperTitle("table4"), Rows: []expRow{
		{"FwFM+SENET", "fwfm+senet"},
		{"FwFM+SEST", "fwfm+sest"},
		{"FwFM+SEST, V = E (control: two streams, no SEST)", "fwfm+sest-v-eq-e"},
		{"FwFM+SEST, SEST per coordinate", "fwfm+sest-sest-per-coordinate"},
		{"FiBiNET", "fibinet"},
		{"FiBiSEST", "fibisest"},
	}},
	{ID: "table5", Title: paperTitle("table5"), Rows: []expRow{
		{"FwBI only", "fwbi-only"},
		{"MLP only", "mlp-only"},
		{"FwBI + MLP (no SEST; = FLEN)", "flsest-no-sest"},
		{"SEST + FwBI (no MLP)", "flsest-no-mlp"},
		{"SEST + MLP (no FwBI)", "flsest-no-fwbi"},
		{"FLSEST (all three)", "flsest"},
		{"two streams of FwBI + MLP, V = E (control)", "flsest-v-eq-e"},
	}, Note: ablationNote()},
	{ID: "figure5", Title: "Figure 5: neurons per MLP layer (two layers)", Fig: &figureSpec{
		Setting: "hidden", XLabel: "neurons per layer",
		Values: []string{"50,50", "100,100", "200,200", "300,300"}, Labels: []string{"50", "100", "200", "300"},
		Models: []string{"flsest", "deepfm", "flen"}}},
	{ID: "figure6", Title: "Figure 6: number of MLP layers (200 neurons each)", Fig: &figureSpec{
		Setting: "hidden", XLabel: "layers",
		Values: []string{"200", "200,200", "200,200,200", "200,200,200,200"}, Labels: []string{"1", "2", "3", "4"},
		Models: []string{"flsest", "deepfm", "flen"}}},
	{ID: "figure7", Title: "Figure 7: MLP activation", Fig: &figureSpec{
		Setting: "activation", XLabel: "activation",
		Values: []string{"relu", "tanh", "sigmoid"}, Labels: []string{"ReLU", "Tanh", "Sigmoid"},
		Models: []string{"flsest", "deepfm", "flen"}}},
	{ID: "figure8", Title: "Figure 8: dropout rate (FLSEST)", Fig: &figureSpec{
		Setting: "dropout", XLabel: "dropout",
		Values: []string{"0", "0.1", "0.3", "0.5", "0.7", "0.9"}, Labels: []string{"0", "0.1", "0.3", "0.5", "0.7", "0.9"},
		Models: []string{"flsest"}}},
	{ID: "figure9", Title: "Figure 9: learning rate (FLSEST)", Fig: &figureSpec{
		Setting: "lr", XLabel: "learning rate",
		Values: []string{"0.00001", "0.0001", "0.001", "0.01"}, Labels: []string{"1e-5", "1e-4", "1e-3", "1e-2"},
		Models: []string{"flsest"}}},
}

// plugInControlNote says what the plug-ins' V = E controls measure.
const plugInControlNote = "The control rows feed the second stream E instead of SEST(E). Unlike FLSEST's, these second streams add no capacity: " +
	"FM has no weights of its own, and a layer over both copies of E sums to one layer over E (FwFM's r + r′, the MLP's first layer W + W′), " +
	"so each control is its base model reparametrized (the two-stream terms counted twice, their own initialisation and dropout masks). " +
	"That is not neutral in training: where a control moves as far from its base model as the +SEST row does, the two streams, not SEST, " +
	"explain the gain. The claims table below pairs each +SEST row with its control."

// paperTitle is the title of the paper's table id.
func paperTitle(id string) string {
	t, _ := engine.Paper().Table(id)
	return t.Title
}

// paperResult is what the paper's table reports for a row's model on
// dataset kind; false if the table has no such row.
func (e experiment) paperResult(model, kind string) (api.PaperResult, bool) {
	t, _ := engine.Paper().Table(e.ID)
	return t.Result(model, kind)
}

// ablationNote says which of Table 5's rows on MovieLens-100k are matched.
func ablationNote() string {
	t, _ := engine.Paper().Table("table5")
	var rows []string
	for _, r := range t.Rows {
		for _, x := range r.Results {
			if x.Dataset == api.DatasetMovieLens100k {
				rows = append(rows, strings.TrimSpace(fmt.Sprintf("%s %.4f / %.4f", r.Name, x.AUC, x.LogLoss)))
			}
		}
	}
	n := len(rows)
	return fmt.Sprintf("The paper's Table 5 lists %s rows for MovieLens-100k — %s and %s — but its ✓ marks did not survive, "+
		"so which components each of the first %s rows has is unknown; only the full model is matched here.",
		countWord(n), strings.Join(rows[:n-1], ", "), rows[n-1], countWord(n-1))
}

// countWord spells a small count.
func countWord(n int) string {
	if words := []string{"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}; n < len(words) {
		return words[n]
	}
	return fmt.Sprint(n)
}

// logSize reports whether the paper's table reports LogSize (Table 4).
func (e experiment) logSize() bool {
	t, _ := engine.Paper().Table(e.ID)
	for _, r := range t.Rows {
		for _, x := range r.Results {
			if x.LogSizeMB > 0 {
				return true
			}
		}
	}
	return false
}
