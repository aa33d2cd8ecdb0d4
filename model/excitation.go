package model

import "math"

// Excitation: the two fully connected layers shared by both SEST branches
// (eq 2 and eq 6) and by FiBiNET's SENET:
//
//	A = σ2(W_up · ReLU(W_down · Z))      W_down (R, F), W_up (F, R)
//
// R = max(1, ⌊F/r⌋) for reduction ratio r. The paper has no biases; with
// Bias the layers gain them (docs/design.md: without biases the weights barely
// move from their initial values). With Norm the squeeze vector is first
// divided by its root mean square over fields, so the layers see O(1)
// inputs instead of means of embeddings of size ~1e-2 (docs/design.md,
// "Why SEST's weights sit at 0.5 per field").

// Excitation is the bottleneck pair of eq (2)/(6), with saved activations.
type Excitation[T Float] struct {
	F, R int
	Out  Activation // σ2
	Norm bool
	// Tiled: the products use the register-tiled kernels (kernels.go)
	// instead of their naive references: 2.5× faster at SEST per
	// coordinate's widths (F·K = 128, R = 42). SEST per field and FiBiNET's
	// SENET (F fields, R = 2) keep the naive kernels their pinned weight
	// hashes were taken with.
	Tiled    bool
	Down, Up *Param[T] // W_down (R, F), W_up (F, R)
	DownBias *Param[T] // (R) or nil
	UpBias   *Param[T] // (F) or nil

	zn  []T // (B, F) squeeze after optional normalisation
	rms []T // (B)    the RMS that Norm divided by
	h   []T // (B, R) ReLU(W_down · zn)
	A   []T // (B, F) the excitation weights, output
	ds  []T // (B, F) scratch
	dh  []T // (B, R) scratch
	dzn []T // (B, F) scratch
}

// ReducedWidth is R = max(1, ⌊F/ratio⌋) (DeepCTR's SENETLayer).
func ReducedWidth(F, ratio int) int { return max(1, F/ratio) }

// NewExcitation declares W_down, W_up (Glorot normal, as DeepCTR's SENET)
// and, if bias, zero biases.
func NewExcitation[T Float](a *Arena[T], name string, F, ratio, maxBatch int, out Activation, bias, norm bool) *Excitation[T] {
	R := ReducedWidth(F, ratio)
	x := &Excitation[T]{F: F, R: R, Out: out, Norm: norm}
	x.Down = a.Declare(name+".W_down", Init{Kind: InitGlorotNormal, FanIn: F, FanOut: R}, R, F)
	x.Up = a.Declare(name+".W_up", Init{Kind: InitGlorotNormal, FanIn: R, FanOut: F}, F, R)
	if bias {
		x.DownBias = a.Declare(name+".b_down", Init{Kind: InitZeros}, R)
		x.UpBias = a.Declare(name+".b_up", Init{Kind: InitZeros}, F)
	}
	x.zn = make([]T, maxBatch*F)
	x.rms = make([]T, maxBatch)
	x.h = make([]T, maxBatch*R)
	x.A = make([]T, maxBatch*F)
	x.ds = make([]T, maxBatch*F)
	x.dh = make([]T, maxBatch*R)
	x.dzn = make([]T, maxBatch*F)
	return x
}

const normEps = 1e-12

