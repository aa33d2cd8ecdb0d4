package plot

import (
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The page's chart colours stay apart for a reader with protanopia,
// deuteranopia or tritanopia: every pair of colours one chart uses
// together, simulated with Machado, Oliveira and Fernandes (2009) at
// severity 1.0 (in linear RGB), is at least minApart apart in CIEDE2000;
// and the diverging scale's two ends stay apart from each other and from
// its white middle. The colours are read where they are defined: the
// series, SEST and waterfall colours in assets/app.css's :root, the
// categorical palette and the diverging scale in this package.

// minApart is the least CIEDE2000 difference between two colours of one
// chart, for every vision: about 10 is "clearly another colour" at a
// glance (1 is a just-noticeable difference).
const minApart = 10.0

// machado is the simulation's matrix on linear sRGB at severity 1.0
// (Machado et al. 2009, table of the paper's supplement; the same the
// browsers' developer tools use).
var machado = map[string][3][3]float64{
	"normal":       {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
	"protanopia":   {{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}},
	"deuteranopia": {{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}},
	"tritanopia":   {{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602}, {0.004733, 0.691367, 0.303900}},
}

// charts are the colours each chart shows together. css names a
// variable of assets/app.css's :root ("--s1"), anything else is a colour.
func charts(t *testing.T) map[string][]string {
	t.Helper()
	css := rootVars(t)
	v := func(names ...string) []string {
		var out []string
		for _, n := range names {
			c, ok := css[n]
			if !ok {
				t.Fatalf("assets/app.css's :root has no %s", n)
			}
			out = append(out, c)
		}
		return out
	}
	return map[string][]string{
		"line charts (the comparison's six series)":  v("--s1", "--s2", "--s3", "--s4", "--s5", "--s6"),
		"SEST fields (z, λ, zeroed share, SE marks)": v("--z", "--lambda", "--zeroed", "--s2"),
		"slices (AUC bars, calibration, LogLoss)":    v("--s1", "--s2", "--z"),
		"Shapley waterfall (up, down, ends)":         v("--up", "--down", "--ends"),
		"projector (categories and the rest)":        append(Categorical(), Other),
	}
}

func TestChartColoursApartUnderColourBlindness(t *testing.T) {
	worst, pair := map[string]float64{}, map[string]string{}
	for chart, colours := range charts(t) {
		for vision, m := range machado {
			for i := range colours {
				for j := i + 1; j < len(colours); j++ {
					d := ciede2000(lab(simulate(m, colours[i])), lab(simulate(m, colours[j])))
					if d < minApart {
						t.Errorf("%s under %s: %s and %s are %.1f apart (CIEDE2000), want ≥ %v", chart, vision, colours[i], colours[j], d, minApart)
					}
					if w, ok := worst[vision]; !ok || d < w {
						worst[vision], pair[vision] = d, chart+": "+colours[i]+" "+colours[j]
					}
				}
			}
		}
	}
	for vision, d := range worst {
		t.Logf("%s: the closest pair of one chart is %.1f apart (%s)", vision, d, pair[vision])
	}
}

func TestDivergingEndsApartUnderColourBlindness(t *testing.T) {
	stops := DivergingStops()
	lo, mid, hi := stops[0], stops[len(stops)/2], stops[len(stops)-1]
	if Diverging(-1, 1) != lo || Diverging(1, 1) != hi || Diverging(0, 1) != mid {
		t.Fatalf("Diverging's ends and middle (%s %s %s) are not its stops (%s %s %s)", Diverging(-1, 1), Diverging(0, 1), Diverging(1, 1), lo, mid, hi)
	}
	for vision, m := range machado {
		for _, p := range [][2]string{{lo, hi}, {lo, mid}, {mid, hi}} {
			if d := ciede2000(lab(simulate(m, p[0])), lab(simulate(m, p[1]))); d < 2*minApart {
				t.Errorf("the diverging scale under %s: %s and %s are %.1f apart, want ≥ %v", vision, p[0], p[1], d, 2*minApart)
			}
		}
		// Halfway to each end, the two sides are still told apart.
		if d := ciede2000(lab(simulate(m, Diverging(-0.5, 1))), lab(simulate(m, Diverging(0.5, 1)))); d < minApart {
			t.Errorf("the diverging scale under %s: ±half are %.1f apart, want ≥ %v", vision, d, minApart)
		}
	}
}

// rootVars reads the colour variables of assets/app.css's :root block.
func rootVars(t *testing.T) map[string]string {
	t.Helper()
	b, err := os.ReadFile("../../assets/app.css")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, ":root {")
	j := strings.Index(s[i:], "\n}")
	if i < 0 || j < 0 {
		t.Fatal("assets/app.css has no :root block")
	}
	out := map[string]string{}
	for _, m := range regexp.MustCompile(`(--[\w-]+):\s*(#[0-9a-fA-F]{6})\b`).FindAllStringSubmatch(s[i:i+j], -1) {
		out[m[1]] = m[2]
	}
	return out
}

// simulate is what a reader with the vision m sees of the colour hex, in
// sRGB 0…1 (linear RGB through m, clamped to the gamut).
func simulate(m [3][3]float64, hex string) [3]float64 {
	c := rgb(hex)
	var lin, out [3]float64
	for i := range c {
		lin[i] = linear(c[i])
	}
	for i := range out {
		out[i] = gamma(math.Max(0, math.Min(1, m[i][0]*lin[0]+m[i][1]*lin[1]+m[i][2]*lin[2])))
	}
	return out
}

func rgb(hex string) [3]float64 {
	var c [3]float64
	for i := range c {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil || len(hex) != 7 {
			panic("not #rrggbb: " + hex)
		}
		c[i] = float64(v) / 255
	}
	return c
}

// linear and gamma are sRGB's transfer function and its inverse (IEC 61966-2-1).
func linear(c float64) float64 {
	if c <= 0.04045 {
		return c / 12.92
	}
	return math.Pow((c+0.055)/1.055, 2.4)
}

func gamma(c float64) float64 {
	if c <= 0.0031308 {
		return 12.92 * c
	}
	return 1.055*math.Pow(c, 1/2.4) - 0.055
}

// lab is CIELAB (D65 white) of an sRGB colour.
func lab(c [3]float64) [3]float64 {
	r, g, b := linear(c[0]), linear(c[1]), linear(c[2])
	x := 0.4124564*r + 0.3575761*g + 0.1804375*b
	y := 0.2126729*r + 0.7151522*g + 0.0721750*b
	z := 0.0193339*r + 0.1191920*g + 0.9503041*b
	f := func(t float64) float64 {
		const d = 6.0 / 29
		if t > d*d*d {
			return math.Cbrt(t)
		}
		return t/(3*d*d) + 4.0/29
	}
	fx, fy, fz := f(x/0.95047), f(y/1.0), f(z/1.08883)
	return [3]float64{116*fy - 16, 500 * (fx - fy), 200 * (fy - fz)}
}

// ciede2000 is the CIE 2000 colour difference of two CIELAB colours
// (kL = kC = kH = 1), as Sharma, Wu and Dalal (2005) spell it out.
func ciede2000(p, q [3]float64) float64 {
	deg := math.Pi / 180
	l1, a1, b1 := p[0], p[1], p[2]
	l2, a2, b2 := q[0], q[1], q[2]
	cBar := (math.Hypot(a1, b1) + math.Hypot(a2, b2)) / 2
	g := 0.5 * (1 - math.Sqrt(math.Pow(cBar, 7)/(math.Pow(cBar, 7)+math.Pow(25, 7))))
	a1p, a2p := (1+g)*a1, (1+g)*a2
	c1p, c2p := math.Hypot(a1p, b1), math.Hypot(a2p, b2)
	hue := func(b, a float64) float64 {
		if a == 0 && b == 0 {
			return 0
		}
		h := math.Atan2(b, a) / deg
		if h < 0 {
			h += 360
		}
		return h
	}
	h1p, h2p := hue(b1, a1p), hue(b2, a2p)
	dLp, dCp := l2-l1, c2p-c1p
	var dhp float64
	switch {
	case c1p*c2p == 0:
		dhp = 0
	case math.Abs(h2p-h1p) <= 180:
		dhp = h2p - h1p
	case h2p-h1p > 180:
		dhp = h2p - h1p - 360
	default:
		dhp = h2p - h1p + 360
	}
	dHp := 2 * math.Sqrt(c1p*c2p) * math.Sin(dhp/2*deg)
	lBarp, cBarp := (l1+l2)/2, (c1p+c2p)/2
	var hBarp float64
	switch {
	case c1p*c2p == 0:
		hBarp = h1p + h2p
	case math.Abs(h1p-h2p) <= 180:
		hBarp = (h1p + h2p) / 2
	case h1p+h2p < 360:
		hBarp = (h1p + h2p + 360) / 2
	default:
		hBarp = (h1p + h2p - 360) / 2
	}
	tt := 1 - 0.17*math.Cos((hBarp-30)*deg) + 0.24*math.Cos(2*hBarp*deg) + 0.32*math.Cos((3*hBarp+6)*deg) - 0.20*math.Cos((4*hBarp-63)*deg)
	dTheta := 30 * math.Exp(-math.Pow((hBarp-275)/25, 2))
	rc := 2 * math.Sqrt(math.Pow(cBarp, 7)/(math.Pow(cBarp, 7)+math.Pow(25, 7)))
	sl := 1 + 0.015*math.Pow(lBarp-50, 2)/math.Sqrt(20+math.Pow(lBarp-50, 2))
	sc := 1 + 0.045*cBarp
	sh := 1 + 0.015*cBarp*tt
	rt := -math.Sin(2*dTheta*deg) * rc
	return math.Sqrt(math.Pow(dLp/sl, 2) + math.Pow(dCp/sc, 2) + math.Pow(dHp/sh, 2) + rt*(dCp/sc)*(dHp/sh))
}

// CIEDE2000 against Sharma, Wu and Dalal's published test pairs (2005,
// table 1), which exercise its hue and chroma corner cases; and
// symmetric, zero only for equal colours.
func TestCIEDE2000KnownPairs(t *testing.T) {
	for _, c := range []struct {
		p, q [3]float64
		want float64
	}{
		{[3]float64{50, 2.6772, -79.7751}, [3]float64{50, 0, -82.7485}, 2.0425},
		{[3]float64{50, 0, 0}, [3]float64{50, -1, 2}, 2.3669},
		{[3]float64{50, 2.49, -0.001}, [3]float64{50, -2.49, 0.0009}, 7.1792},
		{[3]float64{50, 2.5, 0}, [3]float64{73, 25, -18}, 27.1492},
		{[3]float64{60.2574, -34.0099, 36.2677}, [3]float64{60.4626, -34.1751, 39.4387}, 1.2644},
		{[3]float64{22.7233, 20.0904, -46.694}, [3]float64{23.0331, 14.973, -42.5619}, 2.0373},
		{[3]float64{90.8027, -2.0831, 1.441}, [3]float64{91.1528, -1.6435, 0.0447}, 1.4441},
	} {
		got, back := ciede2000(c.p, c.q), ciede2000(c.q, c.p)
		if math.Abs(got-c.want) > 5e-5 || math.Abs(back-got) > 1e-12 {
			t.Errorf("ΔE00(%v, %v) = %.4f (back %.4f), want %.4f", c.p, c.q, got, back, c.want)
		}
	}
	if d := ciede2000([3]float64{41, 12, -7}, [3]float64{41, 12, -7}); d != 0 {
		t.Errorf("ΔE00 of a colour with itself = %v", d)
	}
}

// CIELAB of known sRGB colours (D65): white, black, the primaries.
func TestLabKnownValues(t *testing.T) {
	for _, c := range []struct {
		hex  string
		want [3]float64
	}{
		{"#ffffff", [3]float64{100, 0, 0}},
		{"#000000", [3]float64{0, 0, 0}},
		{"#ff0000", [3]float64{53.2408, 80.0925, 67.2032}},
		{"#00ff00", [3]float64{87.7347, -86.1827, 83.1793}},
		{"#0000ff", [3]float64{32.2970, 79.1875, -107.8602}},
	} {
		got := lab(rgb(c.hex))
		for i := range got {
			if math.Abs(got[i]-c.want[i]) > 2e-3 {
				t.Errorf("lab(%s) = %.4f, want %.4f", c.hex, got, c.want)
				break
			}
		}
	}
}

// Each simulation keeps greys grey (its rows sum to 1: white stays white,
// black black), and loses what its deficiency loses: pure red and green,
// far apart for normal vision, come close under protanopia and
// deuteranopia; blue and green, under tritanopia, come closer than for
// normal vision.
func TestSimulationProperties(t *testing.T) {
	for vision, m := range machado {
		for _, grey := range []string{"#000000", "#777777", "#ffffff"} {
			got := simulate(m, grey)
			want := rgb(grey)
			for i := range got {
				if math.Abs(got[i]-want[i]) > 1e-5 {
					t.Errorf("%s turns the grey %s into %v", vision, grey, got)
					break
				}
			}
		}
	}
	apart := func(vision, a, b string) float64 {
		return ciede2000(lab(simulate(machado[vision], a)), lab(simulate(machado[vision], b)))
	}
	normal := apart("normal", "#ff0000", "#00ff00")
	for _, v := range []string{"protanopia", "deuteranopia"} {
		if d := apart(v, "#ff0000", "#00ff00"); d > normal/2 {
			t.Errorf("%s: red and green %.1f apart, normal vision %.1f: the simulation does not confuse them", v, d, normal)
		}
	}
	if d, n := apart("tritanopia", "#0000ff", "#00ff00"), apart("normal", "#0000ff", "#00ff00"); d >= n {
		t.Errorf("tritanopia: blue and green %.1f apart, normal vision %.1f", d, n)
	}
}
