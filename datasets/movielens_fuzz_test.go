package datasets

import (
	"testing"
	"testing/fstest"
)

// FuzzMovieLens100K feeds the six files the loader reads.
func FuzzMovieLens100K(f *testing.F) {
	files := smallFiles()
	f.Add(files["u.info"], files["u.genre"], files["u.occupation"], files["u.user"], files["u.item"], files["u.data"])
	f.Add([]byte("1 users\n1 items\n1 ratings\n"), []byte("unknown|0\n"), []byte("none\n"),
		[]byte("1|24|M|none|85711\n"), []byte("1|Toy Story (1995)|01-Jan-1995||http://x|1\n"), []byte("1\t1\t5\t874965758\n"))
	f.Fuzz(func(t *testing.T, info, genre, occupation, user, item, data []byte) {
		fsys := fstest.MapFS{}
		for name, b := range map[string][]byte{"u.info": info, "u.genre": genre, "u.occupation": occupation, "u.user": user, "u.item": item, "u.data": data} {
			fsys[name] = &fstest.MapFile{Data: b}
		}
		n := len(info) + len(genre) + len(occupation) + len(user) + len(item) + len(data)
		fuzzBound(t, textBound(n), true, func() error {
			ml, err := LoadMovieLens100K(fsys)
			if err == nil && len(ml.Ratings) == 0 {
				t.Fatal("loaded with no ratings")
			}
			return err
		})
	})
}
