package model

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Param is one named parameter tensor: a window into its Arena's Value and
// Grad, valid after the arena is finalised.
type Param[T Float] struct {
	Name  string
	Shape []int
	Value []T // row-major, len = product of Shape
	Grad  []T // same layout; Backward adds into it
	L2    T   // L2 coefficient λ: the loss gains λ·Σw², the gradient 2λw
	init  Init
	off   int
}

// Size is the number of elements.
func (p *Param[T]) Size() int { return len(p.Value) }

// InitKind names an initialiser.
type InitKind int

const (
	InitZeros        InitKind = iota
	InitConst                 // every element = Value
	InitNormal                // N(0, Std²)
	InitGlorotNormal          // truncated normal, std √(2/(fan_in+fan_out)) (Keras glorot_normal, DeepCTR's DNN default)
	InitTruncNormal           // N(0, Std²) truncated at ±2 Std (TensorFlow's TruncatedNormal)
)

// Init says how a parameter starts.
type Init struct {
	Kind  InitKind
	Std   float64
	Value float64
	// FanIn, FanOut for InitGlorotNormal.
	FanIn, FanOut int
}

// Arena holds every parameter of a model in two flat slices, llm.c style:
// the optimiser, L2, zeroing, the parameter count and checkpoints walk
// Value and Grad without knowing about layers.
type Arena[T Float] struct {
	Params []*Param[T]
	Value  []T
	Grad   []T
	final  bool
}

// Declare adds a parameter of the given shape; its slices are set by
// Finalize. Declaration order is the checkpoint and initialisation order.
func (a *Arena[T]) Declare(name string, init Init, shape ...int) *Param[T] {
	if a.final {
		panic("model: arena: Declare(" + name + ") after Finalize")
	}
	n := 1
	for _, d := range shape {
		n *= d
	}
	if n <= 0 {
		panic(fmt.Sprintf("model: arena: %s has shape %v", name, shape))
	}
	off := 0
	if k := len(a.Params); k > 0 {
		last := a.Params[k-1]
		off = last.off + shapeSize(last.Shape)
	}
	p := &Param[T]{Name: name, Shape: shape, init: init, off: off}
	a.Params = append(a.Params, p)
	return p
}

func shapeSize(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}

// Finalize allocates the arena and initialises every parameter, in
// declaration order, from rng.
func (a *Arena[T]) Finalize(rng *rand.Rand) {
	total := 0
	for _, p := range a.Params {
		total += shapeSize(p.Shape)
	}
	a.Value = make([]T, total)
	a.Grad = make([]T, total)
	for _, p := range a.Params {
		n := shapeSize(p.Shape)
		p.Value = a.Value[p.off : p.off+n : p.off+n]
		p.Grad = a.Grad[p.off : p.off+n : p.off+n]
		initialise(p.Value, p.init, rng)
	}
	a.final = true
}

func initialise[T Float](v []T, in Init, rng *rand.Rand) {
	switch in.Kind {
	case InitZeros:
		clear(v)
	case InitConst:
		for i := range v {
			v[i] = T(in.Value)
		}
	case InitNormal:
		for i := range v {
			v[i] = T(in.Std * rng.NormFloat64())
		}
	case InitTruncNormal:
		for i := range v {
			x := rng.NormFloat64()
			for x < -2 || x > 2 {
				x = rng.NormFloat64()
			}
			v[i] = T(in.Std * x)
		}
	case InitGlorotNormal:
		// Keras: truncated at 2σ, σ scaled by 1/0.8796 so the variance is
		// 2/(fan_in+fan_out) after truncation.
		std := math.Sqrt(2/float64(in.FanIn+in.FanOut)) / 0.87962566103423978
		for i := range v {
			x := rng.NormFloat64()
			for x < -2 || x > 2 {
				x = rng.NormFloat64()
			}
			v[i] = T(std * x)
		}
	}
}

// ZeroGrad sets every gradient to zero.
func (a *Arena[T]) ZeroGrad() { clear(a.Grad) }

// Count is the number of scalar parameters.
func (a *Arena[T]) Count() int { return len(a.Value) }

// AddL2 adds each parameter's L2 gradient 2λw and returns the penalty
// Σ λ·Σw² (DeepCTR-Torch's regularisation loss).
func (a *Arena[T]) AddL2() float64 {
	a.addL2Gradients()
	var penalty float64
	for _, p := range a.Params {
		if p.L2 == 0 {
			continue
		}
		var ss T
		for _, w := range p.Value {
			ss += T(w * w)
		}
		penalty += float64(float64(p.L2) * float64(ss))
	}
	return penalty
}

// addL2Gradients is AddL2 without the penalty (what a training step
// needs): g += 2λw, on vectors where it can.
func (a *Arena[T]) addL2Gradients() {
	for _, p := range a.Params {
		if p.L2 == 0 {
			continue
		}
		w, g := p.Value, p.Grad[:len(p.Value)]
		c := 2 * p.L2
		if vk := vectorFor[T](len(w)); vk != nil {
			done := vk.addScaled(float32s(g), float32s(w), float32(c))
			w, g = w[done:], g[done:]
		}
		for i, x := range w {
			g[i] += T(c * x)
		}
	}
}

// Lookup returns the parameter called name, or nil.
func (a *Arena[T]) Lookup(name string) *Param[T] {
	for _, p := range a.Params {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// Finite reports whether every parameter value is finite.
func (a *Arena[T]) Finite() bool {
	for _, v := range a.Value {
		f := float64(v)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return false
		}
	}
	return true
}

// ParamAt returns the parameter holding arena index i.
func (a *Arena[T]) ParamAt(i int) *Param[T] {
	for _, p := range a.Params {
		if i >= p.off && i < p.off+len(p.Value) {
			return p
		}
	}
	return nil
}
