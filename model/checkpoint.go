package model

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
)

// Checkpoint format, version 1 (all integers little-endian):
//
//	magic    8 bytes  "FLSESTck"
//	version  uint32   1
//	hlen     uint32   length of the header
//	header   hlen bytes of JSON: model name, Config, Schema, parameter names and shapes
//	values   float32 × Σ parameter sizes, in arena order
//	sha256   32 bytes over everything above
//
// The file holds the trained weights only (not optimiser state); its size is
// the paper's LogSize (§4.3.5).

const (
	checkpointMagic   = "FLSESTck"
	checkpointVersion = 1
)

// ErrCheckpoint is wrapped by every error Load returns for a bad file.
var ErrCheckpoint = errors.New("checkpoint")

type checkpointHeader struct {
	Model  string       `json:"model"`
	Config Config       `json:"config"`
	Schema Schema       `json:"schema"`
	Params []paramShape `json:"params"`
}

type paramShape struct {
	Name  string `json:"name"`
	Shape []int  `json:"shape"`
}

// Save writes m's weights as a version-1 checkpoint, as float32.
func Save[T Float](w io.Writer, m *Net[T]) (int64, error) {
	h := checkpointHeader{Model: "net", Config: m.Config, Schema: m.Schema}
	for _, p := range m.Arena.Params {
		h.Params = append(h.Params, paramShape{p.Name, p.Shape})
	}
	hj, err := json.Marshal(h)
	if err != nil {
		return 0, err
	}
	var buf bytes.Buffer
	buf.WriteString(checkpointMagic)
	binary.Write(&buf, binary.LittleEndian, uint32(checkpointVersion))
	binary.Write(&buf, binary.LittleEndian, uint32(len(hj)))
	buf.Write(hj)
	var b4 [4]byte
	for _, v := range m.Arena.Value {
		binary.LittleEndian.PutUint32(b4[:], math.Float32bits(float32(v)))
		buf.Write(b4[:])
	}
	sum := sha256.Sum256(buf.Bytes())
	buf.Write(sum[:])
	n, err := w.Write(buf.Bytes())
	return int64(n), err
}

// LogSize is the size in bytes of m's saved checkpoint (paper §4.3.5).
func LogSize[T Float](m *Net[T]) int64 {
	n, _ := Save(io.Discard, m)
	return n
}

func checkpointErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrCheckpoint, fmt.Sprintf(format, args...))
}

// Load reads a checkpoint and rebuilds the model for batches of up to
// maxBatch. A truncated, altered or foreign file is refused with an error
// wrapping ErrCheckpoint that says what is wrong.
func Load(r io.Reader, maxBatch int) (*Net[float32], error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, checkpointErr("read: %v", err)
	}
	c, err := ReadCheckpoint(b)
	if err != nil {
		return nil, err
	}
	return c.Build(maxBatch)
}

// Checkpoint is a checkpoint file that passed every check made before a
// model is built: what its header declares, and its weights still as the
// file's bytes. A caller can compare Schema with its data before Build
// allocates the model.
type Checkpoint struct {
	Config Config
	Schema Schema
	params []paramShape
	values []byte // float32 little-endian, in arena order (b's, not a copy)
}

// ReadCheckpoint checks b's framing, checksum and header (checkHeader) and
// returns what it declares. It builds nothing and keeps b, not a copy.
func ReadCheckpoint(b []byte) (*Checkpoint, error) {
	const fixed = len(checkpointMagic) + 8
	if len(b) == 0 {
		return nil, checkpointErr("the file is empty")
	}
	if len(b) < fixed || string(b[:len(checkpointMagic)]) != checkpointMagic {
		if len(b) < len(checkpointMagic) && string(b) == checkpointMagic[:len(b)] {
			return nil, checkpointErr("truncated: %d bytes", len(b))
		}
		return nil, checkpointErr("not an FLSEST checkpoint (the file does not start with %q)", checkpointMagic)
	}
	version := binary.LittleEndian.Uint32(b[8:])
	if version != checkpointVersion {
		return nil, checkpointErr("version %d, this program reads version %d", version, checkpointVersion)
	}
	hlen := int(binary.LittleEndian.Uint32(b[12:]))
	if hlen > len(b)-fixed {
		return nil, checkpointErr("truncated: %d bytes, the header alone needs %d", len(b), fixed+hlen)
	}
	var h checkpointHeader
	dec := json.NewDecoder(bytes.NewReader(b[fixed : fixed+hlen]))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&h); err != nil {
		// Check the sum first: an altered header is corruption, not a format.
		if len(b) >= fixed+hlen+32 && !sumOK(b) {
			return nil, checkpointErr("checksum mismatch: the file is corrupt or was altered")
		}
		return nil, checkpointErr("header: %v", err)
	}
	// Sizes are bounded before they are multiplied, so a hostile shape
	// cannot overflow (the file's length then bounds them for real).
	const maxValues = 1 << 40
	count := 0
	for _, p := range h.Params {
		n, ok := boundedSize(p.Shape, maxValues-count)
		if !ok {
			return nil, checkpointErr("parameter %s has shape %v: not positive dimensions, or more than 2^40 values in all", p.Name, p.Shape)
		}
		count += n
	}
	want := fixed + hlen + 4*count + 32
	if len(b) != want {
		if len(b) < want {
			return nil, checkpointErr("truncated: %d bytes, want %d", len(b), want)
		}
		return nil, checkpointErr("%d bytes, want %d: trailing data", len(b), want)
	}
	if !sumOK(b) {
		return nil, checkpointErr("checksum mismatch: the file is corrupt or was altered")
	}
	if h.Config.SESTGranularity == "" {
		// Written before the switch existed, when SEST was per field only.
		h.Config.SESTGranularity = SESTPerField
	}
	h.Config.fillOtherSystems()
	if h.Model != "net" {
		return nil, checkpointErr("model %q, this loader builds net", h.Model)
	}
	if err := checkHeader(h, count); err != nil {
		return nil, err
	}
	return &Checkpoint{Config: h.Config, Schema: h.Schema, params: h.Params, values: b[fixed+hlen : len(b)-32]}, nil
}

