package model

// Dense is a fully connected layer y = x · Wᵀ + b (eq 17 before σ), with W
// kept as (Out, In) so the forward pass is a product of contiguous rows.
type Dense[T Float] struct {
	In, Out int
	W       *Param[T] // (Out, In), Glorot normal (DeepCTR's DNN)
	B       *Param[T] // (Out) zeros, or nil for a bias-free layer
}

// NewDense declares W and, if bias, b.
func NewDense[T Float](a *Arena[T], name string, in, out int, bias bool) *Dense[T] {
	d := &Dense[T]{In: in, Out: out}
	d.W = a.Declare(name+".W", Init{Kind: InitGlorotNormal, FanIn: in, FanOut: out}, out, in)
	if bias {
		d.B = a.Declare(name+".b", Init{Kind: InitZeros}, out)
	}
	return d
}

// Forward sets y (n, Out) = x (n, In) · Wᵀ + b.
func (d *Dense[T]) Forward(y, x []T, n int) { d.forwardActivate(y, x, n, Identity) }

// forwardActivate sets y (n, Out) = act(x (n, In) · Wᵀ + b): Forward, then
// activate, with the bias and act in one pass where vectors allow.
func (d *Dense[T]) forwardActivate(y, x []T, n int, act Activation) {
	mulABt(y, x, d.W.Value, n, d.In, d.Out)
	var bias []T
	if d.B != nil {
		bias = d.B.Value
	}
	addRowBiasActivate(act, y, bias, n, d.Out)
}

// Backward adds dW += dyᵀ·x, db += Σ dy and, if dx is not nil, dx += dy·W.
func (d *Dense[T]) Backward(dx, dy, x []T, n int) {
	addAB(d.W.Grad, dy, x, d.Out, n, d.In, 1, d.Out)
	if d.B != nil {
		addColumnSums(d.B.Grad, dy, n, d.Out)
	}
	if dx != nil {
		addAB(dx, dy, d.W.Value, n, d.Out, d.In, d.Out, 1)
	}
}
