package panels

import (
	"math"
	"strings"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/format"
	"github.com/flsest/flsest/ui/plot"
)

// SEST per coordinate (GET /api/sest): a heat strip per field of the
// threshold ratio a and the SE weight a′ per embedding coordinate (one
// cell per field under the per-field reading), the excitations before
// their sigmoids, and the hidden units' activity, with why the weights sit
// where they do.

// Readings of SEST (api.SESTReport.Granularity).
const (
	readingField      = "field"
	readingCoordinate = "coordinate"
)

// stripRow is one field's two strips (cells of a, then of a′), their
// exact values and the texts beside them.
type stripRow struct {
	Name   string    `json:"name"`
	Y      float64   `json:"y"`
	A      []float64 `json:"a"`
	SE     []float64 `json:"se"`
	Zeroed []float64 `json:"zeroed"` // share of samples zeroing each coordinate (per coordinate only)
	AFill  []string  `json:"aFill"`
	SEFill []string  `json:"seFill"`
	UText  string    `json:"uText"`
	SUText string    `json:"suText"`
}

// stripsLayout is what assets/views.js needs to draw the strips.
type stripsLayout struct {
	W       float64    `json:"w"`
	H       float64    `json:"h"`
	RowH    float64    `json:"rowH"`
	CellH   float64    `json:"cellH"`
	AX      float64    `json:"aX"`
	SEX     float64    `json:"seX"`
	StripW  float64    `json:"stripW"`
	UX      float64    `json:"uX"`
	SUX     float64    `json:"suX"`
	Heads   []sestHead `json:"heads"`
	Rows    []stripRow `json:"rows"`
	Legend  []string   `json:"legend"`       // the colour scale from 0.5 − Span to 0.5 + Span
	Labels  []string   `json:"legendLabels"` // its low, middle and high values
	Span    float64    `json:"span"`
	Reading string     `json:"reading"`
}

// sestCoordView is the panel's text.
type sestCoordView struct {
	Reading, Units, Why string
}

// sestCoordinatesPanel lays out r; biases says whether the excitation
// layers have biases (the excitation_bias setting).
func sestCoordinatesPanel(r *api.SESTReport, biases bool) (sestCoordView, stripsLayout) {
	l := stripsLayout{W: 720, H: 40, RowH: 24, CellH: 16, AX: 96, SEX: 306, StripW: 196, UX: 512, SUX: 616,
		Heads: []sestHead{{96, "threshold ratio a"}, {306, "SE weight a′"}, {512, "u (before σ)"}, {616, "u′ (before σ2)"}}}
	if r == nil || len(r.Fields) == 0 {
		return sestCoordView{}, l
	}
	// The colours span the largest distance from 0.5 (at least 0.01), so
	// small differences between coordinates show.
	l.Span = 0.01
	for _, f := range r.Fields {
		for _, xs := range [][]float64{f.ACoord, f.SEWeightCoord, {f.A.Mean, f.SEWeight.Mean}} {
			for _, x := range xs {
				l.Span = math.Max(l.Span, math.Abs(x-0.5))
			}
		}
	}
	for i := 0; i <= 10; i++ {
		l.Legend = append(l.Legend, plot.AroundHalf(0.5+l.Span*(float64(i)/5-1), l.Span))
	}
	l.Labels = []string{format.Fixed(0.5-l.Span, 3), "0.5", format.Fixed(0.5+l.Span, 3)}
	l.Reading = r.Granularity
	v := sestCoordView{Reading: "Reading shown: per field — one a and one a′ per field (each strip is one cell). " +
		"Set “SEST granularity” to coordinate for the paper's eq 7, a_i ∈ R^k: one a and a′ per embedding coordinate."}
	if r.Granularity == readingCoordinate {
		v.Reading = "Reading shown: per coordinate — the paper's eq 7, a_i ∈ R^k: one a and a′ per embedding coordinate, " +
			"each cell a mean over " + format.Int(r.N) + " validation ratings."
	}
	for i, f := range r.Fields {
		row := stripRow{Name: f.Name, Y: 24 + float64(i)*l.RowH, A: f.ACoord, SE: f.SEWeightCoord, Zeroed: f.ZeroedCoord,
			UText:  format.Signed(f.U.Mean, 3) + " ± " + format.Fixed(f.U.Std, 3),
			SUText: format.Signed(f.SEU.Mean, 3) + " ± " + format.Fixed(f.SEU.Std, 3)}
		if len(row.A) == 0 {
			row.A = []float64{f.A.Mean}
		}
		if len(row.SE) == 0 {
			row.SE = []float64{f.SEWeight.Mean}
		}
		for _, a := range row.A {
			row.AFill = append(row.AFill, plot.AroundHalf(a, l.Span))
		}
		for _, s := range row.SE {
			row.SEFill = append(row.SEFill, plot.AroundHalf(s, l.Span))
		}
		l.Rows = append(l.Rows, row)
	}
	l.H = 24 + float64(len(l.Rows))*l.RowH + 28
	v.Units = unitsText(r)
	v.Why = sestWhy(r, biases)
	return v, l
}

