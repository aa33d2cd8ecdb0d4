package datasets

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// A prepared dataset is a parsed MovieLens in a compact binary form, so a
// page that has parsed the offered zip once can keep the result in the
// browser's storage and skip the parse on its next visit (under wasm the
// parse and its sha256 take 150–500 ms, BENCHMARKS.md). It holds only what
// MovieLens holds, in its order: after a round trip the dataset is the same
// value, and so is everything trained on it.
//
// Layout: the magic "FLSD", a version byte, then uvarint-prefixed
// sections: the name; the genres; the occupations; the users (ID, age,
// gender, occupation, zip); the movies (ID, title, year, genre indices);
// the ratings (user index, movie index, rating, time). Integers are
// varints, strings a uvarint length then the bytes.

const (
	preparedMagic   = "FLSD"
	preparedVersion = 1
)

// MarshalPrepared encodes ml as a prepared dataset.
func MarshalPrepared(ml *MovieLens) []byte {
	b := make([]byte, 0, 64+len(ml.Ratings)*10+len(ml.Movies)*48)
	b = append(b, preparedMagic...)
	b = append(b, preparedVersion)
	b = appendString(b, ml.Name)
	b = appendStrings(b, ml.Genres)
	b = appendStrings(b, ml.Occupations)
	b = binary.AppendUvarint(b, uint64(len(ml.Users)))
	for _, u := range ml.Users {
		b = binary.AppendVarint(b, int64(u.ID))
		b = binary.AppendVarint(b, int64(u.Age))
		b = appendString(b, u.Gender)
		b = appendString(b, u.Occupation)
		b = appendString(b, u.Zip)
	}
	b = binary.AppendUvarint(b, uint64(len(ml.Movies)))
	for _, m := range ml.Movies {
		b = binary.AppendVarint(b, int64(m.ID))
		b = appendString(b, m.Title)
		b = binary.AppendVarint(b, int64(m.Year))
		b = binary.AppendUvarint(b, uint64(len(m.Genres)))
		for _, g := range m.Genres {
			b = binary.AppendUvarint(b, uint64(g))
		}
	}
	b = binary.AppendUvarint(b, uint64(len(ml.Ratings)))
	for _, r := range ml.Ratings {
		b = binary.AppendUvarint(b, uint64(r.User))
		b = binary.AppendUvarint(b, uint64(r.Item))
		b = append(b, r.Rating)
		b = binary.AppendVarint(b, r.Time)
	}
	return b
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func appendStrings(b []byte, ss []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(ss)))
	for _, s := range ss {
		b = appendString(b, s)
	}
	return b
}

// ErrPrepared is wrapped by every error about a malformed prepared dataset.
var ErrPrepared = errors.New("not a valid prepared dataset")

// UnmarshalPrepared decodes a prepared dataset and checks what the
// parsers check that the engine relies on: every index in range, ratings
// 1–5, genders M or F, occupations from the list, zip codes not empty. Memory stays bounded by
// len(b): no count is believed beyond the bytes left to hold it. An error
// names the field ("prepared dataset: ratings[12].movie: …") and is a
// *ParseError wrapping ErrPrepared.
func UnmarshalPrepared(b []byte) (*MovieLens, error) {
	if len(b) < len(preparedMagic)+1 || string(b[:len(preparedMagic)]) != preparedMagic {
		return nil, preparedError(fmt.Errorf("%w (no %q header)", ErrPrepared, preparedMagic))
	}
	if v := b[len(preparedMagic)]; v != preparedVersion {
		return nil, preparedError(fmt.Errorf("%w (version %d, this engine reads %d)", ErrPrepared, v, preparedVersion))
	}
	d := &preparedReader{b: b, off: len(preparedMagic) + 1}
	ml := &MovieLens{Name: d.string("name")}
	ml.Genres = d.strings("genres")
	ml.Occupations = d.strings("occupations")
	occupations := make(map[string]bool, len(ml.Occupations))
	for _, o := range ml.Occupations {
		occupations[o] = true
	}
	ml.Users = make([]User, d.count("users", 4))
	for i := range ml.Users {
		u := &ml.Users[i]
		u.ID, u.Age = d.int("users", i, "id"), d.int("users", i, "age")
		u.Gender, u.Occupation, u.Zip = d.string("users.gender"), d.string("users.occupation"), d.string("users.zip")
		if d.err == nil && u.Gender != "M" && u.Gender != "F" {
			d.fail("users", i, "gender", fmt.Sprintf("%q is not M or F", u.Gender))
		}
		if d.err == nil && !occupations[u.Occupation] {
			d.fail("users", i, "occupation", fmt.Sprintf("%q is not in the occupations", u.Occupation))
		}
		if d.err == nil && u.Zip == "" { // the encoder keys on its first character
			d.fail("users", i, "zip", "is empty")
		}
	}
	ml.Movies = make([]Movie, d.count("movies", 4))
	for i := range ml.Movies {
		m := &ml.Movies[i]
		m.ID, m.Title, m.Year = d.int("movies", i, "id"), d.string("movies.title"), d.int("movies", i, "year")
		if n := d.count("movies.genres", 1); n > 0 { // none stays nil, as parsed
			m.Genres = make([]int, n)
			for j := range m.Genres {
				m.Genres[j] = d.index("movies", i, "genres", len(ml.Genres), "genres")
			}
		}
	}
	ml.Ratings = make([]Rating, d.count("ratings", 4))
	for i := range ml.Ratings {
		r := &ml.Ratings[i]
		r.User = int32(d.index("ratings", i, "user", len(ml.Users), "users"))
		r.Item = int32(d.index("ratings", i, "movie", len(ml.Movies), "movies"))
		r.Rating = d.byte()
		if d.err == nil && (r.Rating < 1 || r.Rating > 5) {
			d.fail("ratings", i, "rating", fmt.Sprintf("%d is not 1–5", r.Rating))
		}
		r.Time = d.varint("ratings", i, "time")
		if d.err != nil {
			break
		}
	}
	if d.err == nil && len(ml.Ratings) == 0 { // as the parsers refuse a dataset without ratings
		d.err = preparedError(fmt.Errorf("%w (no ratings)", ErrPrepared))
	}
	if d.err == nil && d.off != len(b) {
		d.err = preparedError(fmt.Errorf("%w (%d bytes after the ratings)", ErrPrepared, len(b)-d.off))
	}
	if d.err != nil {
		return nil, d.err
	}
	return ml, nil
}

