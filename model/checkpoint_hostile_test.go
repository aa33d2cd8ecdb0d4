package model

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
)

// forge writes a checkpoint of header h and the given weights with a valid
// checksum: what an attacker (or a buggy writer) can always produce.
func forge(t testing.TB, h checkpointHeader, values []float32) []byte {
	t.Helper()
	hj, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	return forgeRaw(hj, values)
}

func forgeRaw(header []byte, values []float32) []byte {
	var buf bytes.Buffer
	buf.WriteString(checkpointMagic)
	binary.Write(&buf, binary.LittleEndian, uint32(checkpointVersion))
	binary.Write(&buf, binary.LittleEndian, uint32(len(header)))
	buf.Write(header)
	for _, v := range values {
		binary.Write(&buf, binary.LittleEndian, math.Float32bits(v))
	}
	sum := sha256.Sum256(buf.Bytes())
	return append(buf.Bytes(), sum[:]...)
}

// smallCheckpoint is a small model's checkpoint header and weights.
func smallCheckpoint(t testing.TB) (checkpointHeader, []float32) {
	t.Helper()
	c := DefaultConfig()
	c.EmbeddingDim, c.Hidden = 4, []int{8}
	m, err := NewNet[float32](testSchema([]int{0, 0, 1}, 5), c, 4, 1)
	if err != nil {
		t.Fatal(err)
	}
	h := checkpointHeader{Model: "net", Config: m.Config, Schema: m.Schema}
	for _, p := range m.Arena.Params {
		h.Params = append(h.Params, paramShape{p.Name, p.Shape})
	}
	return h, append([]float32(nil), m.Arena.Value...)
}

// Issue 15's hostile checkpoints, each with a valid checksum: refused with
// a clear error before any model is built (a few megabytes at most).
func TestCheckpointRefusesHostileHeadersWithoutAllocating(t *testing.T) {
	h, values := smallCheckpoint(t)
	cases := map[string]struct {
		edit func(*checkpointHeader, *[]float32)
		want string
	}{
		"a vocabulary of 2^24": {func(h *checkpointHeader, _ *[]float32) { h.Schema.Fields[0].Vocab = 1 << 24 }, "declares a vocabulary of 16777216"},
		"a vocabulary of 2^36": {func(h *checkpointHeader, _ *[]float32) { h.Schema.Fields[0].Vocab = 1 << 36 }, "declares a vocabulary of 68719476736"},
		"shapes that overflow": {func(h *checkpointHeader, _ *[]float32) { h.Params[0].Shape = []int{1 << 40, 1 << 40} }, "more than 2^40 values"},
		"a negative dimension": {func(h *checkpointHeader, _ *[]float32) { h.Params[0].Shape = []int{-1, 4} }, "not positive dimensions"},
		"no fields":            {func(h *checkpointHeader, _ *[]float32) { h.Schema.Fields = nil }, "its schema is invalid"},
		"100 CIN layers": {func(h *checkpointHeader, _ *[]float32) {
			h.Config.Interactions, h.Config.CIN = []string{"cin"}, make([]int, 100)
		}, "its configuration is invalid"},
		"the widest MLP the checks accept": {func(h *checkpointHeader, _ *[]float32) {
			h.Config.Hidden = []int{4096, 4096, 4096, 4096}
		}, "its configuration needs about 100802686 weights but the file holds 334"},
		"a NaN weight":       {func(_ *checkpointHeader, v *[]float32) { (*v)[len(*v)/2] = float32(math.NaN()) }, "not finite"},
		"an infinite weight": {func(_ *checkpointHeader, v *[]float32) { (*v)[0] = float32(math.Inf(-1)) }, "not finite"},
	}
	for name, tc := range cases {
		hh := h
		hh.Schema.Fields = append([]Field(nil), h.Schema.Fields...)
		hh.Params = append([]paramShape(nil), h.Params...)
		vv := append([]float32(nil), values...)
		tc.edit(&hh, &vv)
		b := forge(t, hh, vv)
		var err error
		got := allocated(func() { _, err = Load(bytes.NewReader(b), 4) })
		if !errors.Is(err, ErrCheckpoint) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Load = %v, want an ErrCheckpoint containing %q", name, err, tc.want)
		}
		if got > 4<<20 {
			t.Errorf("%s: refusing a %d-byte file allocated %d bytes", name, len(b), got)
		}
		t.Logf("%s (%d bytes): %v; %d bytes allocated", name, len(b), err, got)
	}
}
