package panels

import (
	"math"
	"strings"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/format"
)

// A waterfall from the base value to the prediction, one bar per field's
// φ, in logit units: rises one path, falls another, the connectors a third.

// waterfallView is a drawn waterfall.
type waterfallView struct {
	Width, Height      string
	Up, Down, Links    string      // paths
	Ends, Zero         string      // base and prediction bars; the logit-0 (P = 0.5) rule
	Rows               []chartText // one text per row: what it is and its value
	Variant, Base, Out string
}

// Geometry, in px.
const (
	wfLabelW, wfPlotW, wfValueW = 270.0, 230.0, 10.0
	wfRowH, wfTop, wfBarH       = 18.0, 6.0, 11.0
)

func waterfallOf(r *api.ShapleyResponse) waterfallView {
	n := len(r.Fields) + 2
	v := waterfallView{Width: format.SVG(wfLabelW + wfPlotW + wfValueW), Height: format.SVG(wfTop + wfRowH*float64(n) + 4)}
	lo, hi := math.Min(0, r.BaseLogit), math.Max(0, r.BaseLogit)
	c := r.BaseLogit
	for _, f := range r.Fields {
		c += f.Phi
		lo, hi = math.Min(lo, c), math.Max(hi, c)
	}
	lo, hi = math.Min(lo, r.Logit), math.Max(hi, r.Logit)
	if hi-lo <= 0 {
		hi = lo + 1
	}
	pad := (hi - lo) * 0.04
	lo, hi = lo-pad, hi+pad
	x := func(l float64) string { return format.SVG(wfLabelW + (l-lo)/(hi-lo)*wfPlotW) }
	yc := func(i int) float64 { return wfTop + wfRowH*float64(i) + wfRowH/2 }
	bar := func(b *strings.Builder, i int, a, z float64) {
		if z < a {
			a, z = z, a
		}
		t, u := format.SVG(yc(i)-wfBarH/2), format.SVG(yc(i)+wfBarH/2)
		b.WriteString("M" + x(a) + " " + t + "H" + x(z) + "V" + u + "H" + x(a) + "Z")
	}
	label := func(i int, name, value string) {
		v.Rows = append(v.Rows, chartText{X: format.SVG(wfLabelW - 6), Y: format.SVG(yc(i) + 4), Text: name + "  " + value, Anchor: "end"})
	}
	var up, down, links, ends strings.Builder
	bar(&ends, 0, 0, r.BaseLogit)
	label(0, "base (mean over "+variantRows(r)+")", format.Signed(r.BaseLogit, 3)+" · P "+format.Fixed(r.BaseProbability, 3))
	c = r.BaseLogit
	for i, f := range r.Fields {
		b := &up
		if f.Phi < 0 {
			b = &down
		}
		bar(b, i+1, c, c+f.Phi)
		links.WriteString("M" + x(c) + " " + format.SVG(yc(i)+wfBarH/2) + "V" + format.SVG(yc(i+1)-wfBarH/2))
		c += f.Phi
		label(i+1, f.Field+" = "+shorten(f.Value, 16), phiText(f.Phi))
	}
	links.WriteString("M" + x(c) + " " + format.SVG(yc(n-2)+wfBarH/2) + "V" + format.SVG(yc(n-1)-wfBarH/2))
	bar(&ends, n-1, 0, r.Logit)
	label(n-1, "prediction", format.Signed(r.Logit, 3)+" · P "+format.Fixed(r.Probability, 3))
	v.Up, v.Down, v.Links, v.Ends = up.String(), down.String(), links.String(), ends.String()
	v.Zero = "M" + x(0) + " 0V" + v.Height
	v.Base = "base logit " + format.Signed(r.BaseLogit, 4) + " (P " + format.Fixed(r.BaseProbability, 4) + ")"
	v.Out = "logit " + format.Signed(r.Logit, 4) + " (P " + format.Fixed(r.Probability, 4) + ")"
	if r.Variant == api.ShapleyReference {
		v.Variant = "Against the reference point: each absent field takes the background's most frequent value (the instant answer, " + format.Seconds(r.Seconds) + ")."
	} else {
		v.Variant = "Over the full background: each absent field takes its values from " + format.Int(r.Background) + " validation rows (" + format.Seconds(r.Seconds) + ")."
	}
	return v
}

func variantRows(r *api.ShapleyResponse) string {
	if r.Variant == api.ShapleyReference {
		return "the reference"
	}
	return format.Int(r.Background) + " rows"
}

// shorten cuts s to n runes with an ellipsis.
func shorten(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// phiText writes φ with three decimals, or three significant digits when
// it is smaller than a thousandth (an untrained model's φ are tiny, and
// "+0.000" would hide their signs and order).
func phiText(phi float64) string {
	if a := math.Abs(phi); a > 0 && a < 0.001 {
		if phi > 0 {
			return "+" + format.Sig(phi, 3)
		}
		return format.Sig(phi, 3)
	}
	return format.Signed(phi, 3)
}
