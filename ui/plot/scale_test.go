package plot

import (
	"fmt"
	"math"
	"slices"
	"testing"
)

func TestLinearAndExtent(t *testing.T) {
	s := Linear{D0: 0, D1: 10, R0: 100, R1: 0} // SVG y grows downward
	if s.At(0) != 100 || s.At(10) != 0 || s.At(2.5) != 75 {
		t.Errorf("At: %v %v %v", s.At(0), s.At(10), s.At(2.5))
	}
	lo, hi := Extent([]float64{3, math.NaN(), 1}, []float64{7, math.Inf(1)})
	if lo != 1 || hi != 7 {
		t.Errorf("Extent = %v, %v", lo, hi)
	}
	if lo, hi := Extent(nil); lo != 0 || hi != 1 {
		t.Errorf("empty Extent = %v, %v", lo, hi)
	}
	if lo, hi := Extent([]float64{0.5, 0.5}); !(lo < 0.5 && hi > 0.5) {
		t.Errorf("flat Extent = %v, %v: want a padded range", lo, hi)
	}
}

func TestTicks(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		n      int
		want   []float64
		dec    int
	}{
		{0.77, 0.79, 4, []float64{0.77, 0.775, 0.78, 0.785, 0.79}, 3},
		{0, 10, 5, []float64{0, 2, 4, 6, 8, 10}, 0},
		{0.5, 0.6, 2, []float64{0.5, 0.55, 0.6}, 2},
	} {
		got, dec := Ticks(c.lo, c.hi, c.n)
		for i := range got {
			got[i] = math.Round(got[i]*1e9) / 1e9
		}
		if !slices.Equal(got, c.want) || dec != c.dec {
			t.Errorf("Ticks(%v, %v, %d) = %v (%d decimals), want %v (%d)", c.lo, c.hi, c.n, got, dec, c.want, c.dec)
		}
	}
}

func TestPathSkipsGaps(t *testing.T) {
	s := Linear{0, 1, 0, 10}
	got := Path([]float64{0, 0.5, 1, 1}, []float64{0, math.NaN(), 1, 0.5}, s, s)
	if want := "M0.0,0.0 M10.0,10.0 L10.0,5.0"; got != want {
		t.Errorf("Path = %q, want %q", got, want)
	}
}

func TestHexRGB(t *testing.T) {
	for _, c := range [][3]int{{0, 0, 0}, {255, 255, 255}, {84, 39, 136}, {7, 160, 15}} {
		if got, want := hexRGB(c[0], c[1], c[2]), fmt.Sprintf("#%02x%02x%02x", c[0], c[1], c[2]); got != want {
			t.Errorf("hexRGB%v = %s, want %s", c, got, want)
		}
	}
}

func TestDivergingStops(t *testing.T) {
	stops := DivergingStops()
	if len(stops) != 5 || stops[0] != Diverging(-1, 1) || stops[2] != Diverging(0, 1) || stops[4] != Diverging(1, 1) {
		t.Errorf("stops %v: want the scale's ends and middle", stops)
	}
}

func TestDiverging(t *testing.T) {
	for _, c := range []struct {
		v, max float64
		want   string
	}{{0, 1, "#f7f7f7"}, {1, 1, "#b35806"}, {-1, 1, "#542788"}, {5, 1, "#b35806"}, {math.NaN(), 1, "#ddd"}} {
		if got := Diverging(c.v, c.max); got != c.want {
			t.Errorf("Diverging(%v, %v) = %s, want %s", c.v, c.max, got, c.want)
		}
	}
}
