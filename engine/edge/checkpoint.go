package edge

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/model"
)

// The checkpoint's fixed prefix (model/checkpoint.go): magic, version,
// header length.
const checkpointPrefix = 8 + 4 + 4

// Bounds on what a checkpoint's header may ask to be built, checked before
// model.Load builds anything: Load sizes the model from the header's schema
// and configuration, and a few hundred bytes could declare gigabytes.
const (
	maxWidth  = 4096 // an MLP, CIN or fusion layer
	maxLayers = 16   // MLP or CIN layers
)

// sizeHeader is the part of a checkpoint's header that sizes the model.
type sizeHeader struct {
	Config struct {
		EmbeddingDim int   `json:"embedding_dim"`
		Hidden       []int `json:"hidden"`
		CIN          []int `json:"cin"`
		FusionHidden int   `json:"fusion_hidden"`
	} `json:"config"`
	Schema struct {
		Fields []struct {
			Name  string
			Vocab int
		}
	} `json:"schema"`
	Params []struct {
		Shape []int `json:"shape"`
	} `json:"params"`
}

// loadCheckpoint checks that b's header declares no more model than b
// holds, then loads it.
func loadCheckpoint(b []byte) (*model.Net[float32], error) {
	bad := func(format string, args ...any) error {
		return &api.Error{Code: api.CodeData, Field: api.EdgePartCheckpoint, Message: fmt.Sprintf(format, args...)}
	}
	if len(b) >= checkpointPrefix {
		hlen := int64(binary.LittleEndian.Uint32(b[12:]))
		if hlen <= int64(len(b)-checkpointPrefix) {
			var h sizeHeader
			if json.NewDecoder(bytes.NewReader(b[checkpointPrefix:checkpointPrefix+int(hlen)])).Decode(&h) == nil {
				if err := checkSizes(h, int64(len(b))-checkpointPrefix-hlen); err != "" {
					return nil, bad("%s", err)
				}
			}
		}
	}
	m, err := model.Load(bytes.NewReader(b), maxBatch)
	if err != nil {
		return nil, bad("%v", err)
	}
	for _, p := range m.Arena.Params {
		for i, v := range p.Value {
			if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
				return nil, bad("%s[%d] is %v: the weights are not finite", p.Name, i, v)
			}
		}
	}
	return m, nil
}

// checkSizes compares what h declares with the bytes that follow it
// (values and checksum); it returns what is wrong, or "".
func checkSizes(h sizeHeader, rest int64) string {
	values := rest / 4 // an upper bound on the float32 values the file holds
	K := int64(h.Config.EmbeddingDim)
	if K < 1 || K > maxWidth {
		return fmt.Sprintf("embedding_dim %d is out of range [1, %d]", K, maxWidth)
	}
	var embedded int64
	for _, f := range h.Schema.Fields {
		if f.Vocab < 1 || int64(f.Vocab) > values {
			return fmt.Sprintf("field %q declares a vocabulary of %d, more than the file's %d values", f.Name, f.Vocab, values)
		}
		embedded += int64(f.Vocab) * K
		if embedded > values {
			return fmt.Sprintf("the schema's embeddings need %d values (vocabularies × embedding_dim %d), the file holds at most %d", embedded, K, values)
		}
	}
	for _, ls := range []struct {
		name   string
		widths []int
	}{{"hidden", h.Config.Hidden}, {"cin", h.Config.CIN}, {"fusion_hidden", []int{h.Config.FusionHidden}}} {
		if len(ls.widths) > maxLayers {
			return fmt.Sprintf("%s: %d layers, at most %d", ls.name, len(ls.widths), maxLayers)
		}
		for _, w := range ls.widths {
			if w < 0 || w > maxWidth {
				return fmt.Sprintf("%s: a layer of %d, at most %d", ls.name, w, maxWidth)
			}
		}
	}
	return ""
}
