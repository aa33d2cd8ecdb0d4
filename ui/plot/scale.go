package plot

import (
	"math"
	"strings"

	"github.com/flsest/flsest/ui/format"
)

// Linear maps [D0, D1] onto [R0, R1].
type Linear struct{ D0, D1, R0, R1 float64 }

// At maps x.
func (s Linear) At(x float64) float64 {
	if s.D1 == s.D0 {
		return (s.R0 + s.R1) / 2
	}
	return s.R0 + (x-s.D0)/(s.D1-s.D0)*(s.R1-s.R0)
}

// Extent returns the min and max of the finite values in xs (0, 1 if none).
func Extent(xss ...[]float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, xs := range xss {
		for _, x := range xs {
			if !math.IsNaN(x) && !math.IsInf(x, 0) {
				lo, hi = math.Min(lo, x), math.Max(hi, x)
			}
		}
	}
	if lo > hi {
		return 0, 1
	}
	if lo == hi {
		pad := math.Max(math.Abs(lo)*0.01, 1e-6)
		return lo - pad, hi + pad
	}
	return lo, hi
}

// Ticks returns about n round values covering [lo, hi] (1, 2 or 5 × 10^k
// steps) and the decimals they need.
func Ticks(lo, hi float64, n int) ([]float64, int) {
	if !(hi > lo) || n < 1 {
		return []float64{lo}, 2
	}
	raw := (hi - lo) / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{2, 5, 10} {
		if raw > step*(1+1e-9) {
			step = m * mag
		}
	}
	var ticks []float64
	for v := math.Ceil(lo/step) * step; v <= hi+step*1e-9; v += step {
		ticks = append(ticks, math.Round(v/step)*step)
	}
	decimals := max(0, int(-math.Floor(math.Log10(step)+1e-9)))
	return ticks, decimals
}

// Path is the SVG path of the points (xs[i], ys[i]) through the scales,
// skipping non-finite values (a gap starts a new segment).
func Path(xs, ys []float64, sx, sy Linear) string {
	var b strings.Builder
	pen := false
	for i := range xs {
		if i >= len(ys) || math.IsNaN(ys[i]) || math.IsInf(ys[i], 0) {
			pen = false
			continue
		}
		if pen {
			b.WriteString(" L")
		} else {
			if b.Len() > 0 {
				b.WriteString(" ")
			}
			b.WriteString("M")
		}
		b.WriteString(format.SVG(sx.At(xs[i])))
		b.WriteString(",")
		b.WriteString(format.SVG(sy.At(ys[i])))
		pen = true
	}
	return b.String()
}
