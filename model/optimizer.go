package model

import "math"

// Optimizer updates an arena's values from its gradients. It knows nothing
// about layers (llm.c's gpt2_update): one loop over flat memory.
type Optimizer[T Float] interface {
	Step(a *Arena[T])
	// State is the optimiser's per-parameter memory (Adam's moments), for
	// checkpoints that resume training; nil if it has none.
	State() []T
	// Steps is the number of updates applied.
	Steps() int
}

// OptimizerConfig chooses and tunes an optimiser. Zero Beta1/Beta2/Eps take
// PyTorch's defaults.
type OptimizerConfig struct {
	Name  string  `json:"optimizer"` // "adam" (paper §4.3.1), "lazyadam" (lazy_adam.go), "sgd", "adagrad"
	LR    float64 `json:"lr"`
	Beta1 float64 `json:"beta1,omitempty"` // Adam, 0.9
	Beta2 float64 `json:"beta2,omitempty"` // Adam, 0.999
	Eps   float64 `json:"eps,omitempty"`   // Adam 1e-8, Adagrad 1e-10
}

// Validate checks the name and ranges; errors name the field.
func (c OptimizerConfig) Validate() error {
	if err := oneOf("optimizer", c.Name, Optimizers()); err != nil {
		return err
	}
	if !(c.LR > 0 && c.LR <= 1) {
		return errorf("lr", "%v is out of range (0, 1]", c.LR)
	}
	if !(c.Beta1 >= 0 && c.Beta1 < 1) {
		return errorf("beta1", "%v is out of range [0, 1)", c.Beta1)
	}
	if !(c.Beta2 >= 0 && c.Beta2 < 1) {
		return errorf("beta2", "%v is out of range [0, 1)", c.Beta2)
	}
	if !(c.Eps >= 0 && c.Eps < 1) {
		return errorf("eps", "%v is out of range [0, 1)", c.Eps)
	}
	return nil
}

// NewOptimizer returns the configured optimiser for arena a.
func NewOptimizer[T Float](c OptimizerConfig, a *Arena[T]) (Optimizer[T], error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	switch c.Name {
	case "sgd":
		return &SGD[T]{LR: c.LR}, nil
	case "adagrad":
		eps := c.Eps
		if eps == 0 {
			eps = 1e-10
		}
		return &Adagrad[T]{LR: c.LR, Eps: eps, sum: make([]T, a.Count())}, nil
	}
	ad := &Adam[T]{LR: c.LR, Beta1: c.Beta1, Beta2: c.Beta2, Eps: c.Eps}
	if ad.Beta1 == 0 {
		ad.Beta1 = 0.9
	}
	if ad.Beta2 == 0 {
		ad.Beta2 = 0.999
	}
	if ad.Eps == 0 {
		ad.Eps = 1e-8
	}
	ad.state = make([]T, 2*a.Count())
	if c.Name == "lazyadam" {
		return &LazyAdam[T]{Adam: *ad}, nil // its rows come from NewTrainer
	}
	return ad, nil
}

// Adam (Kingma & Ba 2015) as PyTorch implements it:
//
//	m ← β1 m + (1−β1) g;  v ← β2 v + (1−β2) g²
//	w ← w − lr/(1−β1^t) · m / (√v/√(1−β2^t) + ε)
//
// Every parameter is updated every step, embeddings included (dense
// gradients, as DeepCTR-Torch's nn.Embedding).
type Adam[T Float] struct {
	LR, Beta1, Beta2, Eps float64
	state                 []T // m then v, each len(arena)
	t                     int
}

// Step implements Optimizer.
func (o *Adam[T]) Step(a *Arena[T]) {
	n := len(a.Value)
	o.next().update(a.Value[:n], a.Grad[:n], o.state[:n], o.state[n:2*n])
}

// adamStep is one step's constants: β1, β2, the bias-corrected step size,
// 1/√(1−β2^t) and ε.
type adamStep[T Float] struct{ b1, b2, stepSize, invBC2, eps T }

// next counts a step and returns its constants.
func (o *Adam[T]) next() adamStep[T] {
	o.t++
	return adamStep[T]{
		b1: T(o.Beta1), b2: T(o.Beta2),
		stepSize: T(o.LR / (1 - math.Pow(o.Beta1, float64(o.t)))),
		invBC2:   T(1 / math.Sqrt(1-math.Pow(o.Beta2, float64(o.t)))),
		eps:      T(o.Eps),
	}
}

// update applies the step to weights w with gradients g and moments m, v
// (all the same length).
func (s adamStep[T]) update(w, g, m, v []T) {
	if vk := vectorFor[T](len(g)); vk != nil {
		done := vk.adam(float32s(w), float32s(g), float32s(m), float32s(v), adamStep[float32]{float32(s.b1), float32(s.b2), float32(s.stepSize), float32(s.invBC2), float32(s.eps)})
		w, g, m, v = w[done:], g[done:], m[done:], v[done:]
	}
	b1, b2, stepSize, invBC2, eps := s.b1, s.b2, s.stepSize, s.invBC2, s.eps
	w, m, v = w[:len(g)], m[:len(g)], v[:len(g)]
	for i, gi := range g {
		mi := T(b1*m[i]) + T((1-b1)*gi)
		vi := T(b2*v[i]) + T((1-b2)*gi*gi)
		m[i], v[i] = mi, vi
		w[i] -= stepSize * mi / (T(T(math.Sqrt(float64(vi)))*invBC2) + eps)
	}
}

// State implements Optimizer.
func (o *Adam[T]) State() []T { return o.state }

// Steps implements Optimizer.
func (o *Adam[T]) Steps() int { return o.t }

// SGD is plain gradient descent: w ← w − lr·g.
type SGD[T Float] struct {
	LR float64
	t  int
}

// Step implements Optimizer.
func (o *SGD[T]) Step(a *Arena[T]) {
	o.t++
	lr := T(o.LR)
	for i, g := range a.Grad {
		a.Value[i] -= T(lr * g)
	}
}

// State implements Optimizer.
func (o *SGD[T]) State() []T { return nil }

// Steps implements Optimizer.
func (o *SGD[T]) Steps() int { return o.t }

// Adagrad as PyTorch implements it: s ← s + g²; w ← w − lr·g/(√s + ε).
type Adagrad[T Float] struct {
	LR, Eps float64
	sum     []T
	t       int
}

// Step implements Optimizer.
func (o *Adagrad[T]) Step(a *Arena[T]) {
	o.t++
	lr, eps := T(o.LR), T(o.Eps)
	s := o.sum[:len(a.Grad)]
	for i, g := range a.Grad {
		s[i] += T(g * g)
		a.Value[i] -= lr * g / (T(math.Sqrt(float64(s[i]))) + eps)
	}
}

// State implements Optimizer.
func (o *Adagrad[T]) State() []T { return o.sum }

// Steps implements Optimizer.
func (o *Adagrad[T]) Steps() int { return o.t }
