package panels

import (
	"fmt"
	"math"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/format"
)

// sestRow is one field's row of the SEST panel: z and λ as bars (so the
// ratio a = λ/z shows), a with its change from step 0, the SE weight a' on
// a [0, max] strip with its initial value and its spread over samples, and
// the share of coordinates the soft threshold zeroes. Data attributes carry
// the exact numbers (tests compare them with the API).
type sestRow struct {
	Name                        string
	Y, TextY                    string
	ZW, LambdaW                 string
	A, ADelta, SE, SEDelta      string
	SEText                      string
	SEX, SEInitX, SELoX, SEHiX  string
	ZeroedW, Zeroed             string
	DataZ, DataLambda, DataA    string
	DataSE, DataZeroed, DataSEx string
	Tip                         string
}

// sestView is the whole panel.
type sestView struct {
	Rows           []sestRow
	ViewBox        string
	Scope, Verdict string
	SEMaxLabel     string
}

// Column positions of the SEST chart (viewBox 640 wide); the template
// uses the same numbers.
const (
	sestRowH             = 26.0
	barW                 = 150.0 // z and λ bars from x = 96
	seX, seW             = 380.0, 120.0
	zeroW, sestTopMargin = 50.0, 22.0
)

func f6(x float64) string { return format.Fixed(x, 6) }

// sestRows lays out fields (with their values at step 0 in initial, which
// may be empty).
func sestRows(fields, initial []api.FieldSEST) []sestRow {
	zMax, seMax := 0.0, 1.0
	for _, f := range fields {
		zMax = math.Max(zMax, f.Z.Mean+f.Z.Std)
		seMax = math.Max(seMax, f.SEWeight.Mean+f.SEWeight.Std)
	}
	seScale := func(v float64) string { return format.SVG(seX + seW*math.Max(0, math.Min(1, v/seMax))) }
	var rows []sestRow
	for i, f := range fields {
		y := sestTopMargin + float64(i)*sestRowH
		r := sestRow{
			Name: f.Name, Y: format.SVG(y), TextY: format.SVG(y + 14),
			ZW: format.SVG(barW * safeDiv(f.Z.Mean, zMax)), LambdaW: format.SVG(barW * safeDiv(f.Lambda.Mean, zMax)),
			A: format.Fixed(f.A.Mean, 4), SE: format.Fixed(f.SEWeight.Mean, 4),
			SEX: seScale(f.SEWeight.Mean), SELoX: seScale(f.SEWeight.Mean - f.SEWeight.Std), SEHiX: seScale(f.SEWeight.Mean + f.SEWeight.Std),
			ZeroedW: format.SVG(zeroW * f.Zeroed.Mean), Zeroed: format.Percent(f.Zeroed.Mean, 0),
			DataZ: f6(f.Z.Mean), DataLambda: f6(f.Lambda.Mean), DataA: f6(f.A.Mean), DataSE: f6(f.SEWeight.Mean),
			DataZeroed: f6(f.Zeroed.Mean), DataSEx: f6(f.SEWeight.Std),
		}
		r.SEInitX = r.SEX
		r.SEText = r.SE
		if i < len(initial) {
			r.ADelta = format.Signed(f.A.Mean-initial[i].A.Mean, 4)
			r.SEDelta = format.Signed(f.SEWeight.Mean-initial[i].SEWeight.Mean, 4)
			r.SEInitX = seScale(initial[i].SEWeight.Mean)
			r.SEText = r.SE + " " + r.SEDelta
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
