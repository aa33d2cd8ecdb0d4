package format

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Fixed formats x with d decimals; NaN and ±Inf become "–".
func Fixed(x float64, d int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	return strconv.FormatFloat(x, 'f', d, 64)
}

// Signed formats x with d decimals and an explicit sign; a value that
// rounds to zero is "+0.000…", never "-0.000…".
func Signed(x float64, d int) string {
	if math.Abs(x) < 0.5*math.Pow(10, -float64(d)) {
		x = 0
	}
	s := Fixed(x, d)
	if x >= 0 && s != "–" {
		return "+" + s
	}
	return s
}

// Percent formats a share in [0, 1] as "42%" (d decimals).
func Percent(x float64, d int) string {
	if math.IsNaN(x) {
		return "–"
	}
	return strconv.FormatFloat(100*x, 'f', d, 64) + "%"
}

// Int formats n with thin-space thousands separators: 72 000.
func Int(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteRune(' ')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Bytes formats a size: 371 711 B → "0.37 MB".
func Bytes(n int64) string {
	switch {
	case n < 10_000:
		return fmt.Sprintf("%d B", n)
	case n < 1_000_000:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	}
	return fmt.Sprintf("%.2f MB", float64(n)/1e6)
}

// Seconds formats a duration in seconds: "0.9 s", "12 s", "2 min 05 s".
func Seconds(s float64) string {
	switch {
	case math.IsNaN(s):
		return "–"
	case s < 10:
		return fmt.Sprintf("%.1f s", s)
	case s < 120:
		return fmt.Sprintf("%.0f s", s)
	}
	m := int(s) / 60
	return fmt.Sprintf("%d min %02d s", m, int(s)-60*m)
}

// SVG formats a coordinate for an SVG attribute (Vugu would print floats
// with 6 decimals).
func SVG(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }

// Sig formats x with n significant digits, without an exponent: 0.0021,
// 1.1, 350, 0.000021.
func Sig(x float64, n int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	if x == 0 {
		return "0"
	}
	d := n - 1 - int(math.Floor(math.Log10(math.Abs(x))))
	return strconv.FormatFloat(x, 'f', max(d, 0), 64)
}
