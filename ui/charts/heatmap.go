package charts

import (
	"math"

	"github.com/flsest/flsest/ui/format"
	"github.com/flsest/flsest/ui/plot"
	"github.com/vugu/vugu"
)

// Heatmap draws a matrix of signed values on a diverging scale centred at
// 0, with a legend and a hover readout per cell. A NaN value draws an empty
// (grey) cell.
type Heatmap struct {
	ID, Title, Note string
	Rows, Cols      []string
	Values          [][]float64
	Max             float64 // the scale runs from −Max to +Max; 0: the largest |value|
	Decimals        int
	TipFormat       string // "%r × %c" style label; %r and %c are replaced by the row and column names
	ShowValues      bool   // print values in the cells (small matrices)

	viewBox, legendMin, legendMax string
	style                         string
	cells                         []cellView
	rowLabels, colLabels          []tick
	legendY, legendX0, legendX1   string
	legendW                       string
}

type cellView struct {
	X, Y, W, H, Fill, Tip, Value, Row, Col string
	TextX, TextY, Text, TextClass          string
}

// Compute lays the heatmap out before each build.
func (c *Heatmap) Compute(ctx vugu.ComputeCtx) { c.layout() }

func (c *Heatmap) layout() {
	const labelW, labelH, maxCell, maxWidth = 80.0, 58.0, 56.0, 330.0
	R, C := len(c.Rows), len(c.Cols)
	c.cells, c.rowLabels, c.colLabels = c.cells[:0], c.rowLabels[:0], c.colLabels[:0]
	if R == 0 || C == 0 {
		c.viewBox = "0 0 10 10"
		return
	}
	cs := math.Min(maxCell, (maxWidth-labelW)/float64(C))
	width := labelW + float64(C)*cs + 12
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
	for i, rn := range c.Rows {
		y := labelH + float64(i)*cs
		c.rowLabels = append(c.rowLabels, tick{X: format.SVG(labelW - 4), Y: format.SVG(y + cs/2), Label: rn})
		for j, cn := range c.Cols {
			v := math.NaN()
			if i < len(c.Values) && j < len(c.Values[i]) {
				v = c.Values[i][j]
			}
			x := labelW + float64(j)*cs
			cell := cellView{
				X: format.SVG(x), Y: format.SVG(y), W: format.SVG(cs - 1), H: format.SVG(cs - 1),
				Fill: plot.Diverging(v, m), Value: format.Fixed(v, 6), Row: rn, Col: cn,
				TextX: format.SVG(x + cs/2), TextY: format.SVG(y + cs/2),
			}
			label := replaceNames(c.TipFormat, rn, cn)
			if math.IsNaN(v) {
				cell.Tip = label + ": —"
			} else {
				cell.Tip = label + " = " + format.Sig(v, c.Decimals)
			}
			if c.ShowValues && !math.IsNaN(v) {
				cell.Text = format.Fixed(v, 2)
				cell.TextClass = "cell-text"
				if m > 0 && math.Abs(v) > 0.6*m {
					cell.TextClass = "cell-text on-dark"
				}
			}
			c.cells = append(c.cells, cell)
		}
	}
	for j, cn := range c.Cols {
		x := labelW + float64(j)*cs + cs/2
		c.colLabels = append(c.colLabels, tick{X: format.SVG(x), Y: format.SVG(labelH - 4), Label: cn})
	}
	h := labelH + float64(R)*cs + 30
	c.viewBox = "0 0 " + format.SVG(width) + " " + format.SVG(h)
	c.style = "max-width: " + format.SVG(width*1.4) + "px"
	c.legendY = format.SVG(h - 22)
	c.legendX0, c.legendX1 = format.SVG(labelW), format.SVG(labelW+float64(C)*cs)
	c.legendW = format.SVG(float64(C) * cs)
	c.legendMin, c.legendMax = format.Sig(-m, 2), format.Sig(m, 2)
}

func replaceNames(f, row, col string) string {
	out := ""
	for i := 0; i < len(f); i++ {
		if f[i] == '%' && i+1 < len(f) && (f[i+1] == 'r' || f[i+1] == 'c') {
			if f[i+1] == 'r' {
				out += row
			} else {
				out += col
			}
			i++
			continue
		}
		out += string(f[i])
	}
	return out
}
