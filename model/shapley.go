package model

import "fmt"

// Exact interventional Shapley values with the F fields as players. For a
// sample x and a coalition S of fields, the value v(S) is the model's logit
// with the fields in S taken from x and every other field from a background
// row, averaged over the background rows b_1..b_N:
//
//	v(S) = (1/N) Σ_j logit(x_S, b_j,¬S)
//	φ_i  = Σ_{S ∌ i} |S|!(F−|S|−1)!/F! · (v(S ∪ {i}) − v(S))
//
// With F = 8 fields there are 2^8 = 256 coalitions, so φ is computed
// exactly, not sampled. φ is in logit units; v(∅) is the base value (the
// mean logit over the background) and v(all) the sample's logit, and
// Σ_i φ_i = v(all) − v(∅) (efficiency). A one-row background is Shapley
// against a single reference point.
//
// Rows that are equal field by field (a coalition whose absent fields the
// background rows share, e.g. gender) are scored once.

// MaxShapleyFields bounds F: 2^F coalitions are enumerated.
const MaxShapleyFields = 16

// ShapleyValues explains one sample.
type ShapleyValues struct {
	Phi   []float64 // per field, logit units
	Base  float64   // v(∅): the mean logit over the background
	Value float64   // v(all): the sample's own logit
}

// Shapley computes the Shapley values of some sources of a CompositeScorer
// against others, a bounded number of rows per Step.
type Shapley[T Float] struct {
	sc         *CompositeScorer[T]
	F          int
	explain    []int32 // sources explained
	background []int32 // sources the absent fields come from
	rows       []int32 // (u, F) the distinct composite rows
	rowOf      []int32 // (len(explain), 2^F, N) index into rows
	logits     []T     // per distinct row
	done       int
}

// NewShapley plans the Shapley values of the sources explain against the
// background sources (indices into sc's sources).
func NewShapley[T Float](sc *CompositeScorer[T], explain, background []int32) (*Shapley[T], error) {
	F := sc.F
	if F > MaxShapleyFields {
		return nil, errorf("fields", "%d fields: exact Shapley values enumerate 2^F coalitions, at most %d fields", F, MaxShapleyFields)
	}
	if len(background) == 0 {
		return nil, errorf("background", "no background rows")
	}
	for _, s := range append(append([]int32(nil), explain...), background...) {
		if s < 0 || int(s) >= sc.sources {
			return nil, errorf("sources", "source %d is out of range [0, %d)", s, sc.sources)
		}
	}
	sh := &Shapley[T]{sc: sc, F: F, explain: explain, background: background}
	N, C := len(background), 1<<F
	sh.rowOf = make([]int32, len(explain)*C*N)
	seen := map[[MaxShapleyFields]int32]int32{}
	var key [MaxShapleyFields]int32
	for e, x := range explain {
		for S := 0; S < C; S++ {
			for j, b := range background {
				for f := 0; f < F; f++ {
					src := b
					if S&(1<<f) != 0 {
						src = x
					}
					key[f] = sc.Canonical(f, src)
				}
				r, ok := seen[key]
				if !ok {
					r = int32(len(seen))
					seen[key] = r
					sh.rows = append(sh.rows, key[:F]...)
				}
				sh.rowOf[(e*C+S)*N+j] = r
			}
		}
	}
	sh.logits = make([]T, len(seen))
	return sh, nil
}

// Rows is the number of distinct composite rows to score; Done how many
// are scored.
func (sh *Shapley[T]) Rows() int { return len(sh.logits) }

// Done is the number of rows scored so far.
func (sh *Shapley[T]) Done() int { return sh.done }

// Step scores up to max more rows and reports whether all are scored.
func (sh *Shapley[T]) Step(max int) bool {
	n := min(max, len(sh.logits)-sh.done)
	sh.sc.Logits(sh.logits[sh.done:sh.done+n], sh.rows[sh.done*sh.F:(sh.done+n)*sh.F])
	sh.done += n
	return sh.done == len(sh.logits)
}

// Values returns the Shapley values of each explained source, in order,
// after every row is scored.
func (sh *Shapley[T]) Values() []ShapleyValues {
	if sh.done < len(sh.logits) {
		panic(fmt.Sprintf("model: shapley: %d of %d rows scored", sh.done, len(sh.logits)))
	}
	F, N, C := sh.F, len(sh.background), 1<<sh.F
	weight := shapleyWeights(F)
	out := make([]ShapleyValues, len(sh.explain))
	v := make([]float64, C)
	for e := range sh.explain {
		for S := range v {
			var sum float64
			for _, r := range sh.rowOf[(e*C+S)*N : (e*C+S+1)*N] {
				sum += float64(sh.logits[r])
			}
			v[S] = sum / float64(N)
		}
		phi := make([]float64, F)
		for S := 0; S < C; S++ {
			size := popcount(S)
			for i := 0; i < F; i++ {
				if S&(1<<i) == 0 {
					phi[i] += float64(weight[size] * (v[S|1<<i] - v[S]))
				}
			}
		}
		out[e] = ShapleyValues{Phi: phi, Base: v[0], Value: v[C-1]}
	}
	return out
}

// shapleyWeights returns w[s] = s!(F−s−1)!/F!, the weight of a coalition
// of s players in a player's value.
func shapleyWeights(F int) []float64 {
	w := make([]float64, F)
	for s := range w {
		// s!(F−1−s)!/F! = 1 / (F · C(F−1, s))
		choose := 1.0
		for k := 1; k <= s; k++ {
			choose = choose * float64(F-k) / float64(k)
		}
		w[s] = 1 / (float64(F) * choose)
	}
	return w
}

func popcount(x int) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}

// AppendModeSample appends to dst (a batch of F fields) one sample whose
// field f holds the most frequent value list of field f among src's samples
// rows (the first to reach the top count wins a tie). It is the single
// reference point of Shapley values against one reference.
func AppendModeSample(dst, src *Batch, F int, rows []int32) {
	if len(rows) == 0 {
		panic("model: AppendModeSample: no rows")
	}
	for f := 0; f < F; f++ {
		count := map[string]int{}
		best, bestN := rows[0], 0
		for _, r := range rows {
			k := valuesKey(src.Values(F, int(r), f))
			count[k]++
			if count[k] > bestN {
				best, bestN = r, count[k]
			}
		}
		dst.Idx = append(dst.Idx, src.Values(F, int(best), f)...)
		dst.Off = append(dst.Off, int32(len(dst.Idx)))
	}
	dst.Label = append(dst.Label, 0)
	dst.N++
}
