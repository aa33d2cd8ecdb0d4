package model

import (
	"fmt"
	"math/rand/v2"
)

// Net is every model of the paper's tables as one composition (Figure 1
// for FLSEST):
//
//	E = Embedding(x)                          §3.2
//	V = T(E), T ∈ {SEST (eq 1–8), SENET}     an optional second stream
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
	SEST      *SEST[T]  // nil unless Transform is "sest"
	SENET     *SENET[T] // nil unless Transform is "senet"
	FwBI      [2]*FwBI[T]
	FM        [2]*FM[T]
	FwFM      [2]*FwFM[T]
	CIN       [2]*CIN[T]
	Bi        [2]*BiInteraction[T]
	Bilinear  [2]*Bilinear[T]
	MLP       [2]*MLP[T] // per stream, or MLP[0] over all streams
	Fusion    *Fusion[T]
	PartNames []string // e.g. "fwbi_o", "mlp_o", "fwbi_s", "mlp_s"

	maxBatch     int
	F, K         int
	streams      int
	pcg          *rand.PCG
	rng          *rand.Rand
	E, V, dE, dV []T                       // (B, F, K)
	outs         map[string][]T            // per-part output buffers, (B, width)
	deep         [2]*deepInput[T]          // what each MLP reads
	fwbiPart     [2]int                    // fusion part index of each stream's FwBI
	parts        [][]T                     // per part: (n, width_p), aliases layer outputs
	dParts       [][]T                     // per part: (n, width_p), windows of dPartsBuf
	dPartsBuf    [][]T                     // per part: (B, width_p)
	partOf       []func(n int, train bool) // forward of each part, in order
	backOf       []func(dPart []T, n int)  // backward of each part
	logit        []T                       // (B)
}

// deepInput assembles an MLP's input from blocks (flat X, bi(X),
// bilinear(X) of one or both streams), or passes one stream's flat X
// through without a copy.
type deepInput[T Float] struct {
	blocks []deepBlock[T]
	width  int
	buf    []T // (B, width), unused when direct
	dBuf   []T
	direct bool // the input is blocks[0]'s X itself
}

type deepBlock[T Float] struct {
	src, dSrc func() []T // the block's values and gradient buffer, (B, w)
	w         int
}

