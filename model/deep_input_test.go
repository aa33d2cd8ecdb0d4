package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

// An MLP input made of blocks is the blocks side by side per sample, and
// its backward is the adjoint: Σ dIn·input = Σ_blocks Σ dx·x for a linear
// "MLP" (one bias-free identity layer), so every gradient lands in the block
// it came from.
func TestDeepInputGathersAndScatters(t *testing.T) {
	const B, n = 3, 2
	rng := rand.New(rand.NewPCG(37, 38))
	widths := []int{4, 2, 3}
	d := &deepInput[float64]{}
	for _, w := range widths {
		d.add(randN(rng, B*w, 1), make([]float64, B*w), w)
	}
	d.size(B, false)
	in := d.input(n)
	for b := 0; b < n; b++ {
		off := b * d.width
		for _, blk := range d.blocks {
			for i := 0; i < blk.w; i++ {
				if in[off+i] != blk.x[b*blk.w+i] {
					t.Fatalf("sample %d: input %v is not block value %v", b, in[off+i], blk.x[b*blk.w+i])
				}
			}
			off += blk.w
		}
	}
	var a Arena[float64]
	mlp := NewMLP(&a, "mlp", d.width, []int{d.width}, Identity, 0, B)
	a.Finalize(rng)
	W := mlp.Layers[0].W.Value
	clear(W)
	for i := 0; i < d.width; i++ {
		W[i*d.width+i] = 1
	}
	out := mlp.Forward(in, n, false, rng)
	dOut := randN(rng, len(out), 1)
	want := append([]float64(nil), dOut...)
	d.backward(mlp, dOut, n)
	for b := 0; b < n; b++ {
		off := b * d.width
		for _, blk := range d.blocks {
			for i := 0; i < blk.w; i++ {
				if math.Abs(blk.dx[b*blk.w+i]-want[off+i]) > 1e-12 {
					t.Fatalf("sample %d: block gradient %v, want %v", b, blk.dx[b*blk.w+i], want[off+i])
				}
			}
			off += blk.w
		}
	}
}
