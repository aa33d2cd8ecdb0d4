package charts

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/flsest/flsest/ui/vugutest"
	"github.com/vugu/vugu"
)

func render(t *testing.T, b vugu.Builder) string { return vugutest.Render(t, b) }

func longLoss() ([]float64, []float64) {
	xs, ys := make([]float64, 400), make([]float64, 400)
	for i := range xs {
		xs[i], ys[i] = float64(10000+37*i), 0.5+0.1*math.Sin(float64(i))
	}
	return xs, ys
}

// A line chart renders its title and legend, and leaves the drawing to a
// childless island: however long training runs, Vugu manages a handful of
// elements and no per-point attribute.
func TestLineChartIsAnIsland(t *testing.T) {
	xs, ys := longLoss()
	c := &LineChart{ID: "c", Title: "Training loss", XLabel: "step", YDecimals: 4, Version: 1,
		Series: []Series{{Name: "loss (recent batches)", Class: "s1", X: xs, Y: ys}}}
	html := render(t, c)
	for _, want := range []string{`id="c"`, "Training loss", `class="legend s1"`, `data-island="line"`} {
		if !strings.Contains(html, want) {
			t.Errorf("no %s in %s", want, html)
		}
	}
	if n := strings.Count(html, "<"); n > 12 || len(html) > 1000 {
		t.Errorf("%d tags, %d bytes: the points leaked into the DOM", n, len(html))
	}
}

func TestLineLayout(t *testing.T) {
	xs, ys := longLoss()
	ys[3] = math.NaN() // a gap: in the values, never in the JSON
	c := &LineChart{XLabel: "step", YDecimals: 4, XIntegers: true,
		Series: []Series{{Name: "a", Class: "s1", X: xs, Y: ys}, {Name: "b", Class: "s2", X: xs[:10], Y: ys[:10]}}}
	l, values := c.layout()
	if len(values) != 2*400+2*10 || values[400] != ys[0] || values[800] != xs[0] {
		t.Errorf("values: %d, want each series' X then Y", len(values))
	}
	if l.Series[0].N != 400 || l.Series[1].N != 10 || l.XScale.D0 != xs[0] || l.XScale.D1 != xs[399] || l.XScale.R0 != padLeft {
		t.Errorf("layout %+v", l)
	}
	if len(l.YTicks) < 2 || len(l.XTicks) < 2 {
		t.Errorf("ticks %v %v", l.YTicks, l.XTicks)
	}
	for _, tk := range l.XTicks {
		if tk.At != math.Round(tk.At) || strings.Contains(tk.Label, ".") {
			t.Errorf("x tick %+v on an integer axis", tk)
		}
	}
	if _, err := json.Marshal(l); err != nil {
		t.Error(err)
	}
	if l, values := (&LineChart{}).layout(); values != nil || len(l.YTicks) != 0 {
		t.Errorf("an empty chart has values %v, ticks %v", values, l.YTicks)
	}
}

// A heatmap's layout has one colour and one value per cell, row-major; a
// NaN value is a grey cell; the readout's label format is passed through.
func TestHeatmapLayout(t *testing.T) {
	names := strings.Fields("user_id gender age occupation zip movie_id genres year weekday hour")
	vals := make([][]float64, 10)
	for i := range vals {
		vals[i] = make([]float64, 10)
		for j := range vals[i] {
			vals[i][j] = float64(i*j) / 100
		}
		vals[i][i] = math.NaN()
	}
	h := &Heatmap{ID: "h", Title: "interaction", Rows: names, Cols: names, Values: vals, Decimals: 3, TipFormat: "%r × %c", Version: 1}
	l, values := h.layout()
	if len(values) != 100 || len(l.Colors) != 100 || values[2*10+3] != vals[2][3] || !math.IsNaN(values[11]) || l.Colors[11] != "#ddd" {
		t.Errorf("%d values, %d colours", len(values), len(l.Colors))
	}
	if l.Colors[98] != "#b35806" || l.Legend.MaxLabel != "0.72" || l.TipFormat != "%r × %c" {
		t.Errorf("largest cell %s, legend %q", l.Colors[98], l.Legend.MaxLabel)
	}
	if _, err := json.Marshal(l); err != nil {
		t.Error(err)
	}
	html := render(t, h)
	if !strings.Contains(html, `data-island="heatmap"`) || strings.Count(html, "<") > 10 {
		t.Errorf("heatmap renders %s", html)
	}
}

// Compute lays out again only when Version changes.
func TestLayoutFollowsVersion(t *testing.T) {
	c := &LineChart{Version: 1, Series: []Series{{X: []float64{1, 2}, Y: []float64{3, 4}}}}
	c.Compute(nil)
	v := c.plot.version
	c.Series[0].Y[0] = 5
	c.Compute(nil)
	if c.plot.version != v {
		t.Error("laid out again without a new Version")
	}
	c.Version = 2
	c.Compute(nil)
	if c.plot.version != v+1 || c.plot.values[2] != 5 {
		t.Errorf("version %d, values %v after a new Version", c.plot.version, c.plot.values)
	}
}