// Forward computes A (B, F) from the squeeze Z (B, F); A aliases x.A.
func (x *Excitation[T]) Forward(Z []T, n int) []T {
	F, R := x.F, x.R
	mustLen("excitation Z", Z, n*F)
	zn := x.zn[:n*F]
	copy(zn, Z[:n*F])
	if x.Norm {
		for b := 0; b < n; b++ {
			row := zn[b*F : b*F+F]
			var ss float64
			for _, v := range row {
				ss += float64(float64(v) * float64(v))
			}
			rms := T(math.Sqrt(ss/float64(F) + normEps))
			x.rms[b] = rms
			for i := range row {
				row[i] /= rms
			}
		}
	}
	mul := mulABtNaive[T]
	if x.Tiled {
		mul = mulABt[T]
	}
	h := x.h[:n*R]
	mul(h, zn, x.Down.Value, n, F, R) // W_down · z   (B, R)
	if x.DownBias != nil {
		addRowBias(h, x.DownBias.Value, n, R)
	}
	activate(ReLU, h) // σ1
	A := x.A[:n*F]
	mul(A, h, x.Up.Value, n, R, F) // W_up · h   (B, F)
	if x.UpBias != nil {
		addRowBias(A, x.UpBias.Value, n, F)
	}
	activate(x.Out, A) // σ2
	return A
}

// Backward adds into dZ and the parameter gradients, given dA.
func (x *Excitation[T]) Backward(dZ, dA []T, n int) {
	F, R := x.F, x.R
	ds := x.ds[:n*F]
	copy(ds, dA[:n*F])
	activateBackward(x.Out, ds, x.A)
	addAB(x.Up.Grad, ds, x.h, F, n, R, 1, F) // dW_up += dsᵀ · h
	if x.UpBias != nil {
		addColumnSums(x.UpBias.Grad, ds, n, F)
	}
	add := addABNaive[T]
	if x.Tiled {
		add = addAB[T]
	}
	dh := x.dh[:n*R]
	clear(dh)
	add(dh, ds, x.Up.Value, n, F, R, F, 1) // dh = ds · W_up
	activateBackward(ReLU, dh, x.h)
	addAB(x.Down.Grad, dh, x.zn, R, n, F, 1, R) // dW_down += dhᵀ · zn
	if x.DownBias != nil {
		addColumnSums(x.DownBias.Grad, dh, n, R)
	}
	dzn := x.dzn[:n*F]
	clear(dzn)
	add(dzn, dh, x.Down.Value, n, R, F, R, 1) // dzn = dh · W_down
	if !x.Norm {
		for i, v := range dzn {
			dZ[i] += v
		}
		return
	}
	// zn_i = z_i/ρ, ρ = √(Σz²/F + ε):  dz_i = dzn_i/ρ − z_i/(F ρ³) Σ_j dzn_j z_j
	for b := 0; b < n; b++ {
		rms := x.rms[b]
		g, zn := dzn[b*F:b*F+F], x.zn[b*F:b*F+F]
		var dot T
		for j, v := range g {
			dot += T(v * zn[j]) // zn = z/ρ, so Σ dzn·z = ρ Σ dzn·zn
		}
		for i := range g {
			dZ[b*F+i] += (g[i] - zn[i]*dot/T(F)) / rms
		}
	}
}

// addRowBias adds bias (C) to every row of y (R, C).
func addRowBias[T Float](y, bias []T, R, C int) {
	if v := vectorFor[T](C); v != nil {
		v.addBias(float32s(y[:R*C]), float32s(bias[:C]), false)
		return
	}
	for r := 0; r < R; r++ {
		row := y[r*C : r*C+C]
		for c, v := range bias[:C] {
			row[c] += v
		}
	}
}

// addRowBiasActivate is addRowBias (none if bias is nil), then activate on
// y (R, C): on vectors with ReLU, both in one pass over y.
func addRowBiasActivate[T Float](act Activation, y, bias []T, R, C int) {
	y = y[:R*C]
	if v := vectorFor[T](C); v != nil && bias != nil && (act == ReLU || act == Identity) {
		v.addBias(float32s(y), float32s(bias[:C]), act == ReLU)
		return
	}
	if bias != nil {
		addRowBias(y, bias, R, C)
	}
	activate(act, y)
}

// addColumnSums adds the column sums of d (R, C) into g (C).
func addColumnSums[T Float](g, d []T, R, C int) {
	for r := 0; r < R; r++ {
		row := d[r*C : r*C+C]
		for c, v := range row {
			g[c] += v
		}
	}
}
