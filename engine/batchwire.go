package engine

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/flsest/flsest/model"
)

// A shard of a batch on its way to a replica in another Web Worker
// (replicas.go, wasm/worker).

// EncodeBatch writes b for a replica in another process: N, F, len(Idx),
// then Off, Idx (int32) and Label (float32), little-endian.
func EncodeBatch(dst []byte, b *model.Batch, F int) []byte {
	put := func(v uint32) { dst = binary.LittleEndian.AppendUint32(dst, v) }
	put(uint32(b.N))
	put(uint32(F))
	put(uint32(len(b.Idx)))
	for _, v := range b.Off[:b.N*F+1] {
		put(uint32(v))
	}
	for _, v := range b.Idx {
		put(uint32(v))
	}
	for _, v := range b.Label[:b.N] {
		put(math.Float32bits(v))
	}
	return dst
}

// DecodeBatch reads EncodeBatch's bytes into b (reusing its slices).
func DecodeBatch(b *model.Batch, src []byte) error {
	if len(src) < 12 {
		return fmt.Errorf("batch: %d bytes, need at least 12", len(src))
	}
	u := func(i int) uint32 { return binary.LittleEndian.Uint32(src[4*i:]) }
	n, F, nIdx := int(u(0)), int(u(1)), int(u(2))
	want := 3 + n*F + 1 + nIdx + n
	if n < 0 || F < 1 || nIdx < 0 || len(src) != 4*want {
		return fmt.Errorf("batch: %d bytes for N=%d F=%d indices=%d", len(src), n, F, nIdx)
	}
	b.N = n
	b.Off, b.Idx, b.Label = b.Off[:0], b.Idx[:0], b.Label[:0]
	p := 3
	for range n*F + 1 {
		b.Off = append(b.Off, int32(u(p)))
		p++
	}
	for range nIdx {
		b.Idx = append(b.Idx, int32(u(p)))
		p++
	}
	for range n {
		b.Label = append(b.Label, math.Float32frombits(u(p)))
		p++
	}
	if b.Off[0] != 0 || int(b.Off[n*F]) != nIdx {
		return fmt.Errorf("batch: offsets do not cover the %d indices", nIdx)
	}
	return nil
}
