package datasets

import (
	"slices"
	"strings"
	"testing"
)

func TestEncodeEdited(t *testing.T) {
	s := NewSynthetic(SyntheticOptions{Users: 20, Movies: 30, Ratings: 200, Seed: 3})
	d := s.Encode(EncodeOptions{})
	u, m := s.Users[4], s.Movies[7]
	same := Edit{Gender: u.Gender, Age: u.Age, Occupation: u.Occupation, Zip: u.Zip, Year: s.Movies[7].Year, Genres: []string{}}
	for _, g := range m.Genres {
		same.Genres = append(same.Genres, s.Genres[g])
	}
	idx, off := d.EncodePair(4, 7, -1)
	gotIdx, gotOff, err := d.EncodeEdited(4, 7, -1, same)
	if err != nil || !slices.Equal(idx, gotIdx) || !slices.Equal(off, gotOff) {
		t.Fatalf("editing to the same attributes: %v %v (%v), want %v %v", gotIdx, gotOff, err, idx, off)
	}
	flip := "M"
	if u.Gender == "M" {
		flip = "F"
	}
	gotIdx, gotOff, err = d.EncodeEdited(4, 7, -1, Edit{Gender: flip, Genres: []string{s.Genres[2], s.Genres[1]}})
	if err != nil {
		t.Fatal(err)
	}
	if gotIdx[gotOff[1]] == idx[off[1]] {
		t.Errorf("gender edit left the gender value %d", idx[off[1]])
	}
	if g := gotIdx[gotOff[6]:gotOff[7]]; !slices.Equal(g, []int32{1, 2}) {
		t.Errorf("genres %v, want [1 2]", g)
	}
	for _, c := range []struct {
		e    Edit
		want string
	}{
		{Edit{Gender: "X"}, "gender:"}, {Edit{Age: 200}, "age:"}, {Edit{Occupation: "pilot"}, "occupation:"},
		{Edit{Genres: []string{"Opera"}}, "genres:"}, {Edit{Year: 3000}, "year:"}, {Edit{Zip: "?1234"}, "zip:"},
	} {
		if _, _, err := d.EncodeEdited(4, 7, -1, c.e); err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want one naming %s", c.e, err, c.want)
		}
	}
}
