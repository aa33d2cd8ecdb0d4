package panels

import (
	"github.com/flsest/flsest/ui/charts"
	"github.com/flsest/flsest/ui/state"
)

// curveSeries turns the store's loss points and epoch history into series.
func curveSeries(s *state.Store) (loss, auc, logloss []charts.Series) {
	l := charts.Series{Name: "loss (recent batches)", Class: "s1"}
	for _, p := range s.Loss {
		l.X, l.Y = append(l.X, p.Step), append(l.Y, p.Loss)
	}
	a := charts.Series{Name: "AUC", Class: "s2"}
	g := charts.Series{Name: "LogLoss", Class: "s3"}
	for _, e := range s.State.History {
		x := float64(e.Epoch)
		a.X, a.Y = append(a.X, x), append(a.Y, e.ValAUC)
		g.X, g.Y = append(g.X, x), append(g.Y, e.ValLogLoss)
	}
	return []charts.Series{l}, []charts.Series{a}, []charts.Series{g}
}
