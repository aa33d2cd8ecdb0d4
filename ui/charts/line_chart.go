package charts

import (
	"encoding/json"
	"math"

	"github.com/flsest/flsest/ui/format"
	"github.com/flsest/flsest/ui/plot"
	"github.com/vugu/vugu"
)

// Series is one line: points (X[i], Y[i]).
type Series struct {
	Name  string
	Class string // CSS class of the line (colour)
	X, Y  []float64
}

// LineChart draws series on shared axes, with a hover readout per x.
type LineChart struct {
	ID, Title, XLabel string
	Series            []Series
	YDecimals         int  // decimals of the hover readout
	Width, Height     int  // viewBox size; 0 → 320×150
	XIntegers         bool // x is a count (epochs): integer ticks only

	viewBox          string
	left, right      string
	yTicks, xTicks   []tick
	paths            []pathView
	hoverPX, hoverTT string
	hoverW           string
	empty            bool
}

type tick struct{ X, Y, Label string }

type pathView struct{ D, Class string }

const (
	padLeft, padRight, padTop, padBottom = 40.0, 8.0, 8.0, 22.0
)

// Compute lays the chart out before each build.
func (c *LineChart) Compute(ctx vugu.ComputeCtx) { c.layout() }

func (c *LineChart) layout() {
	w, h := float64(c.Width), float64(c.Height)
	if w == 0 {
		w, h = 320, 150
	}
	c.viewBox = "0 0 " + format.SVG(w) + " " + format.SVG(h)
	c.left, c.right = format.SVG(padLeft), format.SVG(w-padRight)
	var xs, ys [][]float64
	n := 0
	for _, s := range c.Series {
		xs, ys = append(xs, s.X), append(ys, s.Y)
		n += len(s.Y)
	}
	c.empty = n == 0
	c.paths, c.yTicks, c.xTicks = c.paths[:0], c.yTicks[:0], c.xTicks[:0]
	if c.empty {
		c.hoverPX, c.hoverTT = "[]", "[]"
		return
	}
	x0, x1 := plot.Extent(xs...)
	y0, y1 := plot.Extent(ys...)
	sx := plot.Linear{D0: x0, D1: x1, R0: padLeft, R1: w - padRight}
	sy := plot.Linear{D0: y0, D1: y1, R0: h - padBottom, R1: padTop}
	yt, yd := plot.Ticks(y0, y1, 4)
	for _, v := range yt {
		c.yTicks = append(c.yTicks, tick{X: format.SVG(padLeft - 4), Y: format.SVG(sy.At(v)), Label: format.Fixed(v, yd)})
	}
	xt, xd := plot.Ticks(x0, x1, 5)
	for _, v := range xt {
		if c.XIntegers && v != math.Round(v) {
			continue
		}
		if c.XIntegers {
			xd = 0
		}
		c.xTicks = append(c.xTicks, tick{X: format.SVG(sx.At(v)), Y: format.SVG(h - 6), Label: format.Fixed(v, xd)})
	}
	for _, s := range c.Series {
		c.paths = append(c.paths, pathView{D: plot.Path(s.X, s.Y, sx, sy), Class: s.Class})
	}
	// Hover: one readout per x of the first series (at most maxHover, evenly
	// thinned: Vugu's renderer takes at most 16 KB per DOM instruction),
	// with every series' value at that x.
	var px []float64
	var tips []string
	if len(c.Series) > 0 {
		xs := c.Series[0].X
		stride := (len(xs) + maxHover - 1) / maxHover
		for i := 0; i < len(xs); i += max(stride, 1) {
			x := xs[i]
			tip := c.XLabel + " " + format.Fixed(x, 0)
			for _, s := range c.Series {
				if j := indexOf(s.X, x, i); j >= 0 && j < len(s.Y) {
					tip += " · " + s.Name + " " + format.Fixed(s.Y[j], c.YDecimals)
				}
			}
			px = append(px, math.Round(sx.At(x)*10)/10)
			tips = append(tips, tip)
		}
	}
	c.hoverPX, c.hoverTT, c.hoverW = jsonAttr(px), jsonAttr(tips), format.SVG(w)
}

// maxHover caps the hover readouts a chart carries in its attributes.
const maxHover = 120

// jsonAttr encodes v for a data- attribute.
func jsonAttr(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// indexOf finds x in xs, trying hint first.
func indexOf(xs []float64, x float64, hint int) int {
	if hint < len(xs) && xs[hint] == x {
		return hint
	}
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}
