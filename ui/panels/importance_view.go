package panels

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/format"
)

// importanceView is the importance panel's derived text and chart.
type importanceView struct {
	Chart    measureChart
	Rows     []importanceRow
	Sentence string
	Units    string // the hidden units' activity
	Reading  string // which SEST reading the numbers are of
}

// importanceRow is one field's numbers.
type importanceRow struct{ Name, Perm, LogLoss, Phi, A, SE, Zeroed string }

// importanceInputs are the panel's numbers, per field in the order of fields.
type importanceInputs struct {
	fields                  []string
	perm, permStd, llRise   []float64
	phi                     []float64
	a, aStd, se, seStd, zer []float64
}

func nans(n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = math.NaN()
	}
	return v
}

// gatherImportance lines the three sources up by field name.
func gatherImportance(fields []string, job api.PermutationStatus, sum *api.ShapleySummary, sest *api.SESTReport) importanceInputs {
	if len(fields) == 0 { // before the dataset says, any source names them
		switch {
		case job.Result != nil:
			for _, f := range job.Result.Fields {
				fields = append(fields, f.Name)
			}
		case sum != nil:
			for _, f := range sum.Fields {
				fields = append(fields, f.Name)
			}
		case sest != nil:
			for _, f := range sest.Fields {
				fields = append(fields, f.Name)
			}
		}
	}
	n := len(fields)
	in := importanceInputs{fields: fields, perm: nans(n), permStd: nans(n), llRise: nans(n), phi: nans(n),
		a: nans(n), aStd: nans(n), se: nans(n), seStd: nans(n), zer: nans(n)}
	at := map[string]int{}
	for i, f := range fields {
		at[f] = i
	}
	if job.Result != nil {
		for _, f := range job.Result.Fields {
			if i, ok := at[f.Name]; ok {
				in.perm[i], in.permStd[i], in.llRise[i] = f.AUCDrop, f.AUCDropStd, f.LogLossRise
			}
		}
	}
	if sum != nil {
		for _, f := range sum.Fields {
			if i, ok := at[f.Name]; ok {
				in.phi[i] = f.MeanAbs
			}
		}
	}
	if sest != nil {
		for _, f := range sest.Fields {
			if i, ok := at[f.Name]; ok {
				in.a[i], in.aStd[i], in.se[i], in.seStd[i], in.zer[i] = f.A.Mean, f.A.Std, f.SEWeight.Mean, f.SEWeight.Std, f.Zeroed.Mean
			}
		}
	}
	return in
}

func importanceViewOf(fields []string, job api.PermutationStatus, sum *api.ShapleySummary, sest *api.SESTReport) importanceView {
	in := gatherImportance(fields, job, sum, sest)
	v := importanceView{Chart: drawMeasures(in.fields, []measure{
		{Title: "permutation ΔAUC ± sd", Mean: in.perm, Spread: in.permStd, Mark: math.NaN()},
		{Title: "mean |φ| (logit)", Mean: in.phi, Mark: math.NaN()},
		{Title: "SEST a ± sd", Mean: in.a, Spread: in.aStd, Mark: 0.5, Max: 1},
		{Title: "SEST a′ ± sd", Mean: in.se, Spread: in.seStd, Mark: 0.5, Max: 1},
	})}
	num := func(x float64, d int) string {
		if math.IsNaN(x) {
			return "–"
		}
		return format.Fixed(x, d)
	}
	pm := func(x, s float64) string {
		if math.IsNaN(x) {
			return "–"
		}
		return format.Fixed(x, 4) + " ± " + format.Fixed(s, 4)
	}
	for i, f := range in.fields {
		z := "–"
		if !math.IsNaN(in.zer[i]) {
			z = format.Percent(in.zer[i], 0)
		}
		v.Rows = append(v.Rows, importanceRow{Name: f, Perm: pm(in.perm[i], in.permStd[i]), LogLoss: num(in.llRise[i], 4),
			Phi: num(in.phi[i], 4), A: pm(in.a[i], in.aStd[i]), SE: pm(in.se[i], in.seStd[i]), Zeroed: z})
	}
	if sest != nil {
		v.Reading = "SEST read per " + sest.Granularity + " (step " + strconv.Itoa(sest.Step) + ")"
		v.Units = "Hidden units active (share of " + format.Int(sest.N) + " validation samples): threshold branch " +
			percents(sest.Units.Threshold) + ", SE branch " + percents(sest.Units.SE)
		if iu := sest.InitialUnits; iu != nil {
			v.Units += "; at step 0: threshold " + percents(iu.Threshold) + ", SE " + percents(iu.SE)
		}
		v.Units += "."
	}
	v.Sentence = importanceSentence(in, sest)
	return v
}

