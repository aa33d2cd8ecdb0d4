package model

// Model is what training, evaluation, checkpoints and inspection need of
// any CTR model here: logits from a batch, gradients from dLogit, and the
// arena of parameters.
type Model[T Float] interface {
	// Forward returns the logits (n) of b; the slice aliases the model.
	// train turns dropout and DiceFactor on.
	Forward(b *Batch, train bool) []T
	// Backward adds the gradients of Σ dLogit·logit into Params().Grad,
	// for the batch of the last Forward.
	Backward(b *Batch, dLogit []T)
	// Params is the arena holding every parameter.
	Params() *Arena[T]
	// MaxBatch is the largest batch Forward accepts.
	MaxBatch() int
}
