package model

import "math"

// SEST's mechanism, accumulated by the Inspector: per field the squeeze,
// the excitations before and after their output activation (u and a, eq 2
// and 6), λ, the share of coordinates the soft threshold zeroes (eq 3),
// and per hidden unit of each branch the share of samples in which it is
// active. Under the per-coordinate reading a field has K values of each
// per sample: its Summary is over coordinates and samples, and its
// per-coordinate means (a K-vector) are kept too.
//
// The hidden units are shared: in either reading every a_i (or a_ij) reads
// all R units of its branch, so "active" is a property of a unit and a
// sample, not of a field (docs/sest.md).

// SESTUnits is, per hidden unit of each excitation branch, the share of
// samples in which the unit is active (ReLU(W_down·z) > 0).
type SESTUnits struct {
	Threshold []float64 `json:"threshold"` // eq (2)'s R units
	SE        []float64 `json:"se"`        // eq (6)'s R units
}

// moments is a streaming Summary (Welford's mean and variance, min, max),
// so the per-coordinate reading's F·K values per sample need no storage.
type moments struct {
	n        int
	mean, m2 float64
	min, max float64
}

func (s *moments) add(x float64) {
	if s.n == 0 {
		s.min, s.max = x, x
	}
	s.n++
	d := x - s.mean
	s.mean += d / float64(s.n)
	s.m2 += float64(d * (x - s.mean))
	s.min = math.Min(s.min, x)
	s.max = math.Max(s.max, x)
}

func (s *moments) summary() Summary {
	if s.n == 0 {
		return Summary{}
	}
	return Summary{Mean: s.mean, Std: math.Sqrt(s.m2 / float64(s.n)), Min: s.min, Max: s.max}
}

// sestStats accumulates SEST's mechanism over batches.
type sestStats struct {
	n                            int
	z, a, lambda, zeroed, seW    []moments // per field
	u, seU                       []moments // per field: pre-activation excitations
	aCoord, seCoord, zeroedCoord []float64 // (F, K) sums over samples, per coordinate only
	thrActive, seActive          []int     // per hidden unit: samples in which it is active
	uRow, seURow                 []float64 // scratch: one sample's u, width values
}

func newSESTStats[T Float](s *SEST[T]) *sestStats {
	st := &sestStats{}
	for _, p := range []*[]moments{&st.z, &st.a, &st.lambda, &st.zeroed, &st.seW, &st.u, &st.seU} {
		*p = make([]moments, s.F)
	}
	if s.PerCoordinate {
		for _, p := range []*[]float64{&st.aCoord, &st.seCoord, &st.zeroedCoord} {
			*p = make([]float64, s.F*s.K)
		}
	}
	st.thrActive, st.seActive = make([]int, s.Threshold.R), make([]int, s.Weight.R)
	st.uRow, st.seURow = make([]float64, s.Width()), make([]float64, s.Width())
	return st
}

// preActivation sets u (width) to W_up·h + b_up of sample i, the excitation
// before its output activation, and counts the sample's active units.
func preActivation[T Float](x *Excitation[T], i int, u []float64, active []int) {
	R := x.R
	h := x.h[i*R : i*R+R]
	for r, v := range h {
		if v > 0 {
			active[r]++
		}
	}
	for c := range u {
		var s float64
		for r, v := range h {
			s += float64(float64(x.Up.Value[c*R+r]) * float64(v))
		}
		if x.UpBias != nil {
			s += float64(x.UpBias.Value[c])
		}
		u[c] = s
	}
}

// addSEST accumulates the last Forward of s over n samples of embeddings E.
func addSEST[T Float](st *sestStats, s *SEST[T], E []T, n int) {
	F, K, W := s.F, s.K, s.Width()
	a, aW := s.Threshold.A, s.Weight.A
	st.n += n
	for i := 0; i < n; i++ {
		preActivation(s.Threshold, i, st.uRow, st.thrActive)
		preActivation(s.Weight, i, st.seURow, st.seActive)
		for f := 0; f < F; f++ {
			bi := i*F + f
			st.z[f].add(float64(s.z[bi]))
			e := E[bi*K : bi*K+K]
			zeroed := 0
			for k, x := range e {
				c := f // this coordinate's a, a', λ, u: one per field,
				if s.PerCoordinate {
					c = f*K + k // or one per coordinate
				}
				j := i*W + c
				lam := s.lambda[j]
				if abs(x) <= lam {
					zeroed++
					if s.PerCoordinate {
						st.zeroedCoord[c]++
					}
				}
				if k > 0 && !s.PerCoordinate {
					continue // one a, a', λ, u per field
				}
				st.a[f].add(float64(a[j]))
				st.seW[f].add(float64(aW[j]))
				st.lambda[f].add(float64(lam))
				st.u[f].add(st.uRow[c])
				st.seU[f].add(st.seURow[c])
				if s.PerCoordinate {
					st.aCoord[c] += float64(a[j])
					st.seCoord[c] += float64(aW[j])
				}
			}
			st.zeroed[f].add(float64(zeroed) / float64(K))
		}
	}
}

// fill sets SEST's view of every field in fields and returns the units.
func (st *sestStats) fill(fields []FieldSEST, K int) SESTUnits {
	perCoord := func(sums []float64, f int) []float64 {
		if sums == nil {
			return nil
		}
		out := make([]float64, K)
		for k := range out {
			out[k] = sums[f*K+k] / float64(st.n)
		}
		return out
	}
	for f := range fields {
		fl := &fields[f]
		fl.Z, fl.A, fl.Lambda = st.z[f].summary(), st.a[f].summary(), st.lambda[f].summary()
		fl.Zeroed, fl.SEWeight = st.zeroed[f].summary(), st.seW[f].summary()
		fl.U, fl.SEU = st.u[f].summary(), st.seU[f].summary()
		fl.ACoord, fl.SEWeightCoord, fl.ZeroedCoord = perCoord(st.aCoord, f), perCoord(st.seCoord, f), perCoord(st.zeroedCoord, f)
	}
	share := func(counts []int) []float64 {
		out := make([]float64, len(counts))
		for r, c := range counts {
			out[r] = float64(c) / float64(max(st.n, 1))
		}
		return out
	}
	return SESTUnits{Threshold: share(st.thrActive), SE: share(st.seActive)}
}
