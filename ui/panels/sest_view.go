package panels

import (
	"fmt"
	"math"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/format"
)

// sestRow is one field's row of the SEST chart: z and λ as bars (so the
// ratio a = λ/z shows), a with its change from step 0, the SE weight a' on
// a [0, max] strip with its initial value and its spread over samples, and
// the share of coordinates the soft threshold zeroes; Tip is the hover
// readout and Data the exact numbers (tests compare them with the API).
type sestRow struct {
	Name    string   `json:"name"`
	Y       float64  `json:"y"`
	TextY   float64  `json:"textY"`
	ZW      float64  `json:"zW"`
	LambdaW float64  `json:"lambdaW"`
	AText   string   `json:"aText"` // a and its change from step 0
	SE      sestMark `json:"se"`
	SEText  string   `json:"seText"`
	ZeroedW float64  `json:"zeroedW"`
	Zeroed  string   `json:"zeroed"`
	Tip     string   `json:"tip"`
	Data    sestData `json:"data"`
}

// sestMark places the SE weight on its strip: now, at step 0, and ± one
// standard deviation.
type sestMark struct {
	X     float64 `json:"x"`
	InitX float64 `json:"initX"`
	LoX   float64 `json:"loX"`
	HiX   float64 `json:"hiX"`
}

// sestData is a row's exact numbers.
type sestData struct {
	Z      float64 `json:"z"`
	Lambda float64 `json:"lambda"`
	A      float64 `json:"a"`
	SE     float64 `json:"se"`
	SEStd  float64 `json:"seStd"`
	Zeroed float64 `json:"zeroed"`
}

// sestView is the panel's text.
type sestView struct {
	Scope, Legend, Verdict string
}

// sestLayout is what assets/charts.js needs to draw the chart.
type sestLayout struct {
	W     float64    `json:"w"`
	H     float64    `json:"h"`
	Heads []sestHead `json:"heads"`
	Rows  []sestRow  `json:"rows"`
	Cols  sestCols   `json:"cols"`
}

type sestHead struct {
	X    float64 `json:"x"`
	Text string  `json:"text"`
}

// sestCols are the chart's column positions (layout 700 wide).
type sestCols struct {
	Bar    float64 `json:"bar"` // z and λ bars start
	A      float64 `json:"a"`   // a's text
	SE     float64 `json:"se"`  // the SE weight's strip starts
	SEW    float64 `json:"seW"` // and is this wide
	SEText float64 `json:"seText"`
	Zero   float64 `json:"zero"` // the zeroed bar
	ZeroT  float64 `json:"zeroText"`
}

const (
	sestRowH, sestTopMargin = 26.0, 22.0
	barW                    = 150.0 // z and λ bars
	zeroW                   = 50.0  // the zeroed bar at 100%
)

var sestColumns = sestCols{Bar: 96, A: 256, SE: 380, SEW: 120, SEText: 506, Zero: 610, ZeroT: 664}

// sestPanel is the panel's text and chart for a snapshot (nil: none yet).
func sestPanel(s *api.Snapshot) (sestView, sestLayout) {
	l := sestLayout{W: 700, H: 30, Cols: sestColumns, Heads: []sestHead{
		{sestColumns.Bar, "mean|e| = z ▭ and λ ▬"}, {sestColumns.A, "a = λ/z (Δ step 0)"},
		{sestColumns.SE, "SE weight a′ (○ step 0, ● now)"}, {sestColumns.Zero, "zeroed"},
	}}
	if s == nil || len(s.Fields) == 0 {
		return sestView{Scope: "(the model has no SEST stream)"}, l
	}
	l.Rows = sestRows(s.Fields, s.Initial)
	l.H = 26 + 26*float64(len(s.Fields))
	v := sestView{Scope: "mean ± spread over " + format.Int(s.N) + " validation ratings, step " + format.Int(s.Step)}
	if s.Scope != "validation" {
		v.Scope += " (a fixed sample)"
	}
	v.Verdict = sestVerdict(s.Fields, s.Initial, s.Step)
	seMax := 1.0
	for _, f := range s.Fields {
		seMax = math.Max(seMax, f.SEWeight.Mean+f.SEWeight.Std)
	}
	v.Legend = "Bars: z = mean|e| (light) and the threshold λ (dark). a′ strip: 0 to " + format.Fixed(seMax, 1) +
		", the line is ± one standard deviation over samples. Hover a row for all values."
	return v, l
}

