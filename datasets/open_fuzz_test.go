package datasets

import (
	"bytes"
	"io/fs"
	"testing"
)

// zipBound is what one archive may make the loader allocate: what it may
// inflate to (limits.go), a string copy of it and the parsed data.
const zipBound = 3*MaxDatasetBytes + 64<<20

// FuzzZip feeds archives to OpenZip and the loader behind it, as the engine
// does with an upload.
func FuzzZip(f *testing.F) {
	var buf bytes.Buffer
	if err := WriteZip(&buf, "ml-100k", smallFiles()); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	buf.Reset()
	if err := WriteZip(&buf, "ml-1m", NewSynthetic(SyntheticOptions{Users: 5, Movies: 5, Ratings: 10, Seed: 2}).MovieLens1MFiles()); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add(hostileZip(f, rawEntry{"ml-100k/u.data", 1 << 40, repeat("1\t1\t1\t1\n", 1)}))
	f.Fuzz(func(t *testing.T, zip []byte) {
		fuzzBound(t, zipBound, false, func() error {
			fsys, err := OpenZip("f.zip", zip)
			if err != nil {
				return err
			}
			if _, err := fs.Stat(fsys, "ratings.dat"); err == nil {
				_, err = LoadMovieLens1M(fsys)
				return err
			}
			_, err = LoadMovieLens100K(fsys)
			return err
		})
	})
}
