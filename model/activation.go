package model

// Activation names an elementwise function. Like TensorFlow Playground's
// ActivationFunction, each pairs its output with its derivative, written in
// terms of the output so the backward pass needs only the saved output.
type Activation int

const (
	ReLU Activation = iota
	Sigmoid
	Tanh
	Identity
)

var activationNames = []string{"relu", "sigmoid", "tanh", "identity"}

func (a Activation) String() string { return activationNames[a] }

// ParseActivation is the inverse of String.
func ParseActivation(s string) (Activation, bool) {
	for i, n := range activationNames {
		if n == s {
			return Activation(i), true
		}
	}
	return 0, false
}

// activate sets y = act(y) in place.
func activate[T Float](act Activation, y []T) {
	switch act {
	case ReLU:
		if v := vectorFor[T](len(y)); v != nil {
			v.relu(float32s(y))
			return
		}
		for i, v := range y {
			y[i] = zeroUnless(v > 0, v)
		}
	case Sigmoid:
		for i, v := range y {
			y[i] = sigmoid(v)
		}
	case Tanh:
		for i, v := range y {
			y[i] = T(tanh(float64(v)))
		}
	}
}

// activateBackward multiplies dy in place by act'(x), given y = act(x).
func activateBackward[T Float](act Activation, dy, y []T) {
	y = y[:len(dy)]
	switch act {
	case ReLU:
		for i, v := range y {
			dy[i] = zeroUnless(v > 0, dy[i])
		}
	case Sigmoid:
		for i, v := range y {
			dy[i] *= v * (1 - v)
		}
	case Tanh:
		for i, v := range y {
			dy[i] *= 1 - T(v*v)
		}
	}
}

// zeroUnless is keep ? v : +0 without a branch. ReLU's and dropout's zeros
// fall in a random pattern, so a branch there mispredicts about half the
// time (measured: DeepFM's step 1.15× faster natively without it); max(v, 0)
// would be branch-free natively but is a runtime call under wasm. v·1 is v
// and v·0 is ±0, and adding +0 makes a −0 +0, so for every finite v this
// gives what the branch gave, with every zero +0 (no sum can tell). A NaN v stays NaN, and ±∞·0 is NaN: where
// the branch silently dropped an overflow, the run now stops on it.
func zeroUnless[T Float](keep bool, v T) T {
	k := 0
	if keep { // compiled to a flag, not a jump
		k = 1
	}
	return T(v*T(k)) + 0
}