// sestRows lays out fields (with their values at step 0 in initial, which
// may be empty).
func sestRows(fields, initial []api.FieldSEST) []sestRow {
	zMax, seMax := 0.0, 1.0
	for _, f := range fields {
		zMax = math.Max(zMax, f.Z.Mean+f.Z.Std)
		seMax = math.Max(seMax, f.SEWeight.Mean+f.SEWeight.Std)
	}
	c := sestColumns
	seAt := func(v float64) float64 { return c.SE + c.SEW*math.Max(0, math.Min(1, v/seMax)) }
	var rows []sestRow
	for i, f := range fields {
		y := sestTopMargin + float64(i)*sestRowH
		r := sestRow{
			Name: f.Name, Y: y, TextY: y + 14,
			ZW: barW * safeDiv(f.Z.Mean, zMax), LambdaW: barW * safeDiv(f.Lambda.Mean, zMax),
			AText: format.Fixed(f.A.Mean, 4), SEText: format.Fixed(f.SEWeight.Mean, 4),
			SE:      sestMark{X: seAt(f.SEWeight.Mean), LoX: seAt(f.SEWeight.Mean - f.SEWeight.Std), HiX: seAt(f.SEWeight.Mean + f.SEWeight.Std)},
			ZeroedW: zeroW * f.Zeroed.Mean, Zeroed: format.Percent(f.Zeroed.Mean, 0),
			Data: sestData{Z: f.Z.Mean, Lambda: f.Lambda.Mean, A: f.A.Mean, SE: f.SEWeight.Mean, SEStd: f.SEWeight.Std, Zeroed: f.Zeroed.Mean},
		}
		r.SE.InitX = r.SE.X
		if i < len(initial) {
			r.AText += "  " + format.Signed(f.A.Mean-initial[i].A.Mean, 4)
			r.SE.InitX = seAt(initial[i].SEWeight.Mean)
			r.SEText += " " + format.Signed(f.SEWeight.Mean-initial[i].SEWeight.Mean, 4)
		}
		r.Tip = fmt.Sprintf("%s: z = mean|e| %s ± %s · λ %s · a = λ/z %s ± %s · zeroed %s ± %s · SE weight a' %s ± %s",
			f.Name, format.Fixed(f.Z.Mean, 4), format.Fixed(f.Z.Std, 4), format.Fixed(f.Lambda.Mean, 4),
			format.Fixed(f.A.Mean, 4), format.Fixed(f.A.Std, 4), format.Percent(f.Zeroed.Mean, 1), format.Percent(f.Zeroed.Std, 1),
			format.Fixed(f.SEWeight.Mean, 4), format.Fixed(f.SEWeight.Std, 4))
		rows = append(rows, r)
	}
	return rows
}

func safeDiv(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// sestVerdict says in plain words whether SEST's weights learned anything:
// the largest change of a field's mean from step 0, the spread between
// fields, and of the zeroed share (which does differ by field).
func sestVerdict(fields, initial []api.FieldSEST, steps int) string {
	if len(fields) == 0 {
		return ""
	}
	if steps == 0 || len(initial) != len(fields) {
		return "Step 0: every threshold ratio a starts at " + format.Fixed(fields[0].A.Mean, 3) +
			" and every SE weight a' near " + format.Fixed(fields[0].SEWeight.Mean, 3) + " (sigmoid of ≈0). Train to see what moves."
	}
	var dA, dSE float64
	aLo, aHi, zLo, zHi := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	var zLoName, zHiName string
	for i, f := range fields {
		dA = math.Max(dA, math.Abs(f.A.Mean-initial[i].A.Mean))
		dSE = math.Max(dSE, math.Abs(f.SEWeight.Mean-initial[i].SEWeight.Mean))
		aLo, aHi = math.Min(aLo, f.A.Mean), math.Max(aHi, f.A.Mean)
		if f.Zeroed.Mean < zLo {
			zLo, zLoName = f.Zeroed.Mean, f.Name
		}
		if f.Zeroed.Mean > zHi {
			zHi, zHiName = f.Zeroed.Mean, f.Name
		}
	}
	zero := fmt.Sprintf("The share of coordinates the soft threshold zeroes does differ by field: %s (%s) to %s (%s).",
		format.Percent(zLo, 0), zLoName, format.Percent(zHi, 0), zHiName)
	if dA < 0.01 && dSE < 0.01 {
		return fmt.Sprintf("The excitation weights barely learn: since step 0 no field's threshold ratio a moved more than %s, "+
			"no SE weight a' more than %s (a ranges %s–%s over fields). Their inputs are means of small embeddings and the "+
			"paper's excitation layers have no biases. %s Try “Excitation biases” and “Normalised squeeze”.",
			format.Sig(dA, 2), format.Sig(dSE, 2), format.Fixed(aLo, 4), format.Fixed(aHi, 4), zero)
	}
	return fmt.Sprintf("The excitation weights moved: by up to %s (threshold ratio a, now %s–%s over fields) and %s (SE weight a') since step 0. %s",
		format.Fixed(dA, 3), format.Fixed(aLo, 3), format.Fixed(aHi, 3), format.Fixed(dSE, 3), zero)
}
