package panels

import (
	"math"
	"strings"

	"github.com/flsest/flsest/ui/format"
)

// A chart of per-field measures side by side: one column per measure, one
// row per field, each column's bars one <path> and its error bars another,
// so 8 fields × 4 measures stay a few dozen elements.

// measure is one column: a value and a spread (NaN: none) per field.
type measure struct {
	Title  string
	Mean   []float64 // NaN: not known (yet)
	Spread []float64 // ± around Mean; NaN or 0: no error bar
	Mark   float64   // a reference line (NaN: none), e.g. σ(0) = 0.5
	Max    float64   // the axis reaches at least this (0: the data's top); a sigmoid's 1
}

// chartText is one label.
type chartText struct {
	X, Y, Text, Anchor string
}

// measureChart is a drawn chart.
type measureChart struct {
	Width, Height string
	Labels        []chartText // field names, column titles, column maxima
	Bars, Errors  []string    // one path per column
	Rules         string      // zero and reference lines, one path
	ErrorBars     int         // error bars drawn (a test reads it)
}

// Geometry of the chart, in px.
const (
	chartLabelW, chartColW, chartGap = 92.0, 118.0, 18.0
	chartRowH, chartTop, chartBarH   = 20.0, 34.0, 11.0
)

// drawMeasures lays out the columns for the fields.
func drawMeasures(fields []string, cols []measure) measureChart {
	bottom := chartTop + chartRowH*float64(len(fields))
	ch := measureChart{Width: format.SVG(chartLabelW + float64(len(cols))*(chartColW+chartGap)), Height: format.SVG(bottom + 4)}
	for i, f := range fields {
		ch.Labels = append(ch.Labels, chartText{X: format.SVG(chartLabelW - 6), Y: format.SVG(chartTop + chartRowH*float64(i) + chartRowH/2 + 4), Text: f, Anchor: "end"})
	}
	var rules strings.Builder
	for j, m := range cols {
		x0 := chartLabelW + float64(j)*(chartColW+chartGap)
		lo, hi := 0.0, 0.0
		for i := range m.Mean {
			if math.IsNaN(m.Mean[i]) {
				continue
			}
			s := spreadOf(m, i)
			lo, hi = math.Min(lo, m.Mean[i]-s), math.Max(hi, m.Mean[i]+s)
		}
		if !math.IsNaN(m.Mark) {
			hi = math.Max(hi, m.Mark)
		}
		hi = math.Max(hi, m.Max)
		if hi-lo <= 0 {
			hi = lo + 1
		}
		x := func(v float64) float64 { return x0 + (v-lo)/(hi-lo)*chartColW }
		ch.Labels = append(ch.Labels, chartText{X: format.SVG(x0), Y: "12", Text: m.Title, Anchor: "start"},
			chartText{X: format.SVG(x0 + chartColW), Y: "28", Text: format.Sig(hi, 2), Anchor: "end"})
		if lo < 0 {
			ch.Labels = append(ch.Labels, chartText{X: format.SVG(x0), Y: "28", Text: format.Sig(lo, 2), Anchor: "start"})
		}
		rules.WriteString("M" + format.SVG(x(0)) + " " + format.SVG(chartTop-2) + "V" + format.SVG(bottom))
		if !math.IsNaN(m.Mark) {
			rules.WriteString("M" + format.SVG(x(m.Mark)) + " " + format.SVG(chartTop-2) + "V" + format.SVG(bottom))
		}
		var bars, errs strings.Builder
		for i, v := range m.Mean {
			if math.IsNaN(v) {
				continue
			}
			yc := chartTop + chartRowH*float64(i) + chartRowH/2
			a, b := x(0), x(v)
			if b < a {
				a, b = b, a
			}
			bars.WriteString("M" + format.SVG(a) + " " + format.SVG(yc-chartBarH/2) + "H" + format.SVG(math.Max(b, a+0.5)) +
				"V" + format.SVG(yc+chartBarH/2) + "H" + format.SVG(a) + "Z")
			if s := spreadOf(m, i); s > 0 {
				l, r := format.SVG(x(v-s)), format.SVG(x(v+s))
				t, u := format.SVG(yc-4), format.SVG(yc+4)
				errs.WriteString("M" + l + " " + format.SVG(yc) + "H" + r + "M" + l + " " + t + "V" + u + "M" + r + " " + t + "V" + u)
				ch.ErrorBars++
			}
		}
		ch.Bars, ch.Errors = append(ch.Bars, bars.String()), append(ch.Errors, errs.String())
	}
	ch.Rules = rules.String()
	return ch
}

func spreadOf(m measure, i int) float64 {
	if i >= len(m.Spread) || math.IsNaN(m.Spread[i]) || m.Spread[i] < 0 {
		return 0
	}
	return m.Spread[i]
}
