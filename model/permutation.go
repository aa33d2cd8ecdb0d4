package model

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Permutation importance per field: shuffle one field's values across the
// rows (a multi-valued field moves as a whole list), score again, and
// report the drop in AUC (eq 19) and the rise in LogLoss (eq 20), over R
// shuffles: mean and sample standard deviation. The shuffles come from one
// seeded PCG stream, field by field, repeat by repeat, so a seed gives the
// same numbers natively and under WebAssembly.
//
// A shuffled row is the original row with field f from another row; when
// that row has the same value (a gender half the time) the shuffled row is
// the original and is not scored again, and a (row, value) pair that two
// repeats draw is scored once. The composite scorer does the rest.

// FieldImportance is one field's permutation importance.
type FieldImportance struct {
	Name           string  `json:"name"`
	AUCDrop        float64 `json:"auc_drop"` // AUC − AUC shuffled: positive when the field matters
	AUCDropStd     float64 `json:"auc_drop_std"`
	LogLossRise    float64 `json:"logloss_rise"` // LogLoss shuffled − LogLoss
	LogLossRiseStd float64 `json:"logloss_rise_std"`
}

// PermutationResult is the importance of every field.
type PermutationResult struct {
	Rows    int               `json:"rows"`
	Repeats int               `json:"repeats"`
	Seed    uint64            `json:"seed"`
	AUC     float64           `json:"auc"` // unshuffled
	LogLoss float64           `json:"logloss"`
	Scored  int               `json:"scored"` // distinct rows scored, of Rows·(1 + F·Repeats)
	Fields  []FieldImportance `json:"fields"`
}

// Permutation computes permutation importance over every source of a
// CompositeScorer (the rows, with their labels), a bounded number of rows
// per Step.
type Permutation[T Float] struct {
	sc      *CompositeScorer[T]
	names   []string
	labels  []float32
	repeats int
	seed    uint64
	// Distinct rows: row i < N is source i unshuffled; after them, row
	// N+k is source base[k] with field field[k] from source from[k].
	base, from []int32
	field      []uint8
	rowOf      []int32 // (F, R, N) the row scored for source i in a shuffle
	logits     []T
	done       int
	src        []int32 // scratch: a chunk's composite rows
	res        PermutationResult
	prob       []T // scratch: one shuffle's probabilities
}

