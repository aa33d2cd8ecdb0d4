package engine

import (
	"fmt"

	"github.com/flsest/flsest/datasets"
	"github.com/flsest/flsest/model"
)

// Domain groupings (docs/design.md: the general domains FwBI's r spans).
const (
	GroupUserItem        = "user-item"         // M = 2
	GroupUserItemContext = "user-item-context" // M = 3, adds weekday and hour
	GroupPerField        = "per-field"         // M = F: FwBI's MF part becomes FwFM (eq 16)
)

// Groupings are the domain groupings, in the order controls offer them.
func Groupings() []string { return []string{GroupUserItem, GroupUserItemContext, GroupPerField} }

// Data is an encoded dataset with its split and the model's schema.
type Data struct {
	Enc    *datasets.Encoded
	Split  datasets.Split
	Schema model.Schema
	ML     *datasets.MovieLens // the source, for titles and users
	// maxValues is the most value indices one sample has (all fields).
	maxValues int
	lookup    *lookup // built on first use by index()
}

// NewData encodes ml for a grouping and splits it with splitSeed.
func NewData(ml *datasets.MovieLens, grouping string, context bool, splitSeed uint64) (*Data, error) {
	switch grouping {
	case GroupUserItem:
		context = false
	case GroupUserItemContext:
		context = true
	case GroupPerField:
	default:
		return nil, &model.ConfigError{Field: "grouping", Message: fmt.Sprintf("%q is not %s, %s or %s", grouping, GroupUserItem, GroupUserItemContext, GroupPerField)}
	}
	d := fromEncoded(ml.Encode(datasets.EncodeOptions{Context: context}), grouping, splitSeed)
	d.ML = ml
	return d, nil
}

// NewDataFrom prepares any loaded dataset. Encoded-only data (Avazu-style
// CSV) keeps its declared domains unless grouping is per-field.
func NewDataFrom(src *datasets.Source, grouping string, context bool, splitSeed uint64) (*Data, error) {
	if src.ML != nil {
		return NewData(src.ML, grouping, context, splitSeed)
	}
	switch grouping {
	case GroupUserItem, GroupUserItemContext, GroupPerField:
	default:
		return nil, &model.ConfigError{Field: "grouping", Message: fmt.Sprintf("%q is not %s, %s or %s", grouping, GroupUserItem, GroupUserItemContext, GroupPerField)}
	}
	return fromEncoded(src.Enc, grouping, splitSeed), nil
}

func fromEncoded(enc *datasets.Encoded, grouping string, splitSeed uint64) *Data {
	d := &Data{Enc: enc, Split: datasets.NewSplit(enc.N, splitSeed)}
	domains := enc.DomainNames()
	if grouping == GroupPerField {
		domains = nil
		for _, f := range enc.Fields {
			domains = append(domains, f.Name)
		}
	}
	index := map[string]int{}
	for m, name := range domains {
		index[name] = m
	}
	d.Schema.Domains = domains
	for _, f := range enc.Fields {
		dom := index[f.Domain]
		if grouping == GroupPerField {
			dom = index[f.Name]
		}
		d.Schema.Fields = append(d.Schema.Fields, model.Field{Name: f.Name, Vocab: len(f.Values), Domain: dom})
	}
	for _, m := range enc.MaxValues() {
		d.maxValues += m
	}
	return d
}

// NewBatch allocates a batch that Fill can reuse for up to size samples.
func (d *Data) NewBatch(size int) *model.Batch {
	F := len(d.Schema.Fields)
	return &model.Batch{
		Off:   make([]int32, 0, size*F+1),
		Idx:   make([]int32, 0, size*d.maxValues),
		Label: make([]float32, 0, size),
	}
}

// Fill sets b to the samples idx, reusing b's memory (no allocation when b
// came from NewBatch with size ≥ len(idx)).
func (d *Data) Fill(b *model.Batch, idx []int32) {
	F := len(d.Schema.Fields)
	enc := d.Enc
	b.N = len(idx)
	b.Off = append(b.Off[:0], 0)
	b.Idx = b.Idx[:0]
	b.Label = b.Label[:0]
	for _, s := range idx {
		base := int(s) * F
		for f := 0; f < F; f++ {
			b.Idx = append(b.Idx, enc.Idx[enc.Off[base+f]:enc.Off[base+f+1]]...)
			b.Off = append(b.Off, int32(len(b.Idx)))
		}
		b.Label = append(b.Label, enc.Label[s])
	}
}
