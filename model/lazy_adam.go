package model

// Sparse embedding updates. A batch looks up a few rows of each embedding
// and linear table, so the gradient of every other row is zero but for L2.
// Dense Adam still decays every row's moments and moves every row each
// step, at a cost that grows with the vocabulary. LazyAdam (TensorFlow
// Addons' LazyAdam; PyTorch's SparseAdam) updates only the rows the batch
// touched, with their own moments and the global step's bias correction,
// and applies L2 to those rows only; dense parameters (MLP, SEST, FwBI, …)
// are updated as by Adam. The two differ: a row the batch skips keeps its
// moments and value instead of coasting on momentum (README measures what
// that does to AUC).

// rowTable is a parameter whose rows (Shape[0]) are indexed by one field's
// values, and the rows a step touched.
type rowTable[T Float] struct {
	p       *Param[T]
	width   int // elements per row
	touched []int32
	mark    []bool
}

// sparseRows lists the row tables of a model and the rows each step touches.
type sparseRows[T Float] struct {
	tables [][]*rowTable[T] // per field: the tables it indexes
	all    []*rowTable[T]
	dense  []*Param[T] // every other parameter
}

// RowTables is implemented by models whose tables are indexed by field
// values: per field, the parameters (Vocab, …) it looks rows up in.
type RowTables[T Float] interface {
	RowTables() [][]*Param[T]
}

func newSparseRows[T Float](a *Arena[T], perField [][]*Param[T]) *sparseRows[T] {
	s := &sparseRows[T]{}
	inTable := map[*Param[T]]bool{}
	for _, ps := range perField {
		var ts []*rowTable[T]
		for _, p := range ps {
			t := &rowTable[T]{p: p, width: len(p.Value) / p.Shape[0], mark: make([]bool, p.Shape[0])}
			ts = append(ts, t)
			s.all = append(s.all, t)
			inTable[p] = true
		}
		s.tables = append(s.tables, ts)
	}
	for _, p := range a.Params {
		if !inTable[p] {
			s.dense = append(s.dense, p)
		}
	}
	return s
}

// touch records the rows b looks up.
func (s *sparseRows[T]) touch(b *Batch) {
	F := len(s.tables)
	for i := 0; i < b.N; i++ {
		for f, ts := range s.tables {
			for _, v := range b.Values(F, i, f) {
				for _, t := range ts {
					if !t.mark[v] {
						t.mark[v] = true
						t.touched = append(t.touched, v)
					}
				}
			}
		}
	}
}

// zeroGrad clears the dense gradients and the touched rows' (every other
// row's gradient is already zero), and forgets the touched rows.
func (s *sparseRows[T]) zeroGrad() {
	for _, p := range s.dense {
		clear(p.Grad)
	}
	for _, t := range s.all {
		for _, r := range t.touched {
			clear(t.p.Grad[int(r)*t.width : int(r+1)*t.width])
			t.mark[r] = false
		}
		t.touched = t.touched[:0]
	}
}

// each calls f on every dense parameter's elements and every touched row,
// as (values, gradients, offset in the arena).
func (s *sparseRows[T]) each(f func(p *Param[T], w, g []T, off int)) {
	for _, p := range s.dense {
		f(p, p.Value, p.Grad, p.off)
	}
	for _, t := range s.all {
		for _, r := range t.touched {
			lo, hi := int(r)*t.width, int(r+1)*t.width
			f(t.p, t.p.Value[lo:hi], t.p.Grad[lo:hi], t.p.off+lo)
		}
	}
}

// LazyAdam is Adam over the dense parameters and the touched rows only.
type LazyAdam[T Float] struct {
	Adam[T]
	rows *sparseRows[T]
}

// Step implements Optimizer.
func (o *LazyAdam[T]) Step(a *Arena[T]) {
	n := len(a.Value)
	m, v := o.state[:n], o.state[n:2*n]
	step := o.next()
	o.rows.each(func(_ *Param[T], w, g []T, off int) {
		step.update(w, g, m[off:off+len(w)], v[off:off+len(w)])
	})
}

// lazyApply is Trainer.Apply for LazyAdam: L2 and the finite check on the
// dense parameters and the touched rows only.
func (t *Trainer[T]) lazyApply(o *LazyAdam[T]) error {
	var bad *Param[T]
	var badG T
	o.rows.each(func(p *Param[T], w, g []T, _ int) {
		if p.L2 != 0 {
			for i := range g {
				g[i] += T(2 * p.L2 * w[i])
			}
		}
		if i := firstNonFinite(g); bad == nil && i >= 0 {
			bad, badG = p, g[i]
		}
	})
	if bad != nil {
		return errorfNonFinite(t.Steps()+1, bad.Name, badG)
	}
	o.Step(t.Model.Params())
	return nil
}
