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
		for i, v := range y {
			if v < 0 {
				y[i] = 0
			}
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
			if v <= 0 {
				dy[i] = 0
			}
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
