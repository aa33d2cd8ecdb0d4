package model

import (
	"fmt"
	"math/rand/v2"
)

// Net is every model of the paper's tables as one composition (Figure 1
// for FLSEST):
//
//	E = Embedding(x)                          §3.2
//	V = T(E), T ∈ {SEST (eq 1–8), SENET, copy} an optional second stream
//	    (copy: V = E with its own layers, the control for a second stream)
//	per stream X ∈ {E, V}: interaction layers FwBI (eq 12–14), FM, FwFM, CIN
//	MLP (eq 17) on flat X, bi-interaction(X) or bilinear(X): one per stream
//	    (FLSEST) or one over every stream's inputs (FiBiNET, DeepFM+SEST)
//	logit = Linear(x) (eq 11) + Fusion(parts); p = sigmoid(logit)
//
// FLSEST = {sest; fwbi; flat, per stream}; FLEN = {fwbi; flat};
// DeepFM = {fm; flat}; NFM = {bi}; xDeepFM = {cin; flat};
// FiBiNET = {senet; bilinear, shared}; a "+SEST" plug-in adds the SEST
// stream to a model. Scalar parts (FM, FwFM) add to the logit as they are
// (DeepCTR); vector parts go through the fusion's bias-free heads.
//
// The fusion's parts are numbered in the order they run: each stream's
// interaction layers (Config.Interactions' order), then its own MLP; the
// shared MLP last. PartNames follows that order.

// Stream indices.
const (
	StreamOriginal = 0 // E
	StreamSEST     = 1 // V = T(E): SEST or SENET
)

// Net is the model and its buffers, sized for MaxBatch at construction so
// that a training step allocates nothing.
type Net[T Float] struct {
	Config    Config
	Schema    Schema
	Arena     Arena[T]
	Embedding *Embedding[T]
	Linear    *Linear[T]
	SEST      *SEST[T]     // nil unless Transform is "sest"
	SENET     *SENET[T]    // nil unless Transform is "senet"
	Streams   []*Stream[T] // E, then V when there is a transform
	SharedMLP *MLP[T]      // one MLP over every stream's deep inputs; nil when each stream has its own
	Fusion    *Fusion[T]
	PartNames []string // e.g. "fwbi_o", "mlp_o", "fwbi_s", "mlp_s"

	maxBatch   int
	F, K       int
	pcg        *rand.PCG
	rng        *rand.Rand
	E, dE      []T           // (B, F, K) the embedding's output: stream E's values
	V, dV      []T           // (B, F, K) the transform's output: stream V's values
	shared     *deepInput[T] // SharedMLP's input: every stream's blocks side by side
	sharedPart int           // SharedMLP's part
	parts      [][]T         // per part: (n, width_p), aliases layer outputs
	dParts     [][]T         // per part: (n, width_p), windows of dPartsBuf
	dPartsBuf  [][]T         // per part: (B, width_p)
	logit      []T           // (B)
}

// NewNet builds the model for schema, declares and initialises its
// parameters from seed (which also seeds dropout), and sizes its buffers
// for batches of up to maxBatch samples. Parameters are declared in the
// order the layers run, which fixes the initial weights' draws.
func NewNet[T Float](s Schema, c Config, maxBatch int, seed uint64) (*Net[T], error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if err := c.Validate(len(s.Fields)); err != nil {
		return nil, err
	}
	if maxBatch < 1 {
		return nil, errorf("batch_size", "%d is out of range [1, …)", maxBatch)
	}
	if err := CheckBudget[T](s, c, maxBatch); err != nil {
		return nil, err
	}
	m := &Net[T]{Config: c, Schema: s, maxBatch: maxBatch, F: len(s.Fields), K: c.EmbeddingDim}
	m.pcg = rand.NewPCG(seed, 0xf15e57)
	m.rng = rand.New(m.pcg)
	a := &m.Arena
	F, K, B := m.F, m.K, maxBatch
	mean := c.Pooling == "mean"
	m.Embedding = NewEmbedding(a, s, K, c.EmbeddingStd, c.L2Embedding, mean)
	m.Linear = NewLinear(a, s, c.EmbeddingStd, c.L2Linear, mean)
	m.E, m.dE = make([]T, B*F*K), make([]T, B*F*K)
	m.Streams = []*Stream[T]{{Suffix: "_o", X: m.E, dX: m.dE}}
	switch c.Transform {
	case "sest":
		seAct, _ := ParseActivation(c.SEActivation)
		m.SEST = NewSEST(a, "sest", F, K, B, SESTOptions{
			ReductionRatio: c.ReductionRatio, SEActivation: seAct,
			Bias: c.ExcitationBias, SqueezeNorm: c.SqueezeNorm,
			PerCoordinate: c.SESTGranularity == SESTPerCoordinate,
		})
	case "senet":
		m.SENET = NewSENET(a, "senet", F, K, c.ReductionRatio, B)
	}
	if c.Transform != "" {
		m.V, m.dV = make([]T, B*F*K), make([]T, B*F*K)
		m.Streams = append(m.Streams, &Stream[T]{Suffix: "_s", X: m.V, dX: m.dV})
	}
	var parts partList
	sharedMLP := len(c.DeepInputs) > 0 && !c.DeepPerStream && len(m.Streams) == 2
	for _, st := range m.Streams {
		if err := st.declare(a, s, c, B, &parts, sharedMLP); err != nil {
			return nil, err
		}
	}
	if sharedMLP {
		m.shared = joinDeepInputs(m.Streams[0].deep, m.Streams[1].deep, B)
		act, _ := ParseActivation(c.Activation)
		m.SharedMLP = NewMLP(a, "mlp", m.shared.width, c.Hidden, act, c.Dropout, B)
		m.sharedPart = parts.add("mlp", m.SharedMLP.OutWidth(), false)
	}
	m.PartNames = parts.names
	m.Fusion = NewFusion(a, c.Fusion, parts.names, parts.widths, parts.scalar, c.FusionHidden, B)
	for _, w := range parts.widths {
		m.dPartsBuf = append(m.dPartsBuf, make([]T, B*w))
	}
	m.parts = make([][]T, len(parts.widths))
	m.dParts = make([][]T, len(parts.widths))
	m.logit = make([]T, B)
	a.Finalize(rand.New(rand.NewPCG(seed, 0x1417)))
	return m, nil
}

