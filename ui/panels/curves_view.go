package panels

import (
	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/charts"
	"github.com/flsest/flsest/ui/state"
)

// lossSeries is the training-loss curve.
func lossSeries(loss []state.Point) []charts.Series {
	l := charts.Series{Name: "loss (recent batches)", Class: "s1"}
	for _, p := range loss {
		l.X, l.Y = append(l.X, p.Step), append(l.Y, p.Loss)
	}
	return []charts.Series{l}
}

// historySeries is validation AUC and LogLoss per epoch.
func historySeries(history []api.EpochResult) (auc, logloss []charts.Series) {
	a := charts.Series{Name: "AUC", Class: "s2"}
	g := charts.Series{Name: "LogLoss", Class: "s3"}
	for _, e := range history {
		x := float64(e.Epoch)
		a.X, a.Y = append(a.X, x), append(a.Y, e.ValAUC)
		g.X, g.Y = append(g.X, x), append(g.Y, e.ValLogLoss)
	}
	return []charts.Series{a}, []charts.Series{g}
}
