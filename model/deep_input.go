package model

// deepInput is what an MLP reads (eq 17's input): blocks such as flat X,
// bi(X) or bilinear(X) side by side per sample, from one stream or from
// every stream (the shared MLP). A lone flat X is passed through without
// a copy.
type deepInput[T Float] struct {
	blocks []deepBlock[T]
	width  int
	buf    []T // (B, width), nil when direct
	dBuf   []T
	direct bool // the input is blocks[0]'s values themselves
}

// deepBlock is one block: a layer's output and its gradient buffer, both
// (B, w).
type deepBlock[T Float] struct {
	x, dx []T
	w     int
}

// add appends a block.
func (d *deepInput[T]) add(x, dx []T, w int) {
	d.blocks = append(d.blocks, deepBlock[T]{x: x, dx: dx, w: w})
	d.width += w
}

// size allocates the input's buffers for B samples unless direct: the
// MLP reads a lone flat X in place, and adds its gradient straight into dX.
func (d *deepInput[T]) size(B int, direct bool) {
	d.direct = direct
	if !direct {
		d.buf, d.dBuf = make([]T, B*d.width), make([]T, B*d.width)
	}
}

// joinDeepInputs is the shared MLP's input: every block of a, then every
// block of b.
func joinDeepInputs[T Float](a, b *deepInput[T], B int) *deepInput[T] {
	d := &deepInput[T]{}
	for _, blk := range append(append([]deepBlock[T](nil), a.blocks...), b.blocks...) {
		d.add(blk.x, blk.dx, blk.w)
	}
	d.size(B, false)
	return d
}

// input returns the MLP input (n, width), copying blocks side by side.
func (d *deepInput[T]) input(n int) []T {
	if d.direct {
		return d.blocks[0].x[:n*d.width]
	}
	for b := 0; b < n; b++ {
		off := b * d.width
		for _, blk := range d.blocks {
			copy(d.buf[off:off+blk.w], blk.x[b*blk.w:b*blk.w+blk.w])
			off += blk.w
		}
	}
	return d.buf[:n*d.width]
}

// backward runs mlp's backward from dOut and adds the input's gradient
// into each block's.
func (d *deepInput[T]) backward(mlp *MLP[T], dOut []T, n int) {
	if d.direct {
		mlp.Backward(d.blocks[0].dx[:n*d.width], dOut, n)
		return
	}
	dIn := d.dBuf[:n*d.width]
	clear(dIn)
	mlp.Backward(dIn, dOut, n)
	for b := 0; b < n; b++ {
		off := b * d.width
		for _, blk := range d.blocks {
			dst := blk.dx[b*blk.w : b*blk.w+blk.w]
			for i, v := range dIn[off : off+blk.w] {
				dst[i] += v
			}
			off += blk.w
		}
	}
}
