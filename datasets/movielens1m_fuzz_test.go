package datasets

import (
	"testing"
	"testing/fstest"
)

// FuzzMovieLens1M feeds the three files of MovieLens-1M.
func FuzzMovieLens1M(f *testing.F) {
	files := NewSynthetic(SyntheticOptions{Users: 10, Movies: 12, Ratings: 40, Seed: 3}).MovieLens1MFiles()
	f.Add(files["users.dat"], files["movies.dat"], files["ratings.dat"])
	f.Add([]byte("1::F::1::10::48067\n"), []byte("1::Toy Story (1995)::Animation|Children's|Comedy\n"), []byte("1::1::5::978300760\n"))
	f.Fuzz(func(t *testing.T, users, movies, ratings []byte) {
		fsys := fstest.MapFS{
			"users.dat":   &fstest.MapFile{Data: users},
			"movies.dat":  &fstest.MapFile{Data: movies},
			"ratings.dat": &fstest.MapFile{Data: ratings},
		}
		fuzzBound(t, textBound(len(users)+len(movies)+len(ratings)), true, func() error {
			_, err := LoadMovieLens1M(fsys)
			return err
		})
	})
}