// NewNet builds the model for schema, declares and initialises its
// parameters from seed (which also seeds dropout), and sizes its buffers
// for batches of up to maxBatch samples.
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
	m := &Net[T]{Config: c, Schema: s, maxBatch: maxBatch, F: len(s.Fields), K: c.EmbeddingDim, outs: map[string][]T{}}
	m.pcg = rand.NewPCG(seed, 0xf15e57)
	m.rng = rand.New(m.pcg)
	a := &m.Arena
	F, K, B := m.F, m.K, maxBatch
	mean := c.Pooling == "mean"
	m.Embedding = NewEmbedding(a, s, K, c.EmbeddingStd, c.L2Embedding, mean)
	m.Linear = NewLinear(a, s, c.EmbeddingStd, c.L2Linear, mean)
	m.streams = 1
	switch c.Transform {
	case "sest":
		seAct, _ := ParseActivation(c.SEActivation)
		m.SEST = NewSEST(a, "sest", F, K, B, SESTOptions{
			ReductionRatio: c.ReductionRatio, SEActivation: seAct,
			Bias: c.ExcitationBias, SqueezeNorm: c.SqueezeNorm,
			PerCoordinate: c.SESTGranularity == SESTPerCoordinate,
		})
		m.streams = 2
	case "senet":
		m.SENET = NewSENET(a, "senet", F, K, c.ReductionRatio, B)
		m.streams = 2
	}
	m.E, m.dE = make([]T, B*F*K), make([]T, B*F*K)
	if m.streams == 2 {
		m.V, m.dV = make([]T, B*F*K), make([]T, B*F*K)
	}
	act, _ := ParseActivation(c.Activation)
	var widths []int
	var scalar []bool
	addPart := func(name string, width int, isScalar bool, fwd func(n int, train bool), back func([]T, int)) {
		m.PartNames = append(m.PartNames, name)
		widths = append(widths, width)
		scalar = append(scalar, isScalar)
		m.partOf = append(m.partOf, fwd)
		m.backOf = append(m.backOf, back)
	}
	suffix := [2]string{"_o", "_s"}
	for st := 0; st < m.streams; st++ {
		st := st
		X := func(n int) []T { x, _ := m.stream(st); return x[:n*F*K] }
		dX := func(n int) []T { _, d := m.stream(st); return d[:n*F*K] }
		for _, name := range c.Interactions {
			out := m.buffer(name+suffix[st], 0)
			switch name {
			case "fwbi":
				x := NewFwBI(a, "fwbi"+suffix[st], s, K, B, c.DiceFactor, c.FwBIBias)
				m.FwBI[st] = x
				out = m.buffer(name+suffix[st], B*K)
				m.fwbiPart[st] = len(m.PartNames)
				addPart("fwbi"+suffix[st], K, false,
					func(n int, train bool) { x.Forward(out[:n*K], X(n), n, train, m.rng) },
					func(d []T, n int) { x.Backward(dX(n), d, X(n), n) })
			case "fm":
				x := NewFM[T](F, K, B)
				m.FM[st] = x
				out = m.buffer(name+suffix[st], B)
				addPart("fm"+suffix[st], 1, true,
					func(n int, train bool) { x.Forward(out[:n], X(n), n) },
					func(d []T, n int) { x.Backward(dX(n), d, X(n), n) })
			case "fwfm":
				x := NewFwFM(a, "fwfm"+suffix[st], F, K)
				m.FwFM[st] = x
				out = m.buffer(name+suffix[st], B)
				addPart("fwfm"+suffix[st], 1, true,
					func(n int, train bool) { x.Forward(out[:n], X(n), n) },
					func(d []T, n int) { x.Backward(dX(n), d, X(n), n) })
			case "cin":
				cinAct, _ := ParseActivation(c.CINActivation)
				x := NewCIN(a, "cin"+suffix[st], F, K, B, c.CIN, c.CINSplitHalf, cinAct)
				m.CIN[st] = x
				w := x.OutWidth()
				out = m.buffer(name+suffix[st], B*w)
				addPart("cin"+suffix[st], w, false,
					func(n int, train bool) { x.Forward(out[:n*w], X(n), n) },
					func(d []T, n int) { x.Backward(dX(n), d, n) })
			}
		}
		if len(c.DeepInputs) > 0 {
			if err := m.addDeepBlocks(a, st, suffix[st]); err != nil {
				return nil, err
			}
			if c.DeepPerStream || m.streams == 1 {
				m.addMLP(a, st, "mlp"+suffix[st], act, addPart)
			}
		}
	}
	if len(c.DeepInputs) > 0 && !c.DeepPerStream && m.streams == 2 {
		m.deep[0].blocks = append(m.deep[0].blocks, m.deep[1].blocks...)
		m.deep[0].width += m.deep[1].width
		m.deep[1] = nil
		m.addMLP(a, 0, "mlp", act, addPart)
	}
	m.Fusion = NewFusion(a, c.Fusion, m.PartNames, widths, scalar, c.FusionHidden, B)
	for _, w := range widths {
		m.dPartsBuf = append(m.dPartsBuf, make([]T, B*w))
	}
	m.parts = make([][]T, len(widths))
	m.dParts = make([][]T, len(widths))
	m.logit = make([]T, B)
	a.Finalize(rand.New(rand.NewPCG(seed, 0x1417)))
	return m, nil
}

// NewFLSEST is NewNet; FLSEST is DefaultConfig's architecture.
func NewFLSEST[T Float](s Schema, c Config, maxBatch int, seed uint64) (*Net[T], error) {
	return NewNet[T](s, c, maxBatch, seed)
}

