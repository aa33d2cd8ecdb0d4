package panels

import (
	"cmp"
	"math"
	"slices"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/format"
)

// The slices panel: validation AUC, LogLoss, positive rate and calibration
// per value of one field, sorted, drawn into a canvas (assets/views.js).

// Sort orders of the slices, worst first where "worst" means something.
const (
	SortAUC         = "auc"         // lowest AUC first (undefined AUC last)
	SortCalibration = "calibration" // largest |mean prediction − positive rate| first
	SortLogLoss     = "logloss"     // highest LogLoss first
	SortCount       = "count"       // largest first
	SortValue       = "value"       // the field's own order
)

var sliceSorts = []string{SortAUC, SortCalibration, SortLogLoss, SortCount, SortValue}

// minVerdictCount is the smallest slice the verdict names: on fewer
// ratings an AUC is mostly noise.
const minVerdictCount = 100

// sliceRow is one slice's row of the chart, with its exact numbers (tests
// compare them with the API) and the hover readout.
type sliceRow struct {
	Value          string   `json:"value"`
	Count          int      `json:"count"`
	AUC            *float64 `json:"auc"`
	LogLoss        float64  `json:"logloss"`
	PositiveRate   float64  `json:"positiveRate"`
	MeanPrediction float64  `json:"meanPrediction"`
	Y              float64  `json:"y"`
	CountText      string   `json:"countText"`
	AUCText        string   `json:"aucText"`
	AUCX           float64  `json:"aucX"` // −1: no AUC
	LogLossText    string   `json:"loglossText"`
	LogLossW       float64  `json:"loglossW"`
	ObservedX      float64  `json:"observedX"`
	PredictedX     float64  `json:"predictedX"`
	CalText        string   `json:"calText"`
	Tip            string   `json:"tip"`
}

// slicesLayout is what assets/views.js needs to draw the slices.
type slicesLayout struct {
	W     float64    `json:"w"`
	H     float64    `json:"h"`
	RowH  float64    `json:"rowH"`
	Top   float64    `json:"top"`
	Heads []sestHead `json:"heads"`
	Cols  sliceCols  `json:"cols"`
	AUC   stripScale `json:"auc"` // AUC's strip: where 0.5 and the ticks sit
	Rows  []sliceRow `json:"rows"`
}

type sliceCols struct {
	Label, Count, AUC, AUCW, AUCText, LogLoss, LogLossW, LogLossText, Cal, CalW, CalText float64
}

// stripScale maps [Lo, Hi] onto [X, X+W].
type stripScale struct {
	Lo, Hi, X, W float64
}

func (s stripScale) at(v float64) float64 {
	return s.X + s.W*math.Max(0, math.Min(1, (v-s.Lo)/(s.Hi-s.Lo)))
}

var sliceColumns = sliceCols{Label: 150, Count: 210, AUC: 222, AUCW: 130, AUCText: 358, LogLoss: 412, LogLossW: 50, LogLossText: 466,
	Cal: 512, CalW: 110, CalText: 630}

// slicesView is the panel's text.
type slicesView struct {
	Fields       []string // the slicings offered
	Scope, Sum   string
	Verdict      string
	Field, Order string // what is shown
}