func percents(xs []float64) string {
	var s []string
	for _, x := range xs {
		s = append(s, format.Percent(x, 0))
	}
	return joinAnd(s)
}

// joinAnd joins "a", "b and c".
func joinAnd(s []string) string {
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// ranked returns the fields' indices with a known value, largest first.
func ranked(x []float64) []int {
	var idx []int
	for i, v := range x {
		if !math.IsNaN(v) {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return x[idx[a]] > x[idx[b]] })
	return idx
}

// leaders are the top-ranked fields before the largest relative drop among
// the first half (at least one).
func leaders(x []float64, order []int) []int {
	cut, best := 1, 0.0
	for k := 1; k <= len(order)/2 && k < len(order); k++ {
		hi, lo := x[order[k-1]], math.Max(x[order[k]], 0)
		if gap := hi - lo; hi > 0 && gap/hi > best {
			cut, best = k, gap/hi
		}
	}
	return order[:cut]
}

// spearman is the rank correlation of x and y over the fields both know.
func spearman(x, y []float64) float64 {
	var xs, ys []float64
	for i := range x {
		if !math.IsNaN(x[i]) && !math.IsNaN(y[i]) {
			xs, ys = append(xs, x[i]), append(ys, y[i])
		}
	}
	rx, ry := ranks(xs), ranks(ys)
	n := float64(len(rx))
	if n < 3 {
		return math.NaN()
	}
	var mx, my, sxy, sxx, syy float64
	for i := range rx {
		mx, my = mx+rx[i]/n, my+ry[i]/n
	}
	for i := range rx {
		sxy += (rx[i] - mx) * (ry[i] - my)
		sxx += (rx[i] - mx) * (rx[i] - mx)
		syy += (ry[i] - my) * (ry[i] - my)
	}
	if sxx == 0 || syy == 0 {
		return math.NaN()
	}
	return sxy / math.Sqrt(sxx*syy)
}

// ranks gives 1…n by value, ties their mean rank.
func ranks(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	r := make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && x[idx[j+1]] == x[idx[i]] {
			j++
		}
		for k := i; k <= j; k++ {
			r[idx[k]] = float64(i+j)/2 + 1
		}
		i = j + 1
	}
	return r
}

func names(fields []string, idx []int) []string {
	var s []string
	for _, i := range idx {
		s = append(s, fields[i])
	}
	return s
}

// rangeOf is the smallest and largest known value.
func rangeOf(x []float64) (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range x {
		if !math.IsNaN(v) {
			lo, hi, ok = math.Min(lo, v), math.Max(hi, v), true
		}
	}
	return lo, hi, ok
}

// flatSEST is how narrow a′'s range over the fields must be to call SEST's
// weights flat: a hundredth either side of σ(0) = 0.5.
const flatSEST = 0.02