// NewPermutation plans repeats shuffles of each field over sc's sources,
// whose labels are labels; names are the fields' names.
func NewPermutation[T Float](sc *CompositeScorer[T], labels []float32, names []string, repeats int, seed uint64) (*Permutation[T], error) {
	F, N := sc.F, sc.sources
	switch {
	case repeats < 1 || repeats > 100:
		return nil, errorf("repeats", "%d is out of range [1, 100]", repeats)
	case len(labels) != N:
		return nil, errorf("labels", "%d labels for %d rows", len(labels), N)
	case len(names) != F:
		return nil, errorf("fields", "%d names for %d fields", len(names), F)
	case N < 2:
		return nil, errorf("rows", "%d rows: need at least 2", N)
	case F > 255:
		return nil, errorf("fields", "%d fields: at most 255", F)
	}
	p := &Permutation[T]{sc: sc, names: names, labels: labels, repeats: repeats, seed: seed}
	p.rowOf = make([]int32, F*repeats*N)
	most := F * repeats * N // sized once: growing them would allocate (and collect) again and again
	p.base, p.from, p.field = make([]int32, 0, most), make([]int32, 0, most), make([]uint8, 0, most)
	rng := rand.New(rand.NewPCG(seed, 0x5ff1e))
	perm := make([]int32, N)
	// Per source, the values it has been given in this field's earlier
	// repeats and their rows (at most repeats; a short scan, no map).
	gotFrom, gotRow, gotN := make([]int32, N*repeats), make([]int32, N*repeats), make([]int32, N)
	for f := 0; f < F; f++ {
		clear(gotN)
		for r := 0; r < repeats; r++ {
			for i := range perm {
				perm[i] = int32(i)
			}
			rng.Shuffle(N, func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
			rows := p.rowOf[(f*repeats+r)*N : (f*repeats+r+1)*N]
			for i := range rows {
				own, got := sc.Canonical(f, int32(i)), sc.Canonical(f, perm[i])
				if own == got {
					rows[i] = int32(i) // the same values: the unshuffled row
					continue
				}
				row := int32(-1)
				for k := i * repeats; k < i*repeats+int(gotN[i]); k++ {
					if gotFrom[k] == got {
						row = gotRow[k]
					}
				}
				if row < 0 {
					row = int32(N + len(p.base))
					k := i*repeats + int(gotN[i])
					gotFrom[k], gotRow[k] = got, row
					gotN[i]++
					p.base, p.from, p.field = append(p.base, int32(i)), append(p.from, got), append(p.field, uint8(f))
				}
				rows[i] = row
			}
		}
	}
	p.logits = make([]T, N+len(p.base))
	return p, nil
}

// Rows is the number of distinct rows to score.
func (p *Permutation[T]) Rows() int { return len(p.logits) }

// Done is the number of rows scored so far.
func (p *Permutation[T]) Done() int { return p.done }

// Step scores up to max more rows, or once every row is scored computes
// one field's metrics (R AUCs: sorts, bounded like a chunk), and reports
// whether the result is complete.
func (p *Permutation[T]) Step(max int) bool {
	F, N := p.sc.F, p.sc.sources
	if p.done == len(p.logits) {
		p.addField()
		return len(p.res.Fields) == F
	}
	n := min(max, len(p.logits)-p.done)
	if cap(p.src) < n*F {
		p.src = make([]int32, n*F)
	}
	src := p.src[:n*F]
	for k := 0; k < n; k++ {
		row := p.done + k
		s, f, from := int32(row), -1, int32(0)
		if row >= N {
			s, f, from = p.base[row-N], int(p.field[row-N]), p.from[row-N]
		}
		for g := 0; g < F; g++ {
			src[k*F+g] = s
		}
		if f >= 0 {
			src[k*F+f] = from
		}
	}
	p.sc.Logits(p.logits[p.done:p.done+n], src)
	p.done += n
	return false
}

// metrics are AUC and LogLoss with source i's logit taken from rows(i).
func (p *Permutation[T]) metrics(rows func(i int) int32) (float64, float64) {
	for i := range p.prob {
		p.prob[i] = sigmoid(p.logits[rows(i)])
	}
	return AUC(p.prob, p.labels), LogLoss(p.prob, p.labels)
}

// addField adds the next field's importance (the unshuffled metrics first).
func (p *Permutation[T]) addField() {
	N, R := p.sc.sources, p.repeats
	if p.prob == nil {
		p.prob = make([]T, N)
		p.res = PermutationResult{Rows: N, Repeats: R, Seed: p.seed, Scored: len(p.logits), Fields: []FieldImportance{}}
		p.res.AUC, p.res.LogLoss = p.metrics(func(i int) int32 { return int32(i) })
	}
	f := len(p.res.Fields)
	drop, rise := make([]float64, R), make([]float64, R)
	for r := 0; r < R; r++ {
		rows := p.rowOf[(f*R+r)*N : (f*R+r+1)*N]
		auc, ll := p.metrics(func(i int) int32 { return rows[i] })
		drop[r], rise[r] = p.res.AUC-auc, ll-p.res.LogLoss
	}
	fi := FieldImportance{Name: p.names[f]}
	fi.AUCDrop, fi.AUCDropStd = meanStd(drop)
	fi.LogLossRise, fi.LogLossRiseStd = meanStd(rise)
	p.res.Fields = append(p.res.Fields, fi)
}

// Result is every field's importance, once Step has reported it complete.
func (p *Permutation[T]) Result() PermutationResult {
	if len(p.res.Fields) < p.sc.F {
		panic(fmt.Sprintf("model: permutation: %d of %d rows scored, %d of %d fields summarised", p.done, len(p.logits), len(p.res.Fields), p.sc.F))
	}
	return p.res
}

// meanStd is the mean and the sample standard deviation (n−1; 0 for one value).
func meanStd(xs []float64) (mean, std float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	if len(xs) < 2 {
		return mean, 0
	}
	for _, x := range xs {
		std += float64((x - mean) * (x - mean))
	}
	return mean, math.Sqrt(std / float64(len(xs)-1))
}
