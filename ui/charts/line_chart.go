package charts

import (
	"math"

	"github.com/flsest/flsest/ui/format"
	"github.com/flsest/flsest/ui/plot"
	"github.com/vugu/vugu"
	js "github.com/vugu/vugu/js"
)

// Series is one line: points (X[i], Y[i]).
type Series struct {
	Name  string
	Class string // CSS class of the line's colour (s1 … s6)
	X, Y  []float64
}

// LineChart draws series on shared axes into a canvas, with a readout of
// every series at the x nearest the mouse. It lays the chart out again
// only when Version changes (the parent counts its data's changes).
type LineChart struct {
	ID, Title, XLabel string
	Series            []Series
	Version           int  // changes whenever Series does
	YDecimals         int  // decimals of the hover readout
	Width, Height     int  // layout size; 0 → 320×150
	XIntegers         bool // x is a count (epochs): integer ticks only

	laidOut bool
	version int
	plot    Island
}

// lineLayout is what assets/charts.js needs to draw a line chart; the
// values are each series' X then Y.
type lineLayout struct {
	W         float64     `json:"w"`
	H         float64     `json:"h"`
	Left      float64     `json:"left"`
	Right     float64     `json:"right"`
	XS, YS    plot.Linear `json:"-"`
	XScale    scaleJSON   `json:"xs"`
	YScale    scaleJSON   `json:"ys"`
	YTicks    []tickJSON  `json:"yTicks"`
	XTicks    []tickJSON  `json:"xTicks"`
	Series    []seriesJS  `json:"series"`
	XLabel    string      `json:"xLabel"`
	XDecimals int         `json:"xDecimals"`
	YDecimals int         `json:"yDecimals"`
}

type scaleJSON struct {
	D0 float64 `json:"d0"`
	D1 float64 `json:"d1"`
	R0 float64 `json:"r0"`
	R1 float64 `json:"r1"`
}

type tickJSON struct {
	At    float64 `json:"at"`
	Label string  `json:"label"`
}

type seriesJS struct {
	Name  string `json:"name"`
	Class string `json:"cls"`
	N     int    `json:"n"`
}

const (
	padLeft, padRight, padTop, padBottom = 40.0, 8.0, 8.0, 22.0
)

// Compute lays the chart out when its data changed.
func (c *LineChart) Compute(ctx vugu.ComputeCtx) {
	if c.laidOut && c.version == c.Version {
		return
	}
	c.laidOut, c.version = true, c.Version
	l, values := c.layout()
	c.plot.Set("line", l, values)
}

func (c *LineChart) populate(host js.Value) { c.plot.Populate(c.ID, host) }

func (c *LineChart) layout() (lineLayout, []float64) {
	w, h := float64(c.Width), float64(c.Height)
	if w == 0 {
		w, h = 320, 150
	}
	l := lineLayout{W: w, H: h, Left: padLeft, Right: w - padRight, XLabel: c.XLabel, YDecimals: c.YDecimals}
	var xs, ys [][]float64
	var values []float64
	for _, s := range c.Series {
		n := min(len(s.X), len(s.Y))
		xs, ys = append(xs, s.X[:n]), append(ys, s.Y[:n])
		values = append(append(values, s.X[:n]...), s.Y[:n]...)
		l.Series = append(l.Series, seriesJS{Name: s.Name, Class: s.Class, N: n})
	}
	x0, x1 := plot.Extent(xs...)
	y0, y1 := plot.Extent(ys...)
	l.XS = plot.Linear{D0: x0, D1: x1, R0: padLeft, R1: w - padRight}
	l.YS = plot.Linear{D0: y0, D1: y1, R0: h - padBottom, R1: padTop}
	l.XScale, l.YScale = scaleJSON(l.XS), scaleJSON(l.YS)
	if len(values) == 0 {
		return l, nil
	}
	yt, yd := plot.Ticks(y0, y1, 4)
	for _, v := range yt {
		l.YTicks = append(l.YTicks, tickJSON{At: v, Label: format.Fixed(v, yd)})
	}
	xt, xd := plot.Ticks(x0, x1, 5)
	if c.XIntegers {
		xd = 0
	}
	for _, v := range xt {
		if c.XIntegers && v != math.Round(v) {
			continue
		}
		l.XTicks = append(l.XTicks, tickJSON{At: v, Label: format.Fixed(v, xd)})
	}
	return l, values
}
