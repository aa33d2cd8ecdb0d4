package datasets

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestPreparedRoundTripSynthetic(t *testing.T) {
	ml := NewSynthetic(SyntheticOptions{Users: 40, Movies: 60, Ratings: 900, Seed: 3}).MovieLens
	got, err := UnmarshalPrepared(MarshalPrepared(ml))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, ml) {
		t.Fatal("the dataset changed in a round trip")
	}
}

// The real MovieLens-100k comes back the same value, so everything trained
// on it is the same.
func TestPreparedRoundTripMovieLens100K(t *testing.T) {
	dir := os.Getenv(EnvData)
	if dir == "" {
		t.Skip("FLSEST_DATA not set: no real MovieLens-100k")
	}
	ml, err := LoadMovieLens100K(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	b := MarshalPrepared(ml)
	got, err := UnmarshalPrepared(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, ml) {
		t.Fatal("MovieLens-100k changed in a round trip")
	}
	t.Logf("%d ratings in %d bytes", len(ml.Ratings), len(b))
}

func smallPrepared() *MovieLens {
	return &MovieLens{
		Name: "tiny", Genres: []string{"unknown", "Drama"}, Occupations: []string{"none", "writer"},
		Users:   []User{{ID: 1, Age: 24, Gender: "M", Occupation: "writer", Zip: "85711"}, {ID: 7, Age: 53, Gender: "F", Occupation: "none", Zip: "94043"}},
		Movies:  []Movie{{ID: 1, Title: "Toy Story (1995)", Year: 1995, Genres: []int{1}}, {ID: 2, Title: "Untitled", Year: 0}},
		Ratings: []Rating{{User: 0, Item: 1, Rating: 5, Time: 874965758}, {User: 1, Item: 0, Rating: 1, Time: 875071561}},
	}
}

// Every prefix of a valid encoding is refused with a *ParseError, never a
// panic or a half-loaded dataset.
func TestPreparedTruncated(t *testing.T) {
	b := MarshalPrepared(smallPrepared())
	for n := range len(b) {
		ml, err := UnmarshalPrepared(b[:n])
		var pe *ParseError
		if err == nil || ml != nil || !errors.As(err, &pe) || !errors.Is(err, ErrPrepared) {
			t.Fatalf("%d of %d bytes: %v, %v", n, len(b), ml, err)
		}
	}
}

func TestPreparedErrorsNameTheField(t *testing.T) {
	cases := map[string]struct {
		edit func(*MovieLens)
		want string
	}{
		"movie index":  {func(ml *MovieLens) { ml.Ratings[1].Item = 2 }, "ratings[1].movie: 2 is out of range (2 movies)"},
		"user index":   {func(ml *MovieLens) { ml.Ratings[0].User = 9 }, "ratings[0].user: 9 is out of range (2 users)"},
		"rating":       {func(ml *MovieLens) { ml.Ratings[1].Rating = 6 }, "ratings[1].rating: 6 is not 1–5"},
		"genre index":  {func(ml *MovieLens) { ml.Movies[0].Genres = []int{0, 2} }, "movies[0].genres: 2 is out of range (2 genres)"},
		"gender":       {func(ml *MovieLens) { ml.Users[1].Gender = "X" }, `users[1].gender: "X" is not M or F`},
		"occupation":   {func(ml *MovieLens) { ml.Users[0].Occupation = "pilot" }, `users[0].occupation: "pilot" is not in the occupations`},
		"zip":          {func(ml *MovieLens) { ml.Users[1].Zip = "" }, "users[1].zip: is empty"},
		"no ratings":   {func(ml *MovieLens) { ml.Ratings = nil }, "(no ratings)"},
		"trailing":     {nil, "1 bytes after the ratings"},
		"count":        {nil, "items cannot fit"},
		"magic":        {nil, `no "FLSD" header`},
		"version":      {nil, "version 9, this engine reads 1"},
		"huge age":     {func(ml *MovieLens) { ml.Users[0].Age = 1 << 40 }, "users[0].age: 1099511627776 is out of range"},
		"empty string": {nil, `no "FLSD" header`},
	}
	for name, c := range cases {
		ml := smallPrepared()
		if c.edit != nil {
			c.edit(ml)
		}
		b := MarshalPrepared(ml)
		switch name {
		case "trailing":
			b = append(b, 0)
		case "count": // the ratings' count, the last section's, claims a million
			i := strings.LastIndex(string(b), "\x02\x00\x01\x05")
			b = append(append(b[:i:i], 0x80, 0x89, 0x7a), b[i+1:]...)
		case "magic":
			b[0] = 'X'
		case "version":
			b[4] = 9
		case "empty string":
			b = nil
		}
		_, err := UnmarshalPrepared(b)
		var pe *ParseError
		if err == nil || !strings.Contains(err.Error(), c.want) || !errors.As(err, &pe) || !errors.Is(err, ErrPrepared) {
			t.Errorf("%s: %v, want an error saying %q", name, err, c.want)
		} else if !strings.HasPrefix(err.Error(), "prepared dataset: ") {
			t.Errorf("%s: %q does not name the source", name, err)
		}
	}
}

// FuzzPrepared: any bytes decode to a dataset or a *ParseError, in memory
// bounded by their length; a dataset that decodes encodes and decodes to
// itself, and the engine's encoder takes it (with and without context)
// without a panic.
func FuzzPrepared(f *testing.F) {
	f.Add(MarshalPrepared(smallPrepared()))
	f.Add(MarshalPrepared(NewSynthetic(SyntheticOptions{Users: 5, Movies: 6, Ratings: 20, Seed: 1}).MovieLens))
	f.Add([]byte("FLSD\x01"))
	f.Fuzz(func(t *testing.T, b []byte) {
		var ml *MovieLens
		fuzzBound(t, 1<<20+64*uint64(len(b)), true, func() (err error) {
			ml, err = UnmarshalPrepared(b)
			return err
		})
		if ml == nil {
			return
		}
		if len(ml.Ratings) == 0 {
			t.Fatal("decoded with no ratings")
		}
		again, err := UnmarshalPrepared(MarshalPrepared(ml))
		if err != nil || !reflect.DeepEqual(again, ml) {
			t.Fatalf("a decoded dataset does not survive a round trip: %v", err)
		}
		ml.Encode(EncodeOptions{})
		ml.Encode(EncodeOptions{Context: true})
	})
}