func (m *Net[T]) buffer(name string, n int) []T {
	if n > 0 {
		m.outs[name] = make([]T, n)
	}
	return m.outs[name]
}

// addDeepBlocks declares stream st's deep-input layers and records its blocks.
func (m *Net[T]) addDeepBlocks(a *Arena[T], st int, suffix string) error {
	F, K, B, c := m.F, m.K, m.maxBatch, m.Config
	d := &deepInput[T]{}
	for _, in := range c.DeepInputs {
		switch in {
		case "flat":
			d.blocks = append(d.blocks, deepBlock[T]{
				src:  func() []T { x, _ := m.stream(st); return x },
				dSrc: func() []T { _, dx := m.stream(st); return dx },
				w:    F * K,
			})
		case "bi":
			m.Bi[st] = NewBiInteraction[T](F, K, B)
			out, dOut := m.buffer("bi"+suffix, B*K), m.buffer("dbi"+suffix, B*K)
			d.blocks = append(d.blocks, deepBlock[T]{src: func() []T { return out }, dSrc: func() []T { return dOut }, w: K})
		case "bilinear":
			x, err := NewBilinear(a, "bilinear"+suffix, F, K, B, c.BilinearType)
			if err != nil {
				return err
			}
			m.Bilinear[st] = x
			w := x.Width()
			out, dOut := m.buffer("bilinear"+suffix, B*w), m.buffer("dbilinear"+suffix, B*w)
			d.blocks = append(d.blocks, deepBlock[T]{src: func() []T { return out }, dSrc: func() []T { return dOut }, w: w})
		}
	}
	for _, b := range d.blocks {
		d.width += b.w
	}
	m.deep[st] = d
	return nil
}

// addMLP declares the MLP reading m.deep[st] and adds it as a part.
func (m *Net[T]) addMLP(a *Arena[T], st int, name string, act Activation, addPart func(string, int, bool, func(int, bool), func([]T, int))) {
	c, B := m.Config, m.maxBatch
	d := m.deep[st]
	d.direct = len(d.blocks) == 1 && len(c.DeepInputs) == 1 && c.DeepInputs[0] == "flat"
	if !d.direct {
		d.buf, d.dBuf = make([]T, B*d.width), make([]T, B*d.width)
	}
	mlp := NewMLP(a, name, d.width, c.Hidden, act, c.Dropout, B)
	m.MLP[st] = mlp
	addPart(name, mlp.OutWidth(), false, nil, nil)
	p := len(m.partOf) - 1 // the closures need their own part index
	m.partOf[p] = func(n int, train bool) { m.parts[p] = mlp.Forward(d.input(n), n, train, m.rng) }
	m.backOf[p] = func(dOut []T, n int) {
		if d.direct {
			mlp.Backward(d.blocks[0].dSrc()[:n*d.width], dOut, n)
			return
		}
		dIn := d.dBuf[:n*d.width]
		clear(dIn)
		mlp.Backward(dIn, dOut, n)
		d.scatter(dIn, n)
	}
}

// input returns the MLP input (n, width), copying blocks side by side.
func (d *deepInput[T]) input(n int) []T {
	if d.direct {
		return d.blocks[0].src()[:n*d.width]
	}
	for b := 0; b < n; b++ {
		off := b * d.width
		for _, blk := range d.blocks {
			copy(d.buf[off:off+blk.w], blk.src()[b*blk.w:b*blk.w+blk.w])
			off += blk.w
		}
	}
	return d.buf[:n*d.width]
}

// scatter adds the MLP input's gradient back into each block's gradient.
func (d *deepInput[T]) scatter(dIn []T, n int) {
	for b := 0; b < n; b++ {
		off := b * d.width
		for _, blk := range d.blocks {
			dst := blk.dSrc()[b*blk.w : b*blk.w+blk.w]
			for i, v := range dIn[off : off+blk.w] {
				dst[i] += v
			}
			off += blk.w
		}
	}
}