// maxListedUnits is how many units' shares unitsText lists one by one;
// past it, it counts them.
const maxListedUnits = 6

// unitsText gives each hidden unit's share of active samples, now and at
// step 0.
func unitsText(r *api.SESTReport) string {
	s := "Hidden units active (share of " + format.Int(r.N) + " samples, per unit): threshold branch " + shareList(r.Units.Threshold) +
		"; SE branch " + shareList(r.Units.SE) + "."
	if r.InitialUnits != nil {
		s += " At step 0: " + shareList(r.InitialUnits.Threshold) + "; " + shareList(r.InitialUnits.SE) + "."
	}
	return s
}

// shareList lists units' shares of active samples, or, for many units,
// counts how many are always, never and sometimes active.
func shareList(xs []float64) string {
	if len(xs) > maxListedUnits {
		always, never := 0, 0
		for _, x := range xs {
			if x == 1 {
				always++
			} else if x == 0 {
				never++
			}
		}
		return format.Int(len(xs)) + " units: " + format.Int(always) + " active in every sample, " + format.Int(never) +
			" in none, " + format.Int(len(xs)-always-never) + " in some"
	}
	var out []string
	for _, x := range xs {
		out = append(out, format.Percent(x, 1))
	}
	return strings.Join(out, ", ")
}

// sestWhy says, from the numbers, why the threshold ratios sit where they
// do: without biases u = W_up·ReLU(W_down·z) (eq 2) is exactly 0 in every
// sample where no unit is active, and a = σ(0) = 0.5 there; the union
// bound gives the share of such samples at least 1 − Σ shares.
func sestWhy(r *api.SESTReport, biases bool) string {
	aLo, aHi := math.Inf(1), math.Inf(-1)
	cLo, cHi := math.Inf(1), math.Inf(-1)
	for _, f := range r.Fields {
		aLo, aHi = math.Min(aLo, f.A.Mean), math.Max(aHi, f.A.Mean)
		for _, a := range f.ACoord {
			cLo, cHi = math.Min(cLo, a), math.Max(cHi, a)
		}
	}
	sum := 0.0
	for _, x := range r.Units.Threshold {
		sum += x
	}
	silent := math.Max(0, 1-sum)
	var s string
	if biases {
		s = "With excitation biases, u is not 0 when no hidden unit fires, so a need not sit at 0.5. "
	} else {
		s = "The threshold excitation u = W_up·ReLU(W_down·z) has no bias (eq 2): in a sample where none of its " +
			format.Int(len(r.Units.Threshold)) + " hidden units is active, u = 0 for every field and a = σ(0) = 0.5 exactly. "
		if silent > 0 {
			s += "Here their shares of active samples add up to " + format.Percent(sum, 1) + ", so at most that share has any unit active: in at least " +
				format.Percent(silent, 1) + " of the samples every a is exactly 0.5. "
		} else {
			busy := 0
			for _, x := range r.Units.Threshold {
				if x > 0.5 {
					busy++
				}
			}
			s += "Here " + format.Int(busy) + " of them are active in more than half the samples, so u is seldom pinned at 0. "
		}
	}
	if aHi-aLo < 0.01 && math.Abs(aLo-0.5) < 0.01 && math.Abs(aHi-0.5) < 0.01 {
		s += "That is why the per-field means of a sit at " + format.Fixed(aLo, 4) + "–" + format.Fixed(aHi, 4) + "."
	} else {
		s += "The per-field means of a range " + format.Fixed(aLo, 4) + "–" + format.Fixed(aHi, 4) + ": the weights moved away from 0.5."
	}
	seNeutral, uMax := true, 0.0
	for _, f := range r.Fields {
		seNeutral = seNeutral && math.Abs(f.SEWeight.Mean-0.5) < 0.01
		uMax = math.Max(uMax, math.Abs(f.SEU.Mean))
	}
	if seNeutral && !biases {
		seSum := 0.0
		for _, x := range r.Units.SE {
			seSum += x
		}
		how := "fire"
		if seSum > sum {
			how = "fire more often"
		}
		s += " The SE branch's units " + how + " (" + shareList(r.Units.SE) + "), but its u′ stay small (|mean| at most " +
			format.Fixed(uMax, 3) + " per field), so a′ stays near 0.5 too."
	}
	if r.Granularity == readingCoordinate && !math.IsInf(cLo, 0) {
		s += " Per coordinate, a ranges " + format.Fixed(cLo, 3) + "–" + format.Fixed(cHi, 3) + "."
	}
	return s
}
