package datasets

import "testing"

func TestSyntheticIsValidMovieLens(t *testing.T) {
	s := NewSynthetic(SyntheticOptions{Users: 50, Movies: 80, Ratings: 3000, Seed: 3})
	files := s.MovieLens100KFiles()
	ml, err := LoadMovieLens100K(mapFS(files))
	if err != nil {
		t.Fatalf("synthetic files do not load: %v", err)
	}
	a, b := s.Encode(EncodeOptions{}), ml.Encode(EncodeOptions{})
	if !equalInt32(a.Idx, b.Idx) || !equalInt32(a.Off, b.Off) {
		t.Error("synthetic data encodes differently after a write/load round trip")
	}
	// The planted signal: the label must follow Prob (a miscalibrated
	// generator would make "recovers the planted signal" meaningless).
	var hi, hiPos, lo, loPos int
	for r, p := range s.Prob {
		if p > 0.7 {
			hi++
			hiPos += int(a.Label[r])
		} else if p < 0.3 {
			lo++
			loPos += int(a.Label[r])
		}
	}
	if hi == 0 || lo == 0 || float64(hiPos)/float64(hi) < 0.7 || float64(loPos)/float64(lo) > 0.3 {
		t.Errorf("labels do not follow Prob: P(y|p>0.7) = %d/%d, P(y|p<0.3) = %d/%d", hiPos, hi, loPos, lo)
	}
}

func TestEncodeFields(t *testing.T) {
	s := NewSynthetic(SyntheticOptions{Users: 10, Movies: 10, Ratings: 50, Seed: 1})
	d := s.Encode(EncodeOptions{Context: true})
	want := []string{"user_id", "gender", "age", "occupation", "zip", "movie_id", "genres", "year", "weekday", "hour"}
	if len(d.Fields) != len(want) {
		t.Fatalf("fields = %d, want %d", len(d.Fields), len(want))
	}
	for i, f := range d.Fields {
		if f.Name != want[i] {
			t.Errorf("field %d = %q, want %q", i, f.Name, want[i])
		}
		for s := 0; s < d.N; s++ {
			for _, v := range d.Values(s, i) {
				if v < 0 || int(v) >= len(f.Values) {
					t.Fatalf("sample %d field %s value %d outside vocabulary of %d", s, f.Name, v, len(f.Values))
				}
			}
		}
	}
	if got := d.DomainNames(); len(got) != 3 {
		t.Errorf("domains = %v, want user, item, context", got)
	}
	if d.MaxValues()[6] < 2 {
		t.Error("genres should be multi-valued in the synthetic data")
	}
}

func TestYearAndAgeBuckets(t *testing.T) {
	for _, c := range []struct{ year, want int }{{0, -1}, {1931, 0}, {1959, 0}, {1960, 1}, {1979, 2}, {1989, 3}, {1990, 4}, {1995, 9}, {1997, 11}, {1998, 12}} {
		if got := yearBucket(c.year); got != c.want {
			t.Errorf("yearBucket(%d) = %d, want %d", c.year, got, c.want)
		}
	}
	for _, c := range []struct{ age, want int }{{7, 0}, {17, 0}, {18, 1}, {24, 1}, {25, 2}, {50, 5}, {56, 6}, {73, 6}} {
		if got := ageBucket(c.age); got != c.want {
			t.Errorf("ageBucket(%d) = %d, want %d", c.age, got, c.want)
		}
	}
}

// EncodePair encodes a rated pair exactly as the dataset has it.
func TestEncodePairMatchesDataset(t *testing.T) {
	s := NewSynthetic(SyntheticOptions{Users: 10, Movies: 12, Ratings: 80, Seed: 4})
	for _, ctx := range []bool{false, true} {
		d := s.Encode(EncodeOptions{Context: ctx})
		for i, r := range s.Ratings {
			idx, off := d.EncodePair(r.User, r.Item, r.Time)
			for f := range d.Fields {
				got, want := idx[off[f]:off[f+1]], d.Values(i, f)
				if !equalInt32(got, want) {
					t.Fatalf("context=%v sample %d field %s: %v, want %v", ctx, i, d.Fields[f].Name, got, want)
				}
			}
		}
		if ctx {
			idx, off := d.EncodePair(0, 0, -1)
			if n := len(idx[off[8]:]); n != 0 {
				t.Errorf("unknown time: %d context values, want none (missing)", n)
			}
		}
	}
}
