package model

import "math"

// exp is e^x computed the same way on every platform. Go's math.Exp uses
// assembly on amd64 and pure Go on wasm, and the two differ in the last
// bit for some inputs (measured: BENCHMARKS.md); a training run feeds
// millions of sigmoids, so one differing bit makes the browser's run drift
// from the native one. This is the classic argument reduction
// x = k·ln2 + r, |r| ≤ ln2/2, with a degree-5 Remez polynomial for e^r
// (fdlibm's e_exp.c), in plain float64 arithmetic, which both platforms
// round identically: the same algorithm wasm's math.Exp runs. Every
// product is rounded by an explicit float64(…) before it is added, which
// keeps compilers from fusing it into a multiply-add (arm64 always does,
// amd64 from GOAMD64=v3): a fused step rounds once where wasm rounds twice.
func exp(x float64) float64 {
	const (
		ln2Hi     = 6.93147180369123816490e-01
		ln2Lo     = 1.90821492927058770002e-10
		log2e     = 1.44269504088896338700e+00
		overflow  = 7.09782712893383973096e+02
		underflow = -7.45133219101941108420e+02
		nearZero  = 1.0 / (1 << 28)
		// Remez coefficients of R(r²) ≈ r·(e^r+1)/(e^r−1) − 2.
		p1 = 1.66666666666666657415e-01
		p2 = -2.77777777770155933842e-03
		p3 = 6.61375632143793436117e-05
		p4 = -1.65339022054652515390e-06
		p5 = 4.13813679705723846039e-08
	)
	switch {
	case math.IsNaN(x) || math.IsInf(x, 1):
		return x
	case x > overflow:
		return math.Inf(1)
	case x < underflow:
		return 0
	case -nearZero < x && x < nearZero:
		return 1 + x
	}
	var k int
	if x < 0 {
		k = int(float64(log2e*x) - 0.5)
	} else {
		k = int(float64(log2e*x) + 0.5)
	}
	hi := x - float64(float64(k)*ln2Hi) // exact: k·ln2Hi has few significant bits
	lo := float64(float64(k) * ln2Lo)
	r := hi - lo
	t := r * r
	poly := p4 + float64(t*p5) // Horner, one rounded product a step
	poly = p3 + float64(t*poly)
	poly = p2 + float64(t*poly)
	poly = p1 + float64(t*poly)
	c := r - float64(t*poly)
	y := 1 - ((lo - (r*c)/(2-c)) - hi)
	return math.Ldexp(y, k)
}

// tanh via exp, for the same reason: tanh z = sgn z · (1 − 2/(e^{2|z|}+1)).
func tanh(z float64) float64 {
	a := math.Abs(z)
	t := 1 - 2/(exp(2*a)+1)
	if z < 0 {
		return -t
	}
	return t
}
