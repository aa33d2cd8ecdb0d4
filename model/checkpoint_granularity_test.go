package model

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"strings"
	"testing"
)

// withHeader rebuilds checkpoint file b with its JSON header edited, and a
// valid length and checksum: what a file written by another program
// version (or a hand-edited one) looks like.
func withHeader(t *testing.T, b []byte, edit func(string) string) []byte {
	t.Helper()
	const fixed = len(checkpointMagic) + 8
	hlen := int(binary.LittleEndian.Uint32(b[12:]))
	header := edit(string(b[fixed : fixed+hlen]))
	var out bytes.Buffer
	out.Write(b[:12])
	binary.Write(&out, binary.LittleEndian, uint32(len(header)))
	out.WriteString(header)
	out.Write(b[fixed+hlen : len(b)-32])
	sum := sha256.Sum256(out.Bytes())
	out.Write(sum[:])
	return out.Bytes()
}

// A checkpoint records SEST's granularity and rebuilds the same reading;
// one written before the switch existed is per field; a header whose
// granularity disagrees with its weights is refused, naming the setting.
func TestCheckpointRecordsSESTGranularity(t *testing.T) {
	s := testSchema([]int{0, 0, 0, 1, 1}, 20)
	save := func(g string) []byte {
		c := DefaultConfig()
		c.SESTGranularity = g
		m, err := NewFLSEST[float32](s, c, 8, 5)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := Save(&buf, m); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	for _, g := range []string{SESTPerField, SESTPerCoordinate} {
		m, err := Load(bytes.NewReader(save(g)), 8)
		if err != nil || m.Config.SESTGranularity != g || m.SEST.PerCoordinate != (g == SESTPerCoordinate) {
			t.Fatalf("%s: loaded %v, err %v", g, m.Config.SESTGranularity, err)
		}
	}
	old := withHeader(t, save(SESTPerField), func(h string) string {
		return strings.Replace(h, `"sest_granularity":"field",`, "", 1)
	})
	if m, err := Load(bytes.NewReader(old), 8); err != nil || m.Config.SESTGranularity != SESTPerField {
		t.Errorf("a header without sest_granularity: %v, err %v; want the per-field reading", m, err)
	}
	swapped := withHeader(t, save(SESTPerField), func(h string) string {
		return strings.Replace(h, `"sest_granularity":"field"`, `"sest_granularity":"coordinate"`, 1)
	})
	_, err := Load(bytes.NewReader(swapped), 8)
	if err == nil || !errors.Is(err, ErrCheckpoint) || !strings.Contains(err.Error(), `sest_granularity is "coordinate"`) {
		t.Errorf("per-field weights under a per-coordinate header: %v", err)
	}
	if err := CheckSESTGranularity(DefaultConfig(), SESTPerCoordinate); err == nil || !strings.Contains(err.Error(), "sest_granularity") {
		t.Errorf("CheckSESTGranularity(field, coordinate) = %v, want an error naming sest_granularity", err)
	}
	if err := CheckSESTGranularity(DefaultConfig(), SESTPerField); err != nil {
		t.Errorf("CheckSESTGranularity(field, field) = %v", err)
	}
}
