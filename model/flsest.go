package model

import (
	"fmt"
	"math/rand/v2"
)

// FLSEST (paper §3, Figure 1): embeddings E feed two streams, the original E
// and the SEST embedding V = SEST(E); each stream has its own FwBI layer
// (with its own r) and MLP; the fusion joins the four parts and the single
// linear part (eq 11) adds w0 + Σ w_x:
//
//	logit = Linear(x) + Fusion(FwBI_o(E), MLP_o(E), FwBI_s(V), MLP_s(V))
//	p     = sigmoid(logit)
//
// Config's SEST/FwBI/MLP switches give Table 5's ablations: without SEST
// there is one stream.

// Stream indices.
const (
	StreamOriginal = 0 // E
	StreamSEST     = 1 // V = SEST(E)
)

// FLSEST is the model and its buffers, sized for MaxBatch at construction so
// that a training step allocates nothing.
type FLSEST[T Float] struct {
	Config    Config
	Schema    Schema
	Arena     Arena[T]
	Embedding *Embedding[T]
	Linear    *Linear[T]
	SEST      *SEST[T]    // nil without SEST
	FwBI      [2]*FwBI[T] // per stream; nil when off or the stream is absent
	MLP       [2]*MLP[T]
	Fusion    *Fusion[T]
	PartNames []string // "fwbi_o", "mlp_o", "fwbi_s", "mlp_s" as present

	maxBatch     int
	F, K         int
	pcg          *rand.PCG
	rng          *rand.Rand
	E, V, dE, dV []T    // (B, F, K)
	h            [2][]T // (B, K) FwBI outputs per stream
	parts        [][]T  // per part: (n, width_p), aliases layer outputs
	dParts       [][]T  // per part: (n, width_p), windows of dPartsBuf
	dPartsBuf    [][]T  // per part: (B, width_p)
	logit        []T    // (B)
}

// NewFLSEST builds the model for schema, declares and initialises its
// parameters from seed (which also seeds dropout), and sizes its buffers
// for batches of up to maxBatch samples.
func NewFLSEST[T Float](s Schema, c Config, maxBatch int, seed uint64) (*FLSEST[T], error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if err := c.Validate(len(s.Fields)); err != nil {
		return nil, err
	}
	if maxBatch < 1 {
		return nil, errorf("batch_size", "%d is out of range [1, …)", maxBatch)
	}
	m := &FLSEST[T]{Config: c, Schema: s, maxBatch: maxBatch, F: len(s.Fields), K: c.EmbeddingDim}
	m.pcg = rand.NewPCG(seed, 0xf15e57)
	m.rng = rand.New(m.pcg)
	a := &m.Arena
	F, K, B := m.F, m.K, maxBatch
	mean := c.Pooling == "mean"
	m.Embedding = NewEmbedding(a, s, K, c.EmbeddingStd, c.L2Embedding, mean)
	m.Linear = NewLinear(a, s, c.EmbeddingStd, c.L2Linear, mean)
	streams := 1
	if c.SEST {
		seAct, _ := ParseActivation(c.SEActivation)
		m.SEST = NewSEST(a, "sest", F, K, B, SESTOptions{
			ReductionRatio: c.ReductionRatio, SEActivation: seAct,
			Bias: c.ExcitationBias, SqueezeNorm: c.SqueezeNorm,
		})
		streams = 2
	}
	act, _ := ParseActivation(c.Activation)
	var widths []int
	suffix := [2]string{"_o", "_s"}
	for st := 0; st < streams; st++ {
		if c.FwBI {
			m.FwBI[st] = NewFwBI(a, "fwbi"+suffix[st], s, K, B, c.DiceFactor, c.FwBIBias)
			m.h[st] = make([]T, B*K)
			m.PartNames = append(m.PartNames, "fwbi"+suffix[st])
			widths = append(widths, K)
		}
		if c.MLP {
			m.MLP[st] = NewMLP(a, "mlp"+suffix[st], F*K, c.Hidden, act, c.Dropout, B)
			m.PartNames = append(m.PartNames, "mlp"+suffix[st])
			widths = append(widths, m.MLP[st].OutWidth())
		}
	}
	m.Fusion = NewFusion(a, c.Fusion, m.PartNames, widths, c.FusionHidden, B)
	for _, w := range widths {
		m.dPartsBuf = append(m.dPartsBuf, make([]T, B*w))
	}
	m.parts = make([][]T, len(widths))
	m.dParts = make([][]T, len(widths))
	m.E, m.dE = make([]T, B*F*K), make([]T, B*F*K)
	if c.SEST {
		m.V, m.dV = make([]T, B*F*K), make([]T, B*F*K)
	}
	m.logit = make([]T, B)
	a.Finalize(rand.New(rand.NewPCG(seed, 0x1417)))
	return m, nil
}

