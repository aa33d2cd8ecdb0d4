package edge

import (
	"fmt"
	"sort"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/model"
)

// maxValues bounds one field's values in one sample (MovieLens' genres
// field has at most 6; the vocabulary bounds distinct ones anyway).
const maxValues = 64

// batchOf encodes samples for m (part names the request's list, for
// errors): every field name must be the schema's, every index within its
// vocabulary.
func batchOf(m *model.Net[float32], part string, samples []api.EdgeSample) (*model.Batch, error) {
	fields := m.Schema.Fields
	byName := make(map[string]int, len(fields))
	for f, fl := range fields {
		byName[fl.Name] = f
	}
	b := &model.Batch{Off: []int32{0}}
	for s, sample := range samples {
		where := fmt.Sprintf("%s[%d]", part, s)
		for _, name := range sortedNames(sample) {
			if _, ok := byName[name]; !ok {
				return nil, invalid(where+"."+name, "no such field: the checkpoint's fields are %v", fieldNames(m))
			}
		}
		for _, fl := range fields {
			vals := sample[fl.Name]
			if len(vals) > maxValues {
				return nil, invalid(where+"."+fl.Name, "%d values, at most %d", len(vals), maxValues)
			}
			for _, v := range vals {
				if v < 0 || int(v) >= fl.Vocab {
					return nil, invalid(where+"."+fl.Name, "value %d is outside the vocabulary [0, %d)", v, fl.Vocab)
				}
			}
			b.Idx = append(b.Idx, vals...)
			b.Off = append(b.Off, int32(len(b.Idx)))
		}
		b.Label = append(b.Label, 0)
		b.N++
	}
	return b, nil
}

func sortedNames(s api.EdgeSample) []string {
	names := make([]string, 0, len(s))
	for n := range s {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func fieldNames(m *model.Net[float32]) []string {
	names := make([]string, len(m.Schema.Fields))
	for f, fl := range m.Schema.Fields {
		names[f] = fl.Name
	}
	return names
}

func invalid(field, format string, args ...any) *api.Error {
	return &api.Error{Code: api.CodeInvalid, Field: field, Message: fmt.Sprintf(format, args...)}
}
