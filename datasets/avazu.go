package datasets

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// Avazu-style click logs (Kaggle's avazu-ctr-prediction train.csv): a
// header line, then one impression per line with the label in "click".
// Each column is a categorical field; a declared mapping puts each into a
// general domain, as FLEN groups Avazu's fields: the device (the user),
// the site/app and the ad (the item), and the hour, position and C1 (the
// context). "hour" (YYMMDDHH) becomes two fields: hour of day and weekday.

// AvazuDomains maps Avazu's columns to domains. A column missing from it is
// not used ("id" is an impression id).
var AvazuDomains = map[string]string{
	"device_id": DomainUser, "device_ip": DomainUser, "device_model": DomainUser,
	"device_type": DomainUser, "device_conn_type": DomainUser,
	"site_id": DomainItem, "site_domain": DomainItem, "site_category": DomainItem,
	"app_id": DomainItem, "app_domain": DomainItem, "app_category": DomainItem,
	"C14": DomainItem, "C15": DomainItem, "C16": DomainItem, "C17": DomainItem,
	"C18": DomainItem, "C19": DomainItem, "C20": DomainItem, "C21": DomainItem,
	"hour": DomainContext, "banner_pos": DomainContext, "C1": DomainContext,
}

// AvazuOptions tunes the encoding.
type AvazuOptions struct {
	// MinCount: values seen fewer times share one "rare" value per field
	// (the usual treatment of Avazu's long-tailed ids). 0 or 1 keeps all.
	MinCount int
	// Domains overrides AvazuDomains.
	Domains map[string]string
}

// LoadAvazuCSV reads an Avazu-style CSV (name labels errors) as a stream:
// memory grows with the rows' value indices (4 bytes a field) and the
// vocabularies, not with the file's text. Every row is checked: the column
// count, click ∈ {0, 1}, hour as YYMMDDHH; the first problem is a
// *ParseError with the line as an editor shows it (blank lines and quoted
// newlines counted), and nothing is kept. A leading byte-order mark is
// skipped; a duplicate column name and a line over MaxCSVLineBytes are
// refused.
func LoadAvazuCSV(name string, r io.Reader, opt AvazuOptions) (*Encoded, error) {
	domains := opt.Domains
	if domains == nil {
		domains = AvazuDomains
	}
	br := bufio.NewReaderSize(r, 64<<10)
	if bom, err := br.Peek(3); err == nil && string(bom) == "\uFEFF" {
		br.Discard(3)
	}
	lr := &lineLimitReader{r: br, name: name, max: MaxCSVLineBytes, line: 1}
	cr := csv.NewReader(lr)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, csvError(name, 1, err, 0, 0)
	}
	header = slices.Clone(header)
	col := map[string]int{}
	for i, h := range header {
		if j, dup := col[h]; dup {
			return nil, &ParseError{File: name, Line: 1, Field: i + 1, Name: h, Value: h, Err: fmt.Errorf("%w: column %d has the same name", ErrDuplicate, j+1)}
		}
		col[h] = i
	}
	label, ok := col["click"]
	if !ok {
		return nil, &ParseError{File: name, Line: 1, Err: fmt.Errorf("the header has no \"click\" column (%w)", ErrMissing)}
	}
	// Fields in header order; hour expands into hour of day and weekday.
	type src struct {
		col  int
		hour int // 0: plain; 1: hour of day; 2: weekday
	}
	var fields []Field
	var srcs []src
	for i, h := range header {
		d, ok := domains[h]
		if !ok {
			continue
		}
		if h == "hour" {
			fields = append(fields, Field{Name: "hour_of_day", Domain: d}, Field{Name: "weekday", Domain: d})
			srcs = append(srcs, src{i, 1}, src{i, 2})
			continue
		}
		fields = append(fields, Field{Name: h, Domain: d})
		srcs = append(srcs, src{i, 0})
	}
	if len(fields) < 2 {
		return nil, &ParseError{File: name, Line: 1, Err: fmt.Errorf("fewer than 2 known columns (%w)", ErrColumns)}
	}
	F := len(fields)
	// Each field's distinct values in order of first appearance, with their
	// counts; idx holds, row by row, each field's index into them.
	vocab := make([]map[string]int32, F)
	values := make([][]string, F)
	counts := make([][]int, F)
	for f := range vocab {
		vocab[f] = map[string]int32{}
	}
	hours := map[string][2]string{} // "14102100" → {"00", "Tue"}
	// The indices go into fixed chunks, joined once at the end: growing one
	// slice by appends would allocate five times its final size in all.
	const chunk = 1 << 20
	var chunks [][]int32
	idx := make([]int32, 0, chunk)
	var labels []float32
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			// (FieldPos panics after most errors: the reader's line instead.)
			return nil, csvError(name, lr.line, err, len(rec), len(header))
		}
		line, _ := cr.FieldPos(0)
		switch rec[label] {
		case "0":
			labels = append(labels, 0)
		case "1":
			labels = append(labels, 1)
		default:
			return nil, &ParseError{File: name, Line: line, Field: label + 1, Name: "click", Value: rec[label], Err: fmt.Errorf("%w: want 0 or 1", ErrBadValue)}
		}
		for f, s := range srcs {
			v := rec[s.col]
			if s.hour > 0 {
				h, ok := hours[v]
				if !ok {
					t, err := time.Parse("06010215", v)
					if err != nil {
						return nil, &ParseError{File: name, Line: line, Field: s.col + 1, Name: "hour", Value: v, Err: fmt.Errorf("%w: want YYMMDDHH", ErrBadValue)}
					}
					h = [2]string{fmt.Sprintf("%02d", t.Hour()), t.Weekday().String()[:3]}
					hours[strings.Clone(v)] = h
				}
				v = h[s.hour-1]
			}
			i, ok := vocab[f][v]
			if !ok {
				// A copy: v shares the memory of the whole line.
				v = strings.Clone(v)
				i = int32(len(values[f]))
				vocab[f][v] = i
				values[f] = append(values[f], v)
				counts[f] = append(counts[f], 0)
			}
			counts[f][i]++
			if len(idx) == chunk {
				chunks, idx = append(chunks, idx), make([]int32, 0, chunk)
			}
			idx = append(idx, i)
		}
	}
	N := len(labels)
	if N == 0 {
		return nil, &ParseError{File: name, Err: fmt.Errorf("no rows: %w", ErrMissing)}
	}
	idx = slices.Concat(append(chunks, idx)...)
	chunks = nil
	// Final indices in order of first appearance, rare values (seen fewer
	// than MinCount times) sharing one "<rare>" per field.
	remap := make([][]int32, F)
	rare := make([]int32, F)
	for f := range remap {
		remap[f] = make([]int32, len(values[f]))
		for i := range remap[f] {
			remap[f][i] = -1
		}
		rare[f] = -1
	}
	for k, i := range idx {
		f := k % F
		slot := &remap[f][i]
		v := values[f][i]
		if opt.MinCount > 1 && counts[f][i] < opt.MinCount {
			slot, v = &rare[f], "<rare>"
		}
		if *slot < 0 {
			*slot = int32(len(fields[f].Values))
			fields[f].Values = append(fields[f].Values, v)
		}
		idx[k] = *slot
	}
	d := &Encoded{Name: name, Fields: fields, N: N, Label: labels, Idx: idx, Off: make([]int32, N*F+1)}
	for i := range d.Off {
		d.Off[i] = int32(i) // one value per field
	}
	d.Rating = make([]uint8, N) // no ratings: clicks only
	for i, y := range labels {
		d.Rating[i] = uint8(y)
	}
	return d, nil
}

