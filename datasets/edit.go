package datasets

import (
	"fmt"
	"slices"
)

// Edit changes a sample's user or movie attributes before it is encoded
// (a what-if): a zero field leaves the attribute as it is.
type Edit struct {
	Gender     string   // "F" or "M"
	Age        int      // years, 1–120 (encoded as its age bucket)
	Occupation string   // one of MovieLens.Occupations
	Zip        string   // a zip code; its first character is the encoded region
	Genres     []string // genre names; nil leaves them, an empty list means none
	Year       int      // release year, 1800–2100
}

// EncodeEdited is EncodePair for user × movie with e applied to their
// attributes. An edit the vocabulary cannot encode is an error naming the
// field.
func (d *Encoded) EncodeEdited(user, item int32, t int64, e Edit) (idx, off []int32, err error) {
	enc := d.enc
	u, m := enc.ml.Users[user], enc.ml.Movies[item]
	if e.Gender != "" {
		if e.Gender != "F" && e.Gender != "M" {
			return nil, nil, fmt.Errorf("gender: %q is not F or M", e.Gender)
		}
		u.Gender = e.Gender
	}
	if e.Age != 0 {
		if e.Age < 1 || e.Age > 120 {
			return nil, nil, fmt.Errorf("age: %d is out of range [1, 120]", e.Age)
		}
		u.Age = e.Age
	}
	if e.Occupation != "" {
		if _, ok := enc.occ[e.Occupation]; !ok {
			return nil, nil, fmt.Errorf("occupation: %q is not one of %v", e.Occupation, enc.ml.Occupations)
		}
		u.Occupation = e.Occupation
	}
	if e.Zip != "" {
		if _, ok := enc.zip[e.Zip[:1]]; !ok {
			return nil, nil, fmt.Errorf("zip: no user's zip code starts with %q", e.Zip[:1])
		}
		u.Zip = e.Zip
	}
	if e.Genres != nil {
		m.Genres = nil
		for _, g := range e.Genres {
			i := slices.Index(enc.ml.Genres, g)
			if i < 0 {
				return nil, nil, fmt.Errorf("genres: %q is not one of %v", g, enc.ml.Genres)
			}
			if !slices.Contains(m.Genres, i) {
				m.Genres = append(m.Genres, i)
			}
		}
		slices.Sort(m.Genres) // the order u.item's flags give
	}
	if e.Year != 0 {
		if e.Year < 1800 || e.Year > 2100 {
			return nil, nil, fmt.Errorf("year: %d is out of range [1800, 2100]", e.Year)
		}
		m.Year = e.Year
	}
	idx, off = enc.appendAs(nil, []int32{0}, user, item, u, m, t)
	return idx, off, nil
}
