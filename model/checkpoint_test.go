package model

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func trainedSmallModel(t *testing.T) (*Net[float32], *Batch) {
	t.Helper()
	rng := rand.New(rand.NewPCG(61, 62))
	s := testSchema([]int{0, 0, 0, 1, 1}, 20)
	m, err := NewFLSEST[float32](s, DefaultConfig(), 32, 5)
	if err != nil {
		t.Fatal(err)
	}
	opt, _ := NewOptimizer(OptimizerConfig{Name: "adam", LR: 1e-2}, m.Params())
	tr := NewTrainer[float32](m, opt)
	b := randomBatch(rng, s, 32, 4)
	for i := 0; i < 5; i++ {
		if _, err := tr.Step(b); err != nil {
			t.Fatal(err)
		}
	}
	return m, b
}

// saved is m's checkpoint file.
func saved(t *testing.T, m *Net[float32]) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := Save(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCheckpointRoundTripPredictsIdentically(t *testing.T) {
	m, b := trainedSmallModel(t)
	var buf bytes.Buffer
	n, err := Save(&buf, m)
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(buf.Len()) || LogSize(m) != n {
		t.Errorf("Save wrote %d bytes, buffer has %d, LogSize says %d", n, buf.Len(), LogSize(m))
	}
	loaded, err := Load(bytes.NewReader(buf.Bytes()), 32)
	if err != nil {
		t.Fatal(err)
	}
	want, got := make([]float32, b.N), make([]float32, b.N)
	Predict[float32](m, b, want)
	Predict[float32](loaded, b, got)
	for i := range want {
		if want[i] != got[i] {
			t.Fatalf("sample %d: %v before saving, %v after loading", i, want[i], got[i])
		}
	}
}

func TestCheckpointRefusesBadFiles(t *testing.T) {
	m, _ := trainedSmallModel(t)
	good := saved(t, m)
	flip := func(i int) []byte { b := bytes.Clone(good); b[i] ^= 1; return b }
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "the file is empty"},
		{"cut in the magic", good[:4], "truncated: 4 bytes"},
		{"cut in the header", good[:40], "truncated"},
		{"cut in the weights", good[:len(good)/2], "truncated"},
		{"last byte missing", good[:len(good)-1], "truncated"},
		{"trailing data", append(bytes.Clone(good), 0), "trailing data"},
		{"weight altered", flip(len(good) - 100), "checksum mismatch"},
		{"header altered", flip(30), "checksum mismatch"},
		{"not a checkpoint", []byte("PK\x03\x04 this is a zip file, not weights"), "not an FLSEST checkpoint"},
		{"future version", func() []byte { b := bytes.Clone(good); b[8] = 9; return b }(), "version 9"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(bytes.NewReader(c.data), 32)
			if err == nil || !errors.Is(err, ErrCheckpoint) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Load = %v, want an ErrCheckpoint containing %q", err, c.want)
			}
		})
	}
}

// ReadCheckpoint gives the header Save wrote and keeps the file's weights
// in place (no copy, no model) until Build, which gives Load's model.
func TestReadCheckpointDeclaresWithoutBuilding(t *testing.T) {
	m, b := trainedSmallModel(t)
	file := saved(t, m)
	c, err := ReadCheckpoint(file)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.Schema, m.Schema) || !reflect.DeepEqual(c.Config, m.Config) {
		t.Errorf("header: %+v, %+v; saved %+v, %+v", c.Schema, c.Config, m.Schema, m.Config)
	}
	if len(c.values) != 4*len(m.Arena.Value) || &c.values[len(c.values)-1] != &file[len(file)-33] {
		t.Errorf("the weights are %d bytes, not the file's %d bytes before its checksum", len(c.values), 4*len(m.Arena.Value))
	}
	built, err := c.Build(32)
	if err != nil {
		t.Fatal(err)
	}
	want, got := make([]float32, b.N), make([]float32, b.N)
	Predict[float32](m, b, want)
	Predict[float32](built, b, got)
	if !slices.Equal(want, got) {
		t.Errorf("Build predicts %v, the saved model %v", got, want)
	}
}
