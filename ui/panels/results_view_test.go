package panels

import (
	"strings"
	"testing"

	"github.com/flsest/flsest/engine/api"
)

// The results note quotes Table 1's FLSEST numbers when the page has the
// paper, and leaves the sentence out while it has not.
func TestResultsQuoteThePaper(t *testing.T) {
	r := &api.Result{BestEpoch: 3, ValAUC: 0.78, TestAUC: 0.785, TestLogLoss: 0.556, Parameters: 100, EpochSeconds: 2, SamplesPerSec: 5000}
	v := resultsViewOf(r, 100, api.DatasetInfo{}, "1024", testPaper)
	if !strings.Contains(v.Note, "(validation AUC 0.7800). The paper reports 0.7123 / 0.5456 on its own split of MovieLens-100k (Table 1). 100 parameters;") {
		t.Errorf("note %q", v.Note)
	}
	v = resultsViewOf(r, 100, api.DatasetInfo{}, "1024", api.Paper{})
	if strings.Contains(v.Note, "paper") || !strings.Contains(v.Note, "(validation AUC 0.7800). 100 parameters;") {
		t.Errorf("note without the paper %q", v.Note)
	}
}