// Params implements Model.
func (m *Net[T]) Params() *Arena[T] { return &m.Arena }

// MaxBatch implements Model.
func (m *Net[T]) MaxBatch() int { return m.maxBatch }

// Reseed restarts the dropout and DiceFactor random stream.
func (m *Net[T]) Reseed(seed uint64) { m.pcg.Seed(seed, 0xf15e57) }

// stream returns stream st's input and gradient: E or V.
func (m *Net[T]) stream(st int) (X, dX []T) {
	if st == StreamSEST {
		return m.V, m.dV
	}
	return m.E, m.dE
}

// Forward implements Model.
func (m *Net[T]) Forward(b *Batch, train bool) []T {
	n := b.N
	if n > m.maxBatch || n < 1 {
		panic(fmt.Sprintf("model: net: batch of %d, want 1..%d", n, m.maxBatch))
	}
	F, K := m.F, m.K
	E := m.E[:n*F*K]
	m.Embedding.Forward(E, b)
	logit := m.logit[:n]
	m.Linear.Forward(logit, b) // eq (11)
	m.forwardFromE(n, train, nil)
	return logit
}

// forwardFromE runs everything after the embedding and linear part, from
// m.E and m.logit (both set for n samples). part, if not nil, may compute
// part p itself (into m.parts[p]) and report true: CompositeScorer's fast
// path for the E-stream MLP.
func (m *Net[T]) forwardFromE(n int, train bool, part func(p, n int) bool) {
	F, K := m.F, m.K
	E := m.E[:n*F*K]
	logit := m.logit[:n]
	switch {
	case m.SEST != nil:
		m.SEST.Forward(m.V[:n*F*K], E, n) // eq (1)–(8)
	case m.SENET != nil:
		m.SENET.Forward(m.V[:n*F*K], E, n)
	}
	for st := 0; st < m.streams; st++ { // the MLPs' non-flat inputs
		X, _ := m.stream(st)
		if m.Bi[st] != nil {
			m.Bi[st].Forward(m.outs["bi"+[2]string{"_o", "_s"}[st]][:n*K], X[:n*F*K], n)
		}
		if x := m.Bilinear[st]; x != nil {
			x.Forward(m.outs["bilinear"+[2]string{"_o", "_s"}[st]][:n*x.Width()], X[:n*F*K], n)
		}
	}
	for p, fwd := range m.partOf {
		if part != nil && part(p, n) {
			continue
		}
		fwd(n, train)
		if out, ok := m.outs[m.PartNames[p]]; ok {
			m.parts[p] = out[:n*m.Fusion.Widths[p]]
		}
	}
	m.Fusion.Forward(logit, m.parts, n)
}

// Backward implements Model.
func (m *Net[T]) Backward(b *Batch, dLogit []T) {
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
	for _, name := range []string{"dbi_o", "dbi_s", "dbilinear_o", "dbilinear_s"} {
		clear(m.outs[name])
	}
	for p, back := range m.backOf {
		back(m.dParts[p], n)
	}
	for st := 0; st < m.streams; st++ {
		X, dX := m.stream(st)
		X, dX = X[:n*F*K], dX[:n*F*K]
		sfx := [2]string{"_o", "_s"}[st]
		if m.Bi[st] != nil {
			m.Bi[st].Backward(dX, m.outs["dbi"+sfx][:n*K], X, n)
		}
		if x := m.Bilinear[st]; x != nil {
			x.Backward(dX, m.outs["dbilinear"+sfx][:n*x.Width()], X, n)
		}
	}
	switch {
	case m.SEST != nil:
		m.SEST.Backward(m.dE[:n*F*K], m.dV[:n*F*K], m.E[:n*F*K], n)
	case m.SENET != nil:
		m.SENET.Backward(m.dE[:n*F*K], m.dV[:n*F*K], m.E[:n*F*K], n)
	}
	m.Embedding.Backward(m.dE[:n*F*K], b)
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
