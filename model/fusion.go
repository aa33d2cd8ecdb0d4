package model

// Fusion joins the parts of both streams (FwBI_o(E), MLP_o(E), FwBI_s(V),
// MLP_s(V)) into one logit. The paper (§3) "aggregates the original outputs
// from the FwBI and MLP layers with their SEST-enhanced counterparts,
// followed by joint processing through ReLU"; docs/design.md keeps two readings:
//
//	sum:    logit += Σ_p w_pᵀ part_p                  (each part → bias-free Dense(1))
//	concat: logit += wᵀ ReLU(W [part_1; …; part_P] + b)
//
// A scalar part (FM, FwFM) has no head in the sum fusion: it is added as it
// is, as DeepCTR adds FM's output to the logit.

// FusionSum and FusionConcat name the two readings.
const (
	FusionSum    = "sum"
	FusionConcat = "concat"
)

// Fusion maps the parts to a logit term.
type Fusion[T Float] struct {
	Mode   string
	Widths []int
	Heads  []*Param[T] // sum: one (width_p) per part; nil for a scalar part
	Hidden *Dense[T]   // concat: (Σ widths) → H
	Out    *Param[T]   // concat: (H)

	cat, hid, dcat, dhid []T
}

// NewFusion declares the heads for parts of the given widths and names.
func NewFusion[T Float](a *Arena[T], mode string, names []string, widths []int, scalar []bool, hidden, maxBatch int) *Fusion[T] {
	f := &Fusion[T]{Mode: mode, Widths: widths}
	if mode == FusionConcat {
		total := 0
		for _, w := range widths {
			total += w
		}
		f.Hidden = NewDense(a, "fusion.hidden", total, hidden, true)
		f.Out = a.Declare("fusion.out", Init{Kind: InitGlorotNormal, FanIn: hidden, FanOut: 1}, hidden)
		f.cat = make([]T, maxBatch*total)
		f.dcat = make([]T, maxBatch*total)
		f.hid = make([]T, maxBatch*hidden)
		f.dhid = make([]T, maxBatch*hidden)
		return f
	}
	for p, w := range widths {
		if scalar != nil && scalar[p] {
			f.Heads = append(f.Heads, nil)
			continue
		}
		f.Heads = append(f.Heads, a.Declare("head."+names[p], Init{Kind: InitGlorotNormal, FanIn: w, FanOut: 1}, w))
	}
	return f
}

// Forward adds the fused logit term of parts (each (n, width_p)) into logit.
func (f *Fusion[T]) Forward(logit []T, parts [][]T, n int) {
	if f.Mode != FusionConcat {
		for p, part := range parts {
			if f.Heads[p] == nil {
				for b := 0; b < n; b++ {
					logit[b] += part[b]
				}
				continue
			}
			addRowDots(logit[:n], part, f.Heads[p].Value)
		}
		return
	}
	total, H := f.Hidden.In, f.Hidden.Out
	f.concat(parts, n)
	hid := f.hid[:n*H]
	f.Hidden.Forward(hid, f.cat[:n*total], n)
	activate(ReLU, hid)
	addRowDots(logit[:n], hid, f.Out.Value)
}

// addRowDots adds to each logit[b] the dot product of row b of rows (rows
// of len(w)) with w, each summed in order. Four rows at a time, so that
// four sums are in flight instead of one waiting on the last addition.
func addRowDots[T Float](logit, rows, w []T) {
	W := len(w)
	b := 0
	for ; b+4 <= len(logit); b += 4 {
		r0 := rows[b*W : b*W+W][:W]
		r1 := rows[(b+1)*W : (b+1)*W+W][:W]
		r2 := rows[(b+2)*W : (b+2)*W+W][:W]
		r3 := rows[(b+3)*W : (b+3)*W+W][:W]
		var s0, s1, s2, s3 T
		for k, v := range w {
			s0 += T(r0[k] * v)
			s1 += T(r1[k] * v)
			s2 += T(r2[k] * v)
			s3 += T(r3[k] * v)
		}
		logit[b] += s0
		logit[b+1] += s1
		logit[b+2] += s2
		logit[b+3] += s3
	}
	for ; b < len(logit); b++ {
		var s T
		for k, v := range rows[b*W : b*W+W] {
			s += T(v * w[k])
		}
		logit[b] += s
	}
}

func (f *Fusion[T]) concat(parts [][]T, n int) {
	total := f.Hidden.In
	for b := 0; b < n; b++ {
		off := b * total
		for p, part := range parts {
			W := f.Widths[p]
			copy(f.cat[off:off+W], part[b*W:b*W+W])
			off += W
		}
	}
}

// Backward sets dParts (each (n, width_p)) and adds the fusion's gradients,
// given dLogit (n).
func (f *Fusion[T]) Backward(dParts, parts [][]T, dLogit []T, n int) {
	if f.Mode != FusionConcat {
		for p, part := range parts {
			head := f.Heads[p]
			if head == nil {
				copy(dParts[p][:n], dLogit[:n])
				continue
			}
			W := len(head.Value)
			for b := 0; b < n; b++ {
				g := dLogit[b]
				row, drow := part[b*W:b*W+W], dParts[p][b*W:b*W+W]
				for k, v := range row {
					head.Grad[k] += T(g * v)
					drow[k] = g * head.Value[k]
				}
			}
		}
		return
	}
	total, H := f.Hidden.In, f.Hidden.Out
	hid, dhid := f.hid[:n*H], f.dhid[:n*H]
	for b := 0; b < n; b++ {
		g := dLogit[b]
		for k := 0; k < H; k++ {
			f.Out.Grad[k] += T(g * hid[b*H+k])
			dhid[b*H+k] = g * f.Out.Value[k]
		}
	}
	activateBackward(ReLU, dhid, hid)
	dcat := f.dcat[:n*total]
	clear(dcat)
	f.Hidden.Backward(dcat, dhid, f.cat[:n*total], n)
	for b := 0; b < n; b++ {
		off := b * total
		for p := range parts {
			W := f.Widths[p]
			copy(dParts[p][b*W:b*W+W], dcat[off:off+W])
			off += W
		}
	}
}
