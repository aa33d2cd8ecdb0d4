package model

import "math/rand/v2"

// Stream is one stream X ∈ {E, V} of Net: its values, their gradient, and
// the layers that read it, each nil unless the config asks for it.
type Stream[T Float] struct {
	Suffix string // "_o" for E, "_s" for V: its parts' names end in it
	X, dX  []T    // (B, F, K)

	// Interaction layers, each a fusion part, run in Config.Interactions'
	// order (interactions).
	FwBI *FwBI[T] // eq (12)–(14)
	FM   *FM[T]
	FwFM *FwFM[T]
	CIN  *CIN[T]
	// The other systems of Table 1: EDCN's bridged cross and deep networks
	// (edcn.go) and FinalMLP's gated two-stream MLP (finalmlp.go), each one
	// part.
	EDCN     *EDCN[T]
	FinalMLP *FinalMLP[T]

	// Deep inputs besides flat X, and the stream's own MLP (eq 17), nil
	// when one MLP reads every stream (Net.SharedMLP).
	Bi       *BiInteraction[T]
	Bilinear *Bilinear[T]
	Disen    *Disentangle[T] // DisenCTR's disentangled user and item (disentangle.go)
	MLP      *MLP[T]

	interactions        []interaction[T]
	bi, dBi             []T           // (B, K)
	bilinear, dBilinear []T           // (B, Bilinear.Width())
	disen, dDisen       []T           // (B, Disen.OutWidth())
	deep                *deepInput[T] // what MLP (or its share of the shared one) reads
	mlpPart             int
	k, fk               int // K, F·K
}

// interaction is one of a stream's interaction layers: which one, its
// fusion part and its output buffer.
type interaction[T Float] struct {
	layer string // "fwbi", "fm", "fwfm", "cin", "edcn" or "finalmlp"
	part  int
	out   []T // (B, width)
	width int
}

// declare adds the stream's layers to a and its parts to parts, in the
// order Forward runs them: interactions, deep inputs, its own MLP unless
// shared.
func (st *Stream[T]) declare(a *Arena[T], s Schema, c Config, B int, parts *partList, sharedMLP bool) error {
	F, K := len(s.Fields), c.EmbeddingDim
	st.k, st.fk = K, F*K
	for _, layer := range c.Interactions {
		it := interaction[T]{layer: layer, width: 1}
		name := layer + st.Suffix
		switch layer {
		case "fwbi":
			st.FwBI = NewFwBI(a, name, s, K, B, c.DiceFactor, c.FwBIBias)
			it.width = K
		case "fm":
			st.FM = NewFM[T](F, K, B)
		case "fwfm":
			st.FwFM = NewFwFM(a, name, F, K)
		case "cin":
			cinAct, _ := ParseActivation(c.CINActivation)
			st.CIN = NewCIN(a, name, F, K, B, c.CIN, c.CINSplitHalf, cinAct)
			it.width = st.CIN.OutWidth()
		case "edcn":
			act, _ := ParseActivation(c.Activation)
			st.EDCN = NewEDCN(a, name, F, K, c.CrossLayers, c.EDCNTemperature, act, c.Dropout, B)
			it.width = st.EDCN.OutWidth()
		case "finalmlp":
			act, _ := ParseActivation(c.Activation)
			st.FinalMLP = NewFinalMLP(a, name, F, K, domainFields(s), c.Hidden, act, c.Dropout, c.FinalMLPHeads, B)
		}
		it.out = make([]T, B*it.width)
		// Scalar parts add to the logit as they are; FinalMLP's is already a logit.
		it.part = parts.add(name, it.width, layer == "fm" || layer == "fwfm" || layer == "finalmlp")
		st.interactions = append(st.interactions, it)
	}
	if len(c.DeepInputs) == 0 {
		return nil
	}
	st.deep = &deepInput[T]{}
	for _, in := range c.DeepInputs {
		switch in {
		case "flat":
			st.deep.add(st.X, st.dX, F*K)
		case "bi":
			st.Bi = NewBiInteraction[T](F, K, B)
			st.bi, st.dBi = make([]T, B*K), make([]T, B*K)
			st.deep.add(st.bi, st.dBi, K)
		case "bilinear":
			x, err := NewBilinear(a, "bilinear"+st.Suffix, F, K, B, c.BilinearType)
			if err != nil {
				return err
			}
			st.Bilinear = x
			st.bilinear, st.dBilinear = make([]T, B*x.Width()), make([]T, B*x.Width())
			st.deep.add(st.bilinear, st.dBilinear, x.Width())
		case "disen":
			st.Disen = NewDisentangle[T](s, K, c.DisenChannels, B)
			w := st.Disen.OutWidth()
			st.disen, st.dDisen = make([]T, B*w), make([]T, B*w)
			st.deep.add(st.disen, st.dDisen, w)
		}
	}
	if sharedMLP {
		return nil
	}
	st.deep.size(B, len(c.DeepInputs) == 1 && c.DeepInputs[0] == "flat")
	act, _ := ParseActivation(c.Activation)
	st.MLP = NewMLP(a, "mlp"+st.Suffix, st.deep.width, c.Hidden, act, c.Dropout, B)
	st.mlpPart = parts.add("mlp"+st.Suffix, st.MLP.OutWidth(), false)
	return nil
}