// csvError turns encoding/csv's error into a *ParseError (line: where the
// reader was, for errors that are not csv.ParseErrors; got and want: the
// record's and the header's columns).
func csvError(name string, line int, err error, got, want int) error {
	var pe *ParseError
	if errors.As(err, &pe) {
		return pe // from lineLimitReader
	}
	var ce *csv.ParseError
	if errors.As(err, &ce) {
		if ce.Err == csv.ErrFieldCount {
			return &ParseError{File: name, Line: ce.StartLine, Err: fmt.Errorf("has %d columns, the header %d (%w)", got, want, ErrColumns)}
		}
		return &ParseError{File: name, Line: ce.Line, Field: ce.Column, Err: ce.Err}
	}
	if line == 1 && err == io.EOF {
		return &ParseError{File: name, Line: 1, Err: fmt.Errorf("no header: %w", ErrMissing)}
	}
	return &ParseError{File: name, Line: line, Err: fmt.Errorf("cannot be read: %w", err)}
}

// lineLimitReader refuses a physical line longer than max bytes, which
// encoding/csv would otherwise hold whole in memory.
type lineLimitReader struct {
	r    io.Reader
	name string
	max  int
	line int // the current physical line, 1-based
	cur  int // bytes of it read so far
}

func (l *lineLimitReader) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for b := p[:n]; ; {
		i := bytes.IndexByte(b, '\n')
		if i < 0 || l.cur+i > l.max {
			l.cur += len(b)
			break
		}
		l.line++
		l.cur = 0
		b = b[i+1:]
	}
	if l.cur > l.max {
		return 0, &ParseError{File: l.name, Line: l.line, Err: fmt.Errorf("the line is longer than %d bytes (%w)", l.max, ErrTooLarge)}
	}
	return n, err
}