// slicesPanel lays out one slicing of r (field; "" or unknown: the first),
// sorted by order.
func slicesPanel(r *api.SlicesReport, field, order string) (slicesView, slicesLayout) {
	c := sliceColumns
	l := slicesLayout{W: 720, H: 40, RowH: 20, Top: 26, Cols: c,
		AUC: stripScale{Lo: 0.4, Hi: 1, X: c.AUC, W: c.AUCW},
		Heads: []sestHead{{c.Label, "value"}, {c.Count, "ratings"}, {c.AUC, "AUC (| at 0.5)"}, {c.LogLoss, "LogLoss"},
			{c.Cal, "● predicted ○ observed"}}}
	if r == nil || len(r.Slicings) == 0 {
		return slicesView{}, l
	}
	v := slicesView{Order: order}
	if !slices.Contains(sliceSorts, order) {
		v.Order = SortAUC
	}
	s := r.Slicings[0]
	for _, sl := range r.Slicings {
		v.Fields = append(v.Fields, sl.Field)
		if sl.Field == field {
			s = sl
		}
	}
	v.Field = s.Field
	v.Scope = "on " + format.Int(r.N) + " validation ratings, step " + format.Int(r.Step)
	total := 0
	for _, x := range s.Slices {
		total += x.Count
	}
	if s.Multi {
		v.Sum = "A rating counts in each of its " + s.Field + "' slices: " + format.Int(total) + " (rating, value) pairs over " +
			format.Int(r.N) + " ratings."
	} else {
		v.Sum = "The counts add up to " + format.Int(total) + " of the " + format.Int(r.N) + " validation ratings."
	}
	sorted := sortSlices(s.Slices, v.Order)
	llMax := 0.0
	for _, x := range sorted {
		llMax = math.Max(llMax, x.LogLoss)
	}
	cal := stripScale{Lo: 0, Hi: 1, X: c.Cal, W: c.CalW}
	for i, x := range sorted {
		row := sliceRow{Value: x.Value, Count: x.Count, AUC: x.AUC, LogLoss: x.LogLoss, PositiveRate: x.PositiveRate, MeanPrediction: x.MeanPrediction,
			Y: l.Top + float64(i)*l.RowH, CountText: format.Int(x.Count), AUCText: "— one class", AUCX: -1,
			LogLossText: format.Fixed(x.LogLoss, 3), LogLossW: c.LogLossW * safeDiv(x.LogLoss, llMax),
			ObservedX: cal.at(x.PositiveRate), PredictedX: cal.at(x.MeanPrediction),
			CalText: format.Signed(x.MeanPrediction-x.PositiveRate, 3)}
		auc := "undefined (only one class: " + format.Int(x.Positives) + " of " + format.Int(x.Count) + " liked)"
		if x.AUC != nil {
			row.AUCText, row.AUCX, auc = format.Fixed(*x.AUC, 4), l.AUC.at(*x.AUC), format.Fixed(*x.AUC, 4)
		}
		row.Tip = s.Field + " = " + x.Value + ": " + format.Int(x.Count) + " ratings, AUC " + auc + ", LogLoss " + format.Fixed(x.LogLoss, 4) +
			", mean prediction " + format.Fixed(x.MeanPrediction, 3) + " vs observed " + format.Fixed(x.PositiveRate, 3)
		l.Rows = append(l.Rows, row)
	}
	l.H = l.Top + float64(len(l.Rows))*l.RowH + 8
	v.Verdict = slicesVerdict(s)
	return v, l
}

// sortSlices returns the slices in order (a stable sort: ties keep the
// field's own order).
func sortSlices(in []api.Slice, order string) []api.Slice {
	out := slices.Clone(in)
	gap := func(x api.Slice) float64 { return math.Abs(x.MeanPrediction - x.PositiveRate) }
	slices.SortStableFunc(out, func(a, b api.Slice) int {
		switch order {
		case SortAUC:
			switch {
			case a.AUC == nil && b.AUC == nil:
				return 0
			case a.AUC == nil:
				return 1
			case b.AUC == nil:
				return -1
			}
			return cmp.Compare(*a.AUC, *b.AUC)
		case SortCalibration:
			return cmp.Compare(gap(b), gap(a))
		case SortLogLoss:
			return cmp.Compare(b.LogLoss, a.LogLoss)
		case SortCount:
			return cmp.Compare(b.Count, a.Count)
		}
		return 0
	})
	return out
}

// slicesVerdict names, among the slices of at least minVerdictCount
// ratings, the worst and best AUC and the worst calibration.
func slicesVerdict(s api.Slicing) string {
	var lo, hi, off *api.Slice
	undefined := 0
	for i := range s.Slices {
		x := &s.Slices[i]
		if x.AUC == nil {
			undefined++
		}
		if x.Count < minVerdictCount {
			continue
		}
		if x.AUC != nil && (lo == nil || *x.AUC < *lo.AUC) {
			lo = x
		}
		if x.AUC != nil && (hi == nil || *x.AUC > *hi.AUC) {
			hi = x
		}
		if off == nil || math.Abs(x.MeanPrediction-x.PositiveRate) > math.Abs(off.MeanPrediction-off.PositiveRate) {
			off = x
		}
	}
	if lo == nil {
		return "No " + s.Field + " slice has " + format.Int(minVerdictCount) + " ratings with both classes: too few to compare."
	}
	out := "Among slices of at least " + format.Int(minVerdictCount) + " ratings, the model ranks worst for " + s.Field + " = " + lo.Value +
		" (AUC " + format.Fixed(*lo.AUC, 3) + ", " + format.Int(lo.Count) + " ratings) and best for " + hi.Value +
		" (AUC " + format.Fixed(*hi.AUC, 3) + ", " + format.Int(hi.Count) + "). Its calibration is furthest off for " + off.Value +
		": it predicts " + format.Fixed(off.MeanPrediction, 3) + " on average where " + format.Fixed(off.PositiveRate, 3) + " liked."
	if undefined > 0 {
		out += " " + format.Int(undefined) + " slice(s) hold one class only: their AUC is undefined, shown as —."
	}
	return out
}
