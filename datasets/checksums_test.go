package datasets

import (
	"os"
	"testing"
	"testing/fstest"
)

// The engine's check: the shared copy's files are official; one changed
// byte in any of them, or files that are not GroupLens' at all, are not.
func TestLoadMovieLens100KOfficial(t *testing.T) {
	dir := realData(t)
	ml, official, err := LoadMovieLens100KOfficial(os.DirFS(dir))
	if err != nil || !official {
		t.Fatalf("the shared copy: official %v, err %v; want true, nil", official, err)
	}
	if len(ml.Ratings) != 100000 {
		t.Fatalf("%d ratings, want 100000", len(ml.Ratings))
	}
	for _, name := range movieLensFiles {
		fsys := fstest.MapFS{}
		for _, n := range movieLensFiles {
			b, err := os.ReadFile(dir + "/" + n)
			if err != nil {
				t.Fatal(err)
			}
			fsys[n] = &fstest.MapFile{Data: b}
		}
		b := fsys[name].Data
		// A changed character in the last line's text that still parses: a space doubled.
		edited := append(append([]byte{}, b[:len(b)-1]...), ' ', b[len(b)-1])
		fsys[name] = &fstest.MapFile{Data: edited}
		if _, official, err := LoadMovieLens100KOfficial(fsys); err != nil || official {
			t.Errorf("%s with one byte added: official %v, err %v; want false, nil", name, official, err)
		}
	}
}

func TestLoadMovieLens100KOfficialSynthetic(t *testing.T) {
	s := NewSynthetic(SyntheticOptions{Users: 20, Movies: 30, Ratings: 200, Seed: 1})
	fsys := fstest.MapFS{}
	for name, b := range s.MovieLens100KFiles() {
		fsys[name] = &fstest.MapFile{Data: b}
	}
	if _, official, err := LoadMovieLens100KOfficial(fsys); err != nil || official {
		t.Fatalf("synthetic files: official %v, err %v; want false, nil", official, err)
	}
}