// preparedError is a *ParseError about a prepared dataset, as every error
// about a dataset's contents is (doc.go).
func preparedError(err error) error { return &ParseError{File: "prepared dataset", Err: err} }

// preparedReader reads b from off; the first error sticks and every later
// read returns zero values.
type preparedReader struct {
	b   []byte
	off int
	err error
}

func (d *preparedReader) fail(section string, i int, field, what string) {
	if d.err == nil {
		d.err = preparedError(fmt.Errorf("%s[%d].%s: %s: %w", section, i, field, what, ErrPrepared))
	}
}

func (d *preparedReader) truncated(what string) {
	if d.err == nil {
		d.err = preparedError(fmt.Errorf("%s: truncated at byte %d: %w", what, d.off, ErrPrepared))
	}
}

func (d *preparedReader) uvarint(what string) uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b[d.off:])
	if n <= 0 {
		d.truncated(what)
		return 0
	}
	d.off += n
	return v
}

// itemVarint reads item i's field with read (binary.Varint or Uvarint); a
// truncation names the field (formatted only then: this runs per rating).
func itemVarint[V int64 | uint64](d *preparedReader, read func([]byte) (V, int), section string, i int, field string) V {
	if d.err != nil {
		return 0
	}
	v, n := read(d.b[d.off:])
	if n <= 0 {
		d.truncated(fmt.Sprintf("%s[%d].%s", section, i, field))
		return 0
	}
	d.off += n
	return v
}

func (d *preparedReader) varint(section string, i int, field string) int64 {
	return itemVarint(d, binary.Varint, section, i, field)
}

func (d *preparedReader) int(section string, i int, field string) int {
	v := d.varint(section, i, field)
	if v < math.MinInt32 || v > math.MaxInt32 {
		d.fail(section, i, field, fmt.Sprintf("%d is out of range", v))
		return 0
	}
	return int(v)
}

// count reads a count of items of at least minBytes each: one the bytes
// left cannot hold is refused before anything is allocated.
func (d *preparedReader) count(what string, minBytes int) int {
	n := d.uvarint(what)
	if d.err == nil && n > uint64((len(d.b)-d.off)/minBytes) {
		d.err = preparedError(fmt.Errorf("%s: %d items cannot fit in the %d bytes left: %w", what, n, len(d.b)-d.off, ErrPrepared))
	}
	if d.err != nil {
		return 0
	}
	return int(n)
}

// index reads an index into n items called of.
func (d *preparedReader) index(section string, i int, field string, n int, of string) int {
	v := itemVarint(d, binary.Uvarint, section, i, field)
	if d.err == nil && v >= uint64(n) {
		d.fail(section, i, field, fmt.Sprintf("%d is out of range (%d %s)", v, n, of))
	}
	if d.err != nil {
		return 0
	}
	return int(v)
}

func (d *preparedReader) byte() byte {
	if d.err != nil {
		return 0
	}
	if d.off >= len(d.b) {
		d.truncated("ratings.rating")
		return 0
	}
	d.off++
	return d.b[d.off-1]
}

func (d *preparedReader) string(what string) string {
	n := d.count(what, 1)
	if d.err != nil {
		return ""
	}
	s := string(d.b[d.off : d.off+n])
	d.off += n
	return s
}

func (d *preparedReader) strings(what string) []string {
	ss := make([]string, d.count(what, 1))
	for i := range ss {
		ss[i] = d.string(what)
	}
	return ss
}
