package client

import (
	"bytes"
	"errors"
	"strconv"

	"github.com/flsest/flsest/engine/api"
)

// The projector's report is large (about 20,000 coordinates and 9,000
// ints for ml-100k) and encoding/json decodes each number through
// reflection: under wasm (node, on a loaded 2-core machine) it took
// 45–164 ms for ml-100k's report, and these wire types 15–38 ms, 2–3×
// less in each run (BenchmarkDecodeProjector). They take the report as
// api types but read each number array in one pass with strconv.

// numbers reads a JSON array of numbers (or null) in one pass, parsing
// each with parse.
func numbers[T any](b []byte, parse func(string) (T, error)) ([]T, error) {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		return nil, nil
	}
	if len(b) < 2 || b[0] != '[' || b[len(b)-1] != ']' {
		return nil, errors.New("not an array of numbers: " + string(b[:min(len(b), 20)]))
	}
	body := b[1 : len(b)-1]
	out := make([]T, 0, bytes.Count(body, []byte{','})+1)
	for len(bytes.TrimSpace(body)) > 0 {
		item := body
		if i := bytes.IndexByte(body, ','); i >= 0 {
			item, body = body[:i], body[i+1:]
		} else {
			body = nil
		}
		x, err := parse(string(bytes.TrimSpace(item)))
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, nil
}

// float32s and ints are JSON arrays read by numbers.
type (
	float32s []float32
	ints     []int
)

func (f *float32s) UnmarshalJSON(b []byte) (err error) {
	*f, err = numbers(b, func(s string) (float32, error) {
		x, err := strconv.ParseFloat(s, 32)
		return float32(x), err
	})
	return err
}

func (n *ints) UnmarshalJSON(b []byte) (err error) {
	*n, err = numbers(b, strconv.Atoi)
	return err
}

// wireAttribute is an api.Attribute whose Of is read fast.
type wireAttribute struct {
	api.Attribute
	Of ints `json:"of"`
}

type wireProjection struct {
	XY       float32s   `json:"xy"`
	Variance [2]float64 `json:"variance"`
}

func (p *wireProjection) api() *api.Projection {
	if p == nil {
		return nil
	}
	return &api.Projection{XY: p.XY, Variance: p.Variance}
}

// wireMap is an api.EmbeddingMap whose projections are read fast (the
// outer E and V shadow the embedded ones).
type wireMap struct {
	api.EmbeddingMap
	IDs        ints            `json:"ids"`
	E          wireProjection  `json:"e"`
	V          *wireProjection `json:"v,omitempty"`
	Attributes []wireAttribute `json:"attributes"`
}

func (m wireMap) api() api.EmbeddingMap {
	out := m.EmbeddingMap
	out.IDs, out.E, out.V = m.IDs, *m.E.api(), m.V.api()
	out.Attributes = nil
	if m.Attributes != nil {
		out.Attributes = make([]api.Attribute, len(m.Attributes))
	}
	for i, a := range m.Attributes {
		a.Attribute.Of = a.Of
		out.Attributes[i] = a.Attribute
	}
	return out
}

type wireProjector struct {
	api.ProjectorReport
	Movies wireMap `json:"movies"`
	Users  wireMap `json:"users"`
}

// decodeProjector reads a projector report.
func decodeProjector(status int, body []byte) (api.ProjectorReport, error) {
	w, err := decode[wireProjector](status, body)
	r := w.ProjectorReport
	r.Movies, r.Users = w.Movies.api(), w.Users.api()
	return r, err
}