// NewFLSEST is NewNet; FLSEST is DefaultConfig's architecture.
func NewFLSEST[T Float](s Schema, c Config, maxBatch int, seed uint64) (*Net[T], error) {
	return NewNet[T](s, c, maxBatch, seed)
}

// partList collects the fusion's parts as the streams declare them.
type partList struct {
	names  []string
	widths []int
	scalar []bool
}

// add appends a part and returns its index.
func (p *partList) add(name string, width int, scalar bool) int {
	p.names = append(p.names, name)
	p.widths = append(p.widths, width)
	p.scalar = append(p.scalar, scalar)
	return len(p.names) - 1
}

// Params implements Model.
func (m *Net[T]) Params() *Arena[T] { return &m.Arena }

// MaxBatch implements Model.
func (m *Net[T]) MaxBatch() int { return m.maxBatch }

// Reseed restarts the dropout and DiceFactor random stream.
func (m *Net[T]) Reseed(seed uint64) { m.pcg.Seed(seed, 0xf15e57) }

// Forward implements Model.
func (m *Net[T]) Forward(b *Batch, train bool) []T {
	n := b.N
	if n > m.maxBatch || n < 1 {
		panic(fmt.Sprintf("model: net: batch of %d, want 1..%d", n, m.maxBatch))
	}
	m.Embedding.Forward(m.E[:n*m.F*m.K], b)
	m.Linear.Forward(m.logit[:n], b) // eq (11)
	m.forwardFromE(n, train, nil)
	return m.logit[:n]
}

// forwardFromE runs everything after the embedding and linear part, from
// m.E and m.logit (both set for n samples). A CompositeScorer, if given,
// computes the stream MLPs it has split itself (composite.go).
func (m *Net[T]) forwardFromE(n int, train bool, sc *CompositeScorer[T]) {
	FK := m.F * m.K
	switch {
	case m.SEST != nil:
		m.SEST.Forward(m.V[:n*FK], m.E[:n*FK], n) // eq (1)–(8)
	case m.SENET != nil:
		m.SENET.Forward(m.V[:n*FK], m.E[:n*FK], n)
	case m.Config.Transform == "copy":
		copy(m.V[:n*FK], m.E[:n*FK])
	}
	for i, st := range m.Streams {
		st.forwardDeepInputs(n)
		for _, it := range st.interactions {
			m.parts[it.part] = st.forwardInteraction(it, n, train, m.rng)
		}
		switch {
		case st.MLP == nil:
		case sc != nil && sc.split[i] != nil:
			m.parts[st.mlpPart] = sc.mlp(sc.split[i], i, n)
		default:
			m.parts[st.mlpPart] = st.MLP.Forward(st.deep.input(n), n, train, m.rng) // eq (17)
		}
	}
	if m.SharedMLP != nil {
		m.parts[m.sharedPart] = m.SharedMLP.Forward(m.shared.input(n), n, train, m.rng)
	}
	m.Fusion.Forward(m.logit[:n], m.parts, n)
}

// Backward implements Model: the layers of Forward in reverse. Parts that
// read the same stream add their gradients into it in the order they ran
// (floating-point addition is not associative: this order is what the
// pinned weights of net_pinned_test.go were trained with).
func (m *Net[T]) Backward(b *Batch, dLogit []T) {
	n := b.N
	FK := m.F * m.K
	m.Linear.Backward(dLogit, b)
	for p := range m.parts {
		m.dParts[p] = m.dPartsBuf[p][:len(m.parts[p])] // (n, width_p)
	}
	m.Fusion.Backward(m.dParts, m.parts, dLogit, n)
	for _, st := range m.Streams {
		st.clearGradients(n)
	}
	for _, st := range m.Streams {
		for _, it := range st.interactions {
			st.backwardInteraction(it, m.dParts[it.part], n)
		}
		if st.MLP != nil {
			st.deep.backward(st.MLP, m.dParts[st.mlpPart], n)
		}
	}
	if m.SharedMLP != nil {
		m.shared.backward(m.SharedMLP, m.dParts[m.sharedPart], n)
	}
	for _, st := range m.Streams {
		st.backwardDeepInputs(n)
	}
	switch {
	case m.SEST != nil:
		m.SEST.Backward(m.dE[:n*FK], m.dV[:n*FK], m.E[:n*FK], n)
	case m.SENET != nil:
		m.SENET.Backward(m.dE[:n*FK], m.dV[:n*FK], m.E[:n*FK], n)
	case m.Config.Transform == "copy":
		dE := m.dE[:n*FK]
		for i, g := range m.dV[:n*FK] {
			dE[i] += g
		}
	}
	m.Embedding.Backward(m.dE[:n*FK], b)
}

// RowTables implements RowTables: field f looks up rows of its embedding
// table and its linear weights.
func (m *Net[T]) RowTables() [][]*Param[T] {
	out := make([][]*Param[T], m.F)
	for f := range out {
		out[f] = []*Param[T]{m.Embedding.Tables[f], m.Linear.Weights[f]}
	}
	return out
}
