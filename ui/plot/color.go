package plot

import "math"

// Diverging colours for signed values centred at 0: ColorBrewer's PuOr
// (purple ← white → orange), which ColorBrewer marks colour-blind safe.
var puOr = [][3]float64{
	{84, 39, 136}, {153, 142, 195}, {247, 247, 247}, {241, 163, 64}, {179, 88, 6},
}

// DivergingStops is the scale's colours from −max to +max, evenly spaced
// (a legend's gradient).
func DivergingStops() []string {
	var out []string
	for _, c := range puOr {
		out = append(out, hexRGB(int(c[0]), int(c[1]), int(c[2])))
	}
	return out
}

// Diverging returns the colour of v on a scale from −max to +max.
func Diverging(v, max float64) string {
	if math.IsNaN(v) {
		return "#ddd"
	}
	t := 0.5
	if max > 0 {
		t = 0.5 + 0.5*math.Max(-1, math.Min(1, v/max))
	}
	x := t * float64(len(puOr)-1)
	i := min(int(x), len(puOr)-2)
	f := x - float64(i)
	a, b := puOr[i], puOr[i+1]
	return hexRGB(int(math.Round(a[0]+f*(b[0]-a[0]))), int(math.Round(a[1]+f*(b[1]-a[1]))), int(math.Round(a[2]+f*(b[2]-a[2]))))
}

// hexRGB is "#rrggbb" (fmt.Sprintf's "#%02x%02x%02x", without fmt: a
// heatmap colours every cell on every snapshot).
func hexRGB(r, g, b int) string {
	const digits = "0123456789abcdef"
	out := []byte{'#', 0, 0, 0, 0, 0, 0}
	for i, c := range [3]int{r, g, b} {
		out[1+2*i], out[2+2*i] = digits[c>>4&15], digits[c&15]
	}
	return string(out)
}