// forwardDeepInputs computes bi(X) and bilinear(X) for the MLPs.
func (st *Stream[T]) forwardDeepInputs(n int) {
	X := st.X[:n*st.fk]
	if st.Bi != nil {
		st.Bi.Forward(st.bi[:n*st.k], X, n)
	}
	if st.Bilinear != nil {
		st.Bilinear.Forward(st.bilinear[:n*st.Bilinear.Width()], X, n)
	}
	if st.Disen != nil {
		st.Disen.Forward(st.disen[:n*st.Disen.OutWidth()], X, n)
	}
}

// backwardDeepInputs adds the gradients of bi(X) and bilinear(X) into dX.
func (st *Stream[T]) backwardDeepInputs(n int) {
	X, dX := st.X[:n*st.fk], st.dX[:n*st.fk]
	if st.Bi != nil {
		st.Bi.Backward(dX, st.dBi[:n*st.k], X, n)
	}
	if st.Bilinear != nil {
		st.Bilinear.Backward(dX, st.dBilinear[:n*st.Bilinear.Width()], X, n)
	}
	if st.Disen != nil {
		st.Disen.Backward(dX, st.dDisen[:n*st.Disen.OutWidth()], X, n)
	}
}

// clearGradients zeroes dX and the deep inputs' gradients for n samples:
// every layer adds into them.
func (st *Stream[T]) clearGradients(n int) {
	clear(st.dX[:n*st.fk])
	clear(st.dBi)
	clear(st.dBilinear)
	clear(st.dDisen)
}

// forwardInteraction runs one interaction layer and returns its output (n, width).
func (st *Stream[T]) forwardInteraction(it interaction[T], n int, train bool, rng *rand.Rand) []T {
	X, out := st.X[:n*st.fk], it.out[:n*it.width]
	switch it.layer {
	case "fwbi":
		st.FwBI.Forward(out, X, n, train, rng) // eq (12)–(14)
	case "fm":
		st.FM.Forward(out, X, n)
	case "fwfm":
		st.FwFM.Forward(out, X, n)
	case "cin":
		st.CIN.Forward(out, X, n)
	case "edcn":
		st.EDCN.Forward(out, X, n, train, rng)
	case "finalmlp":
		st.FinalMLP.Forward(out, X, n, train, rng)
	}
	return out
}

// backwardInteraction adds one interaction layer's gradient into dX.
func (st *Stream[T]) backwardInteraction(it interaction[T], dOut []T, n int) {
	X, dX := st.X[:n*st.fk], st.dX[:n*st.fk]
	switch it.layer {
	case "fwbi":
		st.FwBI.Backward(dX, dOut, X, n)
	case "fm":
		st.FM.Backward(dX, dOut, X, n)
	case "fwfm":
		st.FwFM.Backward(dX, dOut, X, n)
	case "cin":
		st.CIN.Backward(dX, dOut, n)
	case "edcn":
		st.EDCN.Backward(dX, dOut, n)
	case "finalmlp":
		st.FinalMLP.Backward(dX, dOut, n)
	}
}

// interactionPart is the fusion part of the stream's interaction layer
// ("fwbi", …), or -1 without it.
func (st *Stream[T]) interactionPart(layer string) int {
	for _, it := range st.interactions {
		if it.layer == layer {
			return it.part
		}
	}
	return -1
}

// domainFields lists the fields of domains 0 and 1 (user and item): the
// conditioning features of FinalMLP's two gates.
func domainFields(s Schema) [2][]int {
	var out [2][]int
	for f, fl := range s.Fields {
		if fl.Domain < 2 {
			out[fl.Domain] = append(out[fl.Domain], f)
		}
	}
	return out
}