// Params implements Model.
func (m *FLSEST[T]) Params() *Arena[T] { return &m.Arena }

// MaxBatch implements Model.
func (m *FLSEST[T]) MaxBatch() int { return m.maxBatch }

// Reseed restarts the dropout and DiceFactor random stream.
func (m *FLSEST[T]) Reseed(seed uint64) { m.pcg.Seed(seed, 0xf15e57) }

// stream returns stream st's input: E or V.
func (m *FLSEST[T]) stream(st int) (X, dX []T) {
	if st == StreamSEST {
		return m.V, m.dV
	}
	return m.E, m.dE
}

// Forward implements Model.
func (m *FLSEST[T]) Forward(b *Batch, train bool) []T {
	n := b.N
	if n > m.maxBatch || n < 1 {
		panic(fmt.Sprintf("model: flsest: batch of %d, want 1..%d", n, m.maxBatch))
	}
	F, K := m.F, m.K
	E := m.E[:n*F*K]
	m.Embedding.Forward(E, b)
	logit := m.logit[:n]
	m.Linear.Forward(logit, b) // eq (11)
	if m.SEST != nil {
		m.SEST.Forward(m.V[:n*F*K], E, n) // eq (1)–(8)
	}
	p := 0
	for st := 0; st < 2; st++ {
		X, _ := m.stream(st)
		if X == nil {
			continue
		}
		X = X[:n*F*K]
		if m.FwBI[st] != nil {
			m.FwBI[st].Forward(m.h[st][:n*K], X, n, train, m.rng) // eq (12)–(14)
			m.parts[p] = m.h[st][:n*K]
			p++
		}
		if m.MLP[st] != nil {
			m.parts[p] = m.MLP[st].Forward(X, n, train, m.rng) // eq (17)
			p++
		}
	}
	m.Fusion.Forward(logit, m.parts, n)
	return logit
}

// Backward implements Model.
func (m *FLSEST[T]) Backward(b *Batch, dLogit []T) {
	n := b.N
	F, K := m.F, m.K
	m.Linear.Backward(dLogit, b)
	for p := range m.parts {
		m.dParts[p] = m.dPartsBuf[p][:len(m.parts[p])] // (n, width_p)
	}
	m.Fusion.Backward(m.dParts, m.parts, dLogit, n)
	clear(m.dE[:n*F*K])
	if m.dV != nil {
		clear(m.dV[:n*F*K])
	}
	p := 0
	for st := 0; st < 2; st++ {
		X, dX := m.stream(st)
		if X == nil {
			continue
		}
		X, dX = X[:n*F*K], dX[:n*F*K]
		if m.FwBI[st] != nil {
			m.FwBI[st].Backward(dX, m.dParts[p], X, n)
			p++
		}
		if m.MLP[st] != nil {
			m.MLP[st].Backward(dX, m.dParts[p], n)
			p++
		}
	}
	if m.SEST != nil {
		m.SEST.Backward(m.dE[:n*F*K], m.dV[:n*F*K], m.E[:n*F*K], n)
	}
	m.Embedding.Backward(m.dE[:n*F*K], b)
}