// importanceSentence says, from the numbers, where the measures agree and
// where they differ, and why.
func importanceSentence(in importanceInputs, sest *api.SESTReport) string {
	var out []string
	permText := permutationText(in)
	sestText, flat := sestText(in, sest, permText)
	switch {
	case flat && permText != "":
		out = append(out, sestText)
	default:
		if permText != "" {
			out = append(out, upper(permText)+".")
		}
		if sestText != "" {
			out = append(out, sestText)
		}
	}
	if s := shapleyText(in); s != "" {
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

// permutationText names the fields permutation importance puts first.
func permutationText(in importanceInputs) string {
	order := ranked(in.perm)
	if len(order) == 0 {
		return ""
	}
	lead := leaders(in.perm, order)
	var parts []string
	for _, i := range lead {
		parts = append(parts, in.fields[i]+" ("+format.Fixed(in.perm[i], 4)+")")
	}
	if len(lead) == len(order) {
		return "permutation importance (ΔAUC) ranks " + joinAnd(parts)
	}
	next := order[len(lead)]
	return "permutation importance (ΔAUC) ranks " + joinAnd(parts) + " far above the rest (next: " + in.fields[next] + ", " + format.Fixed(in.perm[next], 4) + ")"
}

// shapleyText compares mean |φ|'s top fields with permutation importance's.
func shapleyText(in importanceInputs) string {
	permOrder, phiOrder := ranked(in.perm), ranked(in.phi)
	if len(permOrder) == 0 || len(phiOrder) == 0 {
		return ""
	}
	k := min(3, len(permOrder), len(phiOrder))
	var same, onlyPhi, onlyPerm []string
	for _, i := range phiOrder[:k] {
		if slices.Contains(permOrder[:k], i) {
			same = append(same, in.fields[i])
		} else {
			onlyPhi = append(onlyPhi, in.fields[i])
		}
	}
	for _, i := range permOrder[:k] {
		if !slices.Contains(phiOrder[:k], i) {
			onlyPerm = append(onlyPerm, in.fields[i])
		}
	}
	r := spearman(in.perm, in.phi)
	rho := format.Fixed(r, 2)
	top := "top " + strconv.Itoa(k)
	switch {
	case len(onlyPhi) == 0:
		return "Mean |φ| agrees on the " + top + " (" + joinAnd(same) + "; rank correlation " + rho + ")."
	case r >= closeRanks:
		return "Mean |φ| ranks the fields much as permutation importance does (rank correlation " + rho + "), with " + joinAnd(onlyPhi) +
			" in its " + top + " instead of " + joinAnd(onlyPerm) + "."
	}
	return "Mean |φ| puts " + joinAnd(onlyPhi) + " in its " + top + " where permutation importance puts " + joinAnd(onlyPerm) + " (rank correlation " + rho +
		"): φ measures how far a field moves each prediction, ΔAUC how much the ordering of likes over dislikes needs it, so a field can move every prediction alike and still reorder none."
}

// closeRanks is the rank correlation from which two measures "rank the
// fields much alike".
const closeRanks = 0.8

// sestText compares SEST's weights with permutation importance (permText:
// its ranking, "" before the job ran); flat reports whether the weights
// stay within flatSEST for every field, and then the text leads with them.
func sestText(in importanceInputs, sest *api.SESTReport, permText string) (text string, flat bool) {
	if sest == nil {
		return "", false
	}
	aLo, aHi, okA := rangeOf(in.a)
	seLo, seHi, okSE := rangeOf(in.se)
	if !okA || !okSE {
		return "", false
	}
	if seHi-seLo >= flatSEST || aHi-aLo >= flatSEST {
		if permText == "" {
			return "SEST's a spans " + spanText(aLo, aHi) + " and a′ " + spanText(seLo, seHi) + " over the fields; compute permutation importance to compare them.", false
		}
		rhoSE, rhoA := spearman(in.perm, in.se), spearman(in.perm, in.a)
		agree := "ranks the fields much as permutation importance does"
		if math.IsNaN(rhoSE) || rhoSE < 0.5 {
			agree = "does not rank the fields as permutation importance does"
		}
		s := "SEST's a′ (read per " + sest.Granularity + ") spans " + spanText(seLo, seHi) + " and " + agree + " (rank correlation " + format.Fixed(rhoSE, 2) +
			"); its threshold ratio a spans " + spanText(aLo, aHi) + " (rank correlation with ΔAUC " + format.Fixed(rhoA, 2) + ")"
		if rhoA < -0.3 {
			s += ": it zeroes less of the fields that matter and more of the rest"
		}
		return s + ".", false
	}
	s := "SEST's weights (read per " + sest.Granularity + ") stay within " + spanText(math.Min(aLo, seLo), math.Max(aHi, seHi)) + " for every field"
	if permText != "" {
		s += " while " + permText
	}
	uLo, uHi := math.Inf(1), math.Inf(-1)
	for _, f := range sest.Fields {
		uLo, uHi = math.Min(uLo, math.Min(f.U.Mean, f.SEU.Mean)), math.Max(uHi, math.Max(f.U.Mean, f.SEU.Mean))
	}
	u := "the excitations u stay within " + spanText(uLo, uHi)
	if busiest := math.Max(maxOf(sest.Units.Threshold), maxOf(sest.Units.SE)); busiest < 0.5 {
		s += ": the hidden units the excitations read are inactive for most samples (the busiest is active in " + format.Percent(busiest, 0) +
			" of them), so " + u + " and σ(u) stays near σ(0) = 0.5: SEST cannot tell the fields apart"
	} else {
		s += ": " + u + ", too close to 0 for σ(u) to leave 0.5"
	}
	if sest.Granularity == "field" {
		s += "; the per-coordinate reading (the paper's eq 7) gives each coordinate its own weight"
	}
	return s + ".", true
}

// spanText writes lo–hi with enough decimals (3 to 6) to tell them apart.
func spanText(lo, hi float64) string {
	d := 3
	for d < 6 && format.Fixed(lo, d) == format.Fixed(hi, d) {
		d++
	}
	if lo < 0 {
		return format.Fixed(lo, d) + " to " + format.Fixed(hi, d)
	}
	return format.Fixed(lo, d) + "–" + format.Fixed(hi, d)
}

func maxOf(x []float64) float64 {
	m := 0.0
	for _, v := range x {
		m = math.Max(m, v)
	}
	return m
}

func upper(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
