package model

import "fmt"

// Float is the element type of a model: float32 for training (the browser
// and the CLI), float64 for the gradient checks in tests. Every layer is
// written once for both.
type Float interface{ ~float32 | ~float64 }

func sigmoid[T Float](x T) T { return T(1 / (1 + exp(-float64(x)))) }

func abs[T Float](x T) T {
	if x < 0 {
		return -x
	}
	return x
}

// sign is sgn of eq (3): −1, 0 or 1.
func sign[T Float](x T) T {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}

// mustLen panics with a prefixed message when a buffer is too short: misuse
// of the API, not a user error (model/doc.go: misuse panics, user errors return).
func mustLen[T any](what string, s []T, want int) {
	if len(s) < want {
		panic(fmt.Sprintf("model: %s has length %d, want %d", what, len(s), want))
	}
}