// Build makes the model c describes, for batches of up to maxBatch, with
// c's weights; non-finite weights are refused.
func (c *Checkpoint) Build(maxBatch int) (*Net[float32], error) {
	m, err := NewNet[float32](c.Schema, c.Config, maxBatch, 0)
	if err != nil {
		return nil, checkpointErr("its configuration is invalid: %v", err)
	}
	if len(m.Arena.Params) != len(c.params) {
		return nil, checkpointErr("%d parameter tensors, the model has %d", len(c.params), len(m.Arena.Params))
	}
	for i, p := range m.Arena.Params {
		if p.Name != c.params[i].Name || !slices.Equal(p.Shape, c.params[i].Shape) {
			if strings.HasPrefix(p.Name, "sest.") {
				return nil, checkpointErr("sest_granularity is %q in its header but parameter %s is %v, which a %q SEST would make %v: the header and the weights disagree",
					c.Config.SESTGranularity, c.params[i].Name, c.params[i].Shape, c.Config.SESTGranularity, p.Shape)
			}
			return nil, checkpointErr("parameter %d is %s %v, the model wants %s %v", i, c.params[i].Name, c.params[i].Shape, p.Name, p.Shape)
		}
	}
	for i := range m.Arena.Value {
		m.Arena.Value[i] = math.Float32frombits(binary.LittleEndian.Uint32(c.values[4*i:]))
	}
	for _, p := range m.Arena.Params {
		for i, v := range p.Value {
			if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
				return nil, checkpointErr("parameter %s holds %v at index %d: the weights are not finite (a diverged run?)", p.Name, v, i)
			}
		}
	}
	return m, nil
}

// boundedSize is the product of shape's dimensions when every dimension is
// at least 1 and the product is at most limit.
func boundedSize(shape []int, limit int) (int, bool) {
	n := 1
	for _, d := range shape {
		if d < 1 || n > limit/d {
			return 0, false
		}
		n *= d
	}
	return n, n <= limit
}

// checkHeader checks what the header declares before any model is built:
// a valid schema and configuration, and vocabularies whose embeddings and
// linear weights (Σ vocab × (K+1) values) the file actually holds; the
// model-size budget (budget.go) bounds the rest.
func checkHeader(h checkpointHeader, count int) error {
	if err := h.Schema.Validate(); err != nil {
		return checkpointErr("its schema is invalid: %v", err)
	}
	if err := h.Config.Validate(len(h.Schema.Fields)); err != nil {
		return checkpointErr("its configuration is invalid: %v", err)
	}
	vocab := 0
	for _, f := range h.Schema.Fields {
		if f.Vocab > count {
			return checkpointErr("field %q declares a vocabulary of %d but the file holds %d weights", f.Name, f.Vocab, count)
		}
		vocab += f.Vocab
	}
	if need := vocab * (h.Config.EmbeddingDim + 1); vocab > count || need > count {
		return checkpointErr("the schema's vocabularies (%d values) need %d embedding and linear weights but the file holds %d", vocab, need, count)
	}
	// The estimate is within 10% of the true count (budget_test.go), so a
	// file with far fewer weights cannot fit its configuration: refused
	// before NewNet allocates what the configuration asks for.
	if est := EstimateFootprint(h.Schema, h.Config, 1).Params; est > 2*int64(count)+1<<12 {
		return checkpointErr("its configuration needs about %d weights but the file holds %d", est, count)
	}
	return nil
}

func sumOK(b []byte) bool {
	body, sum := b[:len(b)-32], b[len(b)-32:]
	got := sha256.Sum256(body)
	return bytes.Equal(got[:], sum)
}

// CheckSESTGranularity refuses a loaded checkpoint's config c when its SEST
// reading is not the one asked for (want), so weights learnt under one
// reading are never explained or trained on as the other.
func CheckSESTGranularity(c Config, want string) error {
	if c.Transform != "sest" || c.SESTGranularity == want {
		return nil
	}
	return &ConfigError{Field: "sest_granularity", Message: fmt.Sprintf("the checkpoint's SEST is per %s, not per %s: load it without -sest-granularity, or train a new model", c.SESTGranularity, want)}
}
