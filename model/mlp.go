package model

import (
	"math/rand/v2"
	"strconv"
)

// MLP, the deep part (paper §3.5, eq 17–18) on the flattened embeddings of
// one stream: E^(l+1) = dropout(σ(W^(l) E^(l) + b^(l))). Its last hidden
// layer is the part's output; the fusion maps it to a logit (eq 18's final
// layer, bias-free as DeepCTR's deep branches end).
type MLP[T Float] struct {
	In     int
	Widths []int
	Act    Activation
	Layers []*Dense[T]
	Drops  []*Dropout[T]
	act    [][]T // (B, H_l) σ(Wx + b), saved for σ'
	out    [][]T // (B, H_l) after dropout: the next layer's input
	dAct   [][]T // (B, H_l) scratch
	train  bool
	lastIn []T
}

// NewMLP declares the layers in → widths[0] → … → widths[H−1].
func NewMLP[T Float](a *Arena[T], name string, in int, widths []int, act Activation, dropout float64, maxBatch int) *MLP[T] {
	m := &MLP[T]{In: in, Widths: widths, Act: act}
	prev := in
	for l, w := range widths {
		m.Layers = append(m.Layers, NewDense(a, name+".layer"+strconv.Itoa(l), prev, w, true))
		m.Drops = append(m.Drops, NewDropout[T](dropout, maxBatch, w))
		m.act = append(m.act, make([]T, maxBatch*w))
		m.out = append(m.out, make([]T, maxBatch*w))
		m.dAct = append(m.dAct, make([]T, maxBatch*w))
		prev = w
	}
	return m
}

// OutWidth is the width of the MLP's output.
func (m *MLP[T]) OutWidth() int { return m.Widths[len(m.Widths)-1] }

// Forward maps x (n, In) to the last hidden layer (n, OutWidth); the
// result aliases the MLP's buffer.
func (m *MLP[T]) Forward(x []T, n int, train bool, rng *rand.Rand) []T {
	m.train, m.lastIn = train, x
	in := x
	for l, d := range m.Layers {
		a := m.act[l][:n*d.Out]
		d.forwardActivate(a, in, n, m.Act) // eq (17): σ(W x + b)
		m.Drops[l].Forward(m.out[l][:n*d.Out], a, train, rng)
		in = m.out[l][:n*d.Out]
	}
	return in
}

// Backward takes dOut (n, OutWidth), destroys it, and adds into dx (n, In)
// (if not nil) and the layers' gradients.
func (m *MLP[T]) Backward(dx, dOut []T, n int) {
	g := dOut
	for l := len(m.Layers) - 1; l >= 0; l-- {
		d := m.Layers[l]
		m.Drops[l].Backward(g, g, m.train)
		activateBackward(m.Act, g, m.act[l][:n*d.Out])
		in := m.lastIn
		var dIn []T
		if l > 0 {
			in = m.out[l-1][:n*d.In]
			dIn = m.dAct[l-1][:n*d.In]
			clear(dIn)
		} else {
			dIn = dx
		}
		d.Backward(dIn, g, in, n)
		g = dIn
	}
}
