package datasets

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"

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

// LoadAvazuCSV reads an Avazu-style CSV (name labels errors). Every row is
// checked: the column count, click ∈ {0, 1}, hour as YYMMDDHH; the first
// problem is a *ParseError with the line, and nothing is kept.
func LoadAvazuCSV(name string, r io.Reader, opt AvazuOptions) (*Encoded, error) {
	domains := opt.Domains
	if domains == nil {
		domains = AvazuDomains
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &ParseError{File: name, Err: fmt.Errorf("cannot be read: %w", err)}
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, &ParseError{File: name, Line: 1, Err: fmt.Errorf("no header: %w", err)}
	}
	header = slices.Clone(header)
	col := map[string]int{}
	for i, h := range header {
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
	var values [][]string // per row, per field
	var labels []float32
	line := 1
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line++
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				if pe.Err == csv.ErrFieldCount {
					return nil, &ParseError{File: name, Line: pe.Line, Err: fmt.Errorf("has %d columns, the header %d (%w)", len(rec), len(header), ErrColumns)}
				}
				return nil, &ParseError{File: name, Line: pe.Line, Err: pe.Err}
			}
			return nil, &ParseError{File: name, Line: line, Err: err}
		}
		switch rec[label] {
		case "0":
			labels = append(labels, 0)
		case "1":
			labels = append(labels, 1)
		default:
			return nil, &ParseError{File: name, Line: line, Field: label + 1, Name: "click", Value: rec[label], Err: fmt.Errorf("%w: want 0 or 1", ErrBadValue)}
		}
		row := make([]string, F)
		for f, s := range srcs {
			v := rec[s.col]
			if s.hour > 0 {
				t, err := time.Parse("06010215", v)
				if err != nil {
					return nil, &ParseError{File: name, Line: line, Field: s.col + 1, Name: "hour", Value: v, Err: fmt.Errorf("%w: want YYMMDDHH", ErrBadValue)}
				}
				if s.hour == 1 {
					v = fmt.Sprintf("%02d", t.Hour())
				} else {
					v = t.Weekday().String()[:3]
				}
			}
			row[f] = v
		}
		values = append(values, row)
	}
	if len(values) == 0 {
		return nil, &ParseError{File: name, Err: fmt.Errorf("no rows: %w", ErrMissing)}
	}
	// Vocabularies, sorted by first appearance; rare values share "<rare>".
	counts := make([]map[string]int, F)
	for f := range counts {
		counts[f] = map[string]int{}
	}
	for _, row := range values {
		for f, v := range row {
			counts[f][v]++
		}
	}
	index := make([]map[string]int32, F)
	for f := range fields {
		index[f] = map[string]int32{}
		for _, row := range values {
			v := row[f]
			if opt.MinCount > 1 && counts[f][v] < opt.MinCount {
				v = "<rare>"
			}
			if _, ok := index[f][v]; !ok {
				index[f][v] = int32(len(fields[f].Values))
				fields[f].Values = append(fields[f].Values, v)
			}
		}
	}
	d := &Encoded{Name: name, Fields: fields, N: len(values), Label: labels, Off: make([]int32, 0, len(values)*F+1), Idx: make([]int32, 0, len(values)*F)}
	d.Off = append(d.Off, 0)
	for _, row := range values {
		for f, v := range row {
			if opt.MinCount > 1 && counts[f][v] < opt.MinCount {
				v = "<rare>"
			}
			d.Idx = append(d.Idx, index[f][v])
			d.Off = append(d.Off, int32(len(d.Idx)))
		}
	}
	d.Rating = make([]uint8, d.N) // no ratings: clicks only
	for i, y := range labels {
		d.Rating[i] = uint8(y)
	}
	return d, nil
}
