package datasets

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadMovieLens1MRoundTrip(t *testing.T) {
	s := NewSynthetic(SyntheticOptions{Users: 30, Movies: 40, Ratings: 500, Seed: 5})
	files := s.MovieLens1MFiles()
	ml, err := LoadMovieLens1M(mapFS(files))
	if err != nil {
		t.Fatal(err)
	}
	if len(ml.Users) != 30 || len(ml.Movies) != 40 || len(ml.Ratings) != 500 || ml.Name != "movielens-1m" {
		t.Fatalf("%d users, %d movies, %d ratings, name %q", len(ml.Users), len(ml.Movies), len(ml.Ratings), ml.Name)
	}
	d := ml.Encode(EncodeOptions{})
	if d.Name != "movielens-1m" || len(d.Fields) != 8 || d.Positives() != s.Encode(EncodeOptions{}).Positives() {
		t.Errorf("encoded: %s, %d fields", d.Name, len(d.Fields))
	}
	// The official zip keeps the files under ml-1m/.
	var buf bytes.Buffer
	WriteZip(&buf, "ml-1m", files)
	fsys, err := OpenZip("ml-1m.zip", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LoadMovieLens1M(fsys); err != nil {
		t.Errorf("from the zip: %v", err)
	}
}

func TestLoadMovieLens1MMalformed(t *testing.T) {
	files := NewSynthetic(SyntheticOptions{Users: 10, Movies: 10, Ratings: 50, Seed: 6}).MovieLens1MFiles()
	for _, c := range []struct {
		file, text, want string
		cause            error
	}{
		{"users.dat", "2::F::17::3::55455", `users.dat:2: field 3 (age): "17" is not a valid value`, ErrBadValue},
		{"users.dat", "2::F::18::21::55455", `users.dat:2: field 4 (occupation): "21" is out of range`, ErrRange},
		{"users.dat", "2::F::18", "users.dat:2: has 3 columns", ErrColumns},
		{"movies.dat", "2::Heat (1995)::Action|Kung-fu", `movies.dat:2: field 3 (genres): "Kung-fu" is not a valid value`, ErrBadValue},
		{"ratings.dat", "999::1::5::978300760", `ratings.dat:2: field 1 (user_id): "999" is not defined in users.dat`, ErrUnknownID},
		{"ratings.dat", "1::1::9::978300760", `ratings.dat:2: field 3 (rating): "9" is out of range`, ErrRange},
	} {
		m := fstest.MapFS{}
		for n, b := range files {
			if n == c.file {
				ls := strings.Split(string(b), "\n")
				ls[1] = c.text
				b = []byte(strings.Join(ls, "\n"))
			}
			m[n] = &fstest.MapFile{Data: b}
		}
		_, err := LoadMovieLens1M(m)
		if err == nil || !strings.Contains(err.Error(), c.want) || !errors.Is(err, c.cause) {
			t.Errorf("%s line 2 = %q: error %v, want %q", c.file, c.text, err, c.want)
		}
	}
	m := mapFS(files)
	delete(m, "movies.dat")
	if _, err := LoadMovieLens1M(m); err == nil || !strings.HasPrefix(err.Error(), "movies.dat: file is missing") {
		t.Errorf("missing movies.dat: %v", err)
	}
}
