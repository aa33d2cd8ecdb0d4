package model

import "strconv"

// CIN, xDeepFM's compressed interaction network (Lian et al. 2018;
// DeepCTR's CIN): with X^0 = E (F feature maps of K),
//
//	X^h_{c,k} = act(Σ_{i,j} W^h_{c,(i,j)} X^{h−1}_{i,k} X^0_{j,k} + b^h_c)     (H_h, K)
//
// With split_half, every layer but the last sends half of its maps on and
// half to the output; the output is each kept map summed over k. The
// activation is ReLU (DeepCTR's default; xDeepFM's paper is linear:
// Identity).
//
// Layout: maps are kept k-major, (B, K, H), so one layer is one matrix
// product: Z (B·K, H_{h−1}·F) with Z[(b,k)][(i,j)] = X^{h−1}_{b,k,i} X^0_{b,k,j},
// then X^h = Z · Wᵀ, W (H_h, H_{h−1}·F).

// CIN holds the layers and what Backward needs.
type CIN[T Float] struct {
	F, K      int
	Sizes     []int // H_h
	SplitHalf bool
	Act       Activation
	W, Bias   []*Param[T]
	next, out []int // per layer: maps sent on, maps sent to the output
	x0        []T   // (B, K, F) E transposed
	z         [][]T // per layer (B·K, H_{h−1}·F)
	x         [][]T // per layer (B·K, H_h), after act
	dx        [][]T // per layer scratch
	dz        []T   // scratch, the largest z
	dx0       []T   // (B, K, F)
	outWidth  int
}

// NewCIN declares the layers.
func NewCIN[T Float](a *Arena[T], name string, F, K, maxBatch int, sizes []int, splitHalf bool, act Activation) *CIN[T] {
	c := &CIN[T]{F: F, K: K, Sizes: sizes, SplitHalf: splitHalf, Act: act}
	prev := F
	maxZ := 0
	for h, H := range sizes {
		c.W = append(c.W, a.Declare(name+".W"+strconv.Itoa(h), Init{Kind: InitGlorotNormal, FanIn: prev * F, FanOut: H}, H, prev*F))
		c.Bias = append(c.Bias, a.Declare(name+".b"+strconv.Itoa(h), Init{Kind: InitZeros}, H))
		next, out := H, H // without split_half every map goes both ways
		if splitHalf && h < len(sizes)-1 {
			next, out = H/2, H-H/2
		}
		c.next, c.out = append(c.next, next), append(c.out, out)
		c.outWidth += out
		c.z = append(c.z, make([]T, maxBatch*K*prev*F))
		c.x = append(c.x, make([]T, maxBatch*K*H))
		c.dx = append(c.dx, make([]T, maxBatch*K*H))
		maxZ = max(maxZ, maxBatch*K*prev*F)
		prev = next
	}
	c.x0 = make([]T, maxBatch*K*F)
	c.dx0 = make([]T, maxBatch*K*F)
	c.dz = make([]T, maxZ)
	return c
}

// OutWidth is the width of the pooled output.
func (c *CIN[T]) OutWidth() int { return c.outWidth }

// in returns layer h's input maps: X^{h−1} (B·K, stride) and how many of
// its leading maps go on (split_half sends the first half on).
func (c *CIN[T]) in(h int) (x []T, stride, maps int) {
	if h == 0 {
		return c.x0, c.F, c.F
	}
	return c.x[h-1], c.Sizes[h-1], c.next[h-1]
}

// Forward sets out (n, OutWidth) from E (n, F, K).
func (c *CIN[T]) Forward(out, E []T, n int) {
	F, K := c.F, c.K
	for b := 0; b < n; b++ {
		for f := 0; f < F; f++ {
			for k := 0; k < K; k++ {
				c.x0[(b*K+k)*F+f] = E[(b*F+f)*K+k]
			}
		}
	}
	clear(out[:n*c.outWidth])
	col := 0
	for h, H := range c.Sizes {
		xp, stride, maps := c.in(h)
		z := c.z[h][:n*K*maps*F]
		for r := 0; r < n*K; r++ {
			zr := z[r*maps*F : (r+1)*maps*F]
			x0 := c.x0[r*F : r*F+F]
			for i := 0; i < maps; i++ {
				xi := xp[r*stride+i]
				for j, v := range x0 {
					zr[i*F+j] = xi * v
				}
			}
		}
		x := c.x[h][:n*K*H]
		mulABt(x, z, c.W[h].Value, n*K, maps*F, H)
		addRowBias(x, c.Bias[h].Value, n*K, H)
		activate(c.Act, x)
		// Sum-pool the output maps over k (the last ones, after those sent on).
		first := H - c.out[h]
		for b := 0; b < n; b++ {
			o := out[b*c.outWidth+col : b*c.outWidth+col+c.out[h]]
			for k := 0; k < K; k++ {
				row := x[(b*K+k)*H+first : (b*K+k)*H+H]
				for m, v := range row {
					o[m] += v
				}
			}
		}
		col += c.out[h]
	}
}

// Backward adds into dE and the layers' gradients, given dOut.
func (c *CIN[T]) Backward(dE, dOut []T, n int) {
	F, K := c.F, c.K
	clear(c.dx0[:n*K*F])
	col := c.outWidth
	for h := len(c.Sizes) - 1; h >= 0; h-- {
		H := c.Sizes[h]
		col -= c.out[h]
		dx := c.dx[h][:n*K*H]
		if h == len(c.Sizes)-1 {
			clear(dx)
		}
		first := H - c.out[h]
		for b := 0; b < n; b++ {
			g := dOut[b*c.outWidth+col : b*c.outWidth+col+c.out[h]]
			for k := 0; k < K; k++ {
				row := dx[(b*K+k)*H+first : (b*K+k)*H+H]
				for m, v := range g {
					row[m] += v
				}
			}
		}
		x := c.x[h][:n*K*H]
		activateBackward(c.Act, dx, x)
		xp, stride, maps := c.in(h)
		z := c.z[h][:n*K*maps*F]
		addAB(c.W[h].Grad, dx, z, H, n*K, maps*F, 1, H) // dW += dxᵀ · z
		addColumnSums(c.Bias[h].Grad, dx, n*K, H)
		dz := c.dz[:n*K*maps*F]
		clear(dz)
		addAB(dz, dx, c.W[h].Value, n*K, H, maps*F, H, 1) // dz = dx · W
		// z[(i,j)] = xp_i · x0_j
		var dxp []T
		if h > 0 {
			dxp = c.dx[h-1][:n*K*stride]
			clear(dxp)
		}
		for r := 0; r < n*K; r++ {
			dzr := dz[r*maps*F : (r+1)*maps*F]
			x0 := c.x0[r*F : r*F+F]
			dx0 := c.dx0[r*F : r*F+F]
			for i := 0; i < maps; i++ {
				xi := xp[r*stride+i]
				var s T
				for j, v := range x0 {
					g := dzr[i*F+j]
					s += T(g * v)
					dx0[j] += T(g * xi)
				}
				if h > 0 {
					dxp[r*stride+i] += s
				} else {
					dx0[i] += s // layer 0's input is X^0 itself
				}
			}
		}
	}
	for b := 0; b < n; b++ {
		for f := 0; f < F; f++ {
			for k := 0; k < K; k++ {
				dE[(b*F+f)*K+k] += c.dx0[(b*K+k)*F+f]
			}
		}
	}
}
