package charts

import (
	"math"

	"github.com/flsest/flsest/ui/format"
	"github.com/flsest/flsest/ui/plot"
	"github.com/vugu/vugu"
	js "github.com/vugu/vugu/js"
)

// Heatmap draws a matrix of signed values into a canvas on a diverging
// scale centred at 0, with a legend and a readout of the cell under the
// mouse. A NaN value draws an empty (grey) cell. It lays the matrix out
// again only when Version changes.
type Heatmap struct {
	ID, Title, Note string
	Rows, Cols      []string
	Values          [][]float64
	Version         int     // changes whenever Rows, Cols, Values or Max do
	Max             float64 // the scale runs from −Max to +Max; 0: the largest |value|
	Decimals        int     // significant digits of the readout
	TipFormat       string  // "%r × %c" style label; %r and %c are replaced by the row and column names
	ShowValues      bool    // print values in the cells (small matrices)

	laidOut  bool
	version  int
	maxWidth string
	plot     Island
}

// heatLayout is what assets/charts.js needs to draw a heatmap; the values
// are the cells, row-major.
type heatLayout struct {
	W         float64      `json:"w"`
	H         float64      `json:"h"`
	LabelW    float64      `json:"labelW"`
	LabelH    float64      `json:"labelH"`
	Cell      float64      `json:"cell"`
	Rows      []string     `json:"rows"`
	Cols      []string     `json:"cols"`
	Colors    []string     `json:"colors"`
	Texts     []string     `json:"texts"`
	OnDark    []bool       `json:"onDark"`
	Legend    legendLayout `json:"legend"`
	TipFormat string       `json:"tipFormat"`
	Decimals  int          `json:"decimals"`
}

type legendLayout struct {
	Y        float64  `json:"y"`
	X0       float64  `json:"x0"`
	W        float64  `json:"w"`
	MinLabel string   `json:"min"`
	MaxLabel string   `json:"max"`
	Stops    []string `json:"stops"`
}

// Compute lays the heatmap out when its data changed.
func (c *Heatmap) Compute(ctx vugu.ComputeCtx) {
	if c.laidOut && c.version == c.Version {
		return
	}
	c.laidOut, c.version = true, c.Version
	l, values := c.layout()
	c.maxWidth = format.SVG(l.W * 1.4)
	c.plot.Set("heatmap", l, values)
}

func (c *Heatmap) populate(host js.Value) { c.plot.Populate(c.ID, host) }

func (c *Heatmap) layout() (heatLayout, []float64) {
	const labelW, labelH, maxCell, maxWidth = 80.0, 58.0, 56.0, 330.0
	R, C := len(c.Rows), len(c.Cols)
	l := heatLayout{W: 10, H: 10, LabelW: labelW, LabelH: labelH, Rows: c.Rows, Cols: c.Cols, TipFormat: c.TipFormat, Decimals: c.Decimals}
	if R == 0 || C == 0 {
		return l, nil
	}
	cs := math.Min(maxCell, (maxWidth-labelW)/float64(C))
	l.Cell = cs
	l.W = labelW + float64(C)*cs + 12
	m := c.Max
	if m == 0 {
		for _, row := range c.Values {
			for _, v := range row {
				if !math.IsNaN(v) {
					m = math.Max(m, math.Abs(v))
				}
			}
		}
	}
	values := make([]float64, 0, R*C)
	for i := range c.Rows {
		for j := range c.Cols {
			v := math.NaN()
			if i < len(c.Values) && j < len(c.Values[i]) {
				v = c.Values[i][j]
			}
			values = append(values, v)
			l.Colors = append(l.Colors, plot.Diverging(v, m))
			text, dark := "", false
			if c.ShowValues && !math.IsNaN(v) {
				text, dark = format.Fixed(v, 2), m > 0 && math.Abs(v) > 0.6*m
			}
			l.Texts, l.OnDark = append(l.Texts, text), append(l.OnDark, dark)
		}
	}
	l.H = labelH + float64(R)*cs + 30
	l.Legend = legendLayout{Y: l.H - 22, X0: labelW, W: float64(C) * cs,
		MinLabel: format.Sig(-m, 2), MaxLabel: format.Sig(m, 2), Stops: plot.DivergingStops()}
	return l, values
}
