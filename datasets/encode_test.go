package datasets

import (
	"slices"
	"testing"
	"time"
)

// Encode against a slow, obvious reference: each rating's fields written
// out from its user's and movie's attributes by linear search.
func TestEncodeMatchesReference(t *testing.T) {
	s := NewSynthetic(SyntheticOptions{Users: 40, Movies: 60, Ratings: 2000, Seed: 5})
	var prefixes []string
	for _, u := range s.Users {
		if !slices.Contains(prefixes, u.Zip[:1]) {
			prefixes = append(prefixes, u.Zip[:1])
		}
	}
	slices.Sort(prefixes)
	for _, context := range []bool{false, true} {
		d := s.Encode(EncodeOptions{Context: context})
		for i, r := range s.Ratings {
			u, m := s.Users[r.User], s.Movies[r.Item]
			gender := int32(0)
			if u.Gender == "M" {
				gender = 1
			}
			want := [][]int32{{r.User}, {gender}, {int32(ageBucket(u.Age))},
				{int32(slices.Index(s.Occupations, u.Occupation))}, {int32(slices.Index(prefixes, u.Zip[:1]))}, {r.Item}}
			var genres []int32
			for _, g := range m.Genres {
				genres = append(genres, int32(g))
			}
			want = append(want, genres)
			if y := yearBucket(m.Year); y >= 0 {
				want = append(want, []int32{int32(y)})
			} else {
				want = append(want, nil)
			}
			if context {
				tm := time.Unix(r.Time, 0).UTC()
				want = append(want, []int32{int32(tm.Weekday())}, []int32{int32(tm.Hour())})
			}
			for f, w := range want {
				if got := d.Values(i, f); !slices.Equal(got, w) {
					t.Fatalf("context %v, sample %d, field %s: %v, want %v", context, i, d.Fields[f].Name, got, w)
				}
			}
		}
	}
}
