package datasets

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// realData returns the MovieLens-100k directory named by FLSEST_DATA, or
// skips: CI (.ci/run) sets it.
func realData(t *testing.T) string {
	t.Helper()
	dir := os.Getenv(EnvData)
	if dir == "" {
		t.Skip("FLSEST_DATA not set: no real MovieLens-100k")
	}
	return dir
}

func TestLoadMovieLens100KReal(t *testing.T) {
	dir := realData(t)
	ml, err := LoadMovieLens100KFrom(dir)
	if err != nil {
		t.Fatal(err)
	}
	// Counts from u.info and the GroupLens README.
	if len(ml.Users) != 943 || len(ml.Movies) != 1682 || len(ml.Ratings) != 100000 {
		t.Fatalf("users, movies, ratings = %d, %d, %d; want 943, 1682, 100000", len(ml.Users), len(ml.Movies), len(ml.Ratings))
	}
	// u.item line 543 is Latin-1: "Mis\xe9rables, Les (1995)".
	if got := ml.Movies[542].Title; got != "Misérables, Les (1995)" {
		t.Errorf("movie 543 title = %q, want %q", got, "Misérables, Les (1995)")
	}
	// Movie 267 has no release date: its year is missing, not zero-bucketed.
	if ml.Movies[266].Year != 0 {
		t.Errorf("movie 267 year = %d, want 0 (missing)", ml.Movies[266].Year)
	}
	d := ml.Encode(EncodeOptions{})
	// 55,375 of 100,000 ratings are 4 or 5 (count of u.data column 3 ≥ 4).
	if got := d.Positives(); got != 55375 {
		t.Errorf("positives = %d, want 55375", got)
	}
	if err := VerifyMovieLens100K(os.DirFS(dir)); err != nil {
		t.Errorf("verify the shared copy: %v", err)
	}
}

// The official zip keeps its files under ml-100k/; loading it from bytes
// must give exactly what loading the directory gives.
func TestOpenZipMatchesDirectory(t *testing.T) {
	dir := realData(t)
	files := map[string][]byte{}
	for _, name := range movieLensFiles {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		files[name] = b
	}
	var buf bytes.Buffer
	if err := WriteZip(&buf, "ml-100k", files); err != nil {
		t.Fatal(err)
	}
	fsys, err := OpenZip("ml-100k.zip", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	fromZip, err := LoadMovieLens100K(fsys)
	if err != nil {
		t.Fatal(err)
	}
	fromDir, err := LoadMovieLens100KFrom(dir)
	if err != nil {
		t.Fatal(err)
	}
	a, b := fromZip.Encode(EncodeOptions{Context: true}), fromDir.Encode(EncodeOptions{Context: true})
	if a.N != b.N || !equalInt32(a.Idx, b.Idx) || !equalInt32(a.Off, b.Off) {
		t.Fatal("zip and directory encode differently")
	}
}

func equalInt32(a, b []int32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// smallFiles is a valid MovieLens-shaped set of files from the generator.
func smallFiles() map[string][]byte {
	return NewSynthetic(SyntheticOptions{Users: 20, Movies: 30, Ratings: 200, Seed: 7}).MovieLens100KFiles()
}

// replaceLine returns files with line n (1-based) of file replaced.
func replaceLine(files map[string][]byte, file string, n int, line string) fstest.MapFS {
	m := fstest.MapFS{}
	for name, b := range files {
		if name == file {
			ls := strings.Split(string(b), "\n")
			ls[n-1] = line
			b = []byte(strings.Join(ls, "\n"))
		}
		m[name] = &fstest.MapFile{Data: b}
	}
	return m
}

func TestLoadMovieLens100KMalformed(t *testing.T) {
	files := smallFiles()
	if _, err := LoadMovieLens100K(replaceLine(files, "u.info", 1, "20 users")); err != nil {
		t.Fatalf("the unmodified synthetic files must load: %v", err)
	}
	cases := []struct {
		name, file string
		line       int
		text       string
		want       string // substring of the message
		cause      error
	}{
		{"data: too few columns", "u.data", 3, "1\t2\t3", "u.data:3: has 3 columns", ErrColumns},
		{"data: user id not a number", "u.data", 4, "x1\t2\t3\t880000000", `u.data:4: field 1 (user_id): "x1" is not an integer`, ErrNotInteger},
		{"data: rating 6", "u.data", 5, "1\t2\t6\t880000000", `u.data:5: field 3 (rating): "6" is out of range: want 1 to 5`, ErrRange},
		{"data: rating 0", "u.data", 5, "1\t2\t0\t880000000", `u.data:5: field 3 (rating): "0" is out of range`, ErrRange},
		{"data: unknown user", "u.data", 6, "999\t2\t3\t880000000", `u.data:6: field 1 (user_id): "999" is not defined in u.user`, ErrUnknownID},
		{"data: unknown item", "u.data", 7, "1\t999\t3\t880000000", `u.data:7: field 2 (item_id): "999" is not defined in u.item`, ErrUnknownID},
		{"data: bad timestamp", "u.data", 8, "1\t2\t3\tyesterday", `u.data:8: field 4 (timestamp): "yesterday" is not an integer`, ErrNotInteger},
		{"user: too many columns", "u.user", 2, "2|30|M|artist|12345|extra", "u.user:2: has 6 columns", ErrColumns},
		{"user: age not a number", "u.user", 3, "3|x7|M|artist|12345", `u.user:3: field 2 (age): "x7" is not an integer`, ErrNotInteger},
		{"user: bad gender", "u.user", 4, "4|30|X|artist|12345", `u.user:4: field 3 (gender): "X" is not a valid value`, ErrBadValue},
		{"user: unknown occupation", "u.user", 5, "5|30|M|astronaut|12345", `u.user:5: field 4 (occupation): "astronaut" is not defined in u.occupation`, ErrUnknownID},
		{"user: duplicate id", "u.user", 6, "1|30|M|artist|12345", `u.user:6: field 1 (user_id): "1" is defined twice`, ErrDuplicate},
		{"item: too few columns", "u.item", 2, "2|Title|01-Jan-1995", "u.item:2: has 3 columns", ErrColumns},
		{"item: id not a number", "u.item", 3, "three|T|01-Jan-1995||u" + strings.Repeat("|0", 19), `u.item:3: field 1 (movie_id): "three" is not an integer`, ErrNotInteger},
		{"item: bad date", "u.item", 4, "4|T|1995||u" + strings.Repeat("|0", 19), `u.item:4: field 3 (release_date): "1995" is not a valid value`, ErrBadValue},
		{"item: genre flag 2", "u.item", 5, "5|T|01-Jan-1995||u|2" + strings.Repeat("|0", 18), `u.item:5: field 6 (genre unknown): "2" is out of range`, ErrRange},
		{"genre: ids out of order", "u.genre", 2, "Action|5", `u.genre:2: field 2 (genre_id): "5" is out of range`, ErrRange},
		{"genre: one column", "u.genre", 3, "Adventure", "u.genre:3: has 1 columns", ErrColumns},
		{"occupation: duplicate", "u.occupation", 2, "administrator", `u.occupation:2: field 1 (occupation): "administrator" is defined twice`, ErrDuplicate},
		{"info: garbage", "u.info", 2, "many items here", "u.info:2: ", ErrBadValue},
		{"info: count not a number", "u.info", 3, "lots ratings", `u.info:3: field 1 (ratings): "lots" is not an integer`, ErrNotInteger},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := LoadMovieLens100K(replaceLine(files, c.file, c.line, c.text))
			if err == nil {
				t.Fatalf("LoadMovieLens100K accepted %s line %d = %q", c.file, c.line, c.text)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error = %q, want it to contain %q", err, c.want)
			}
			var pe *ParseError
			if !errors.As(err, &pe) || pe.File != c.file || pe.Line != c.line {
				t.Errorf("error %#v: want a *ParseError for %s line %d", err, c.file, c.line)
			}
			if !errors.Is(err, c.cause) {
				t.Errorf("error %q: want cause %v", err, c.cause)
			}
		})
	}
}

func TestLoadMovieLens100KTruncatedOrMissing(t *testing.T) {
	files := smallFiles()
	t.Run("u.data cut short", func(t *testing.T) {
		m := replaceLine(files, "u.data", 1, string(files["u.data"][:bytes.IndexByte(files["u.data"], '\n')]))
		m["u.data"].Data = m["u.data"].Data[:len(m["u.data"].Data)/2]
		m["u.data"].Data = m["u.data"].Data[:bytes.LastIndexByte(m["u.data"].Data, '\n')+1]
		_, err := LoadMovieLens100K(m)
		if err == nil || !strings.Contains(err.Error(), "u.data: has ") || !strings.Contains(err.Error(), "u.info says 200") {
			t.Errorf("error = %v, want the u.data count mismatch", err)
		}
	})
	for _, name := range movieLensFiles {
		t.Run("missing "+name, func(t *testing.T) {
			m := replaceLine(files, "u.info", 1, "20 users")
			delete(m, name)
			_, err := LoadMovieLens100K(m)
			if err == nil || !strings.HasPrefix(err.Error(), name+": file is missing") || !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("error = %v, want %q", err, name+": file is missing")
			}
		})
	}
}

func TestOpenZipErrors(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteZip(&buf, "ml-100k", smallFiles()); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	if fsys, err := OpenZip("ml-100k.zip", good); err != nil {
		t.Fatal(err)
	} else if _, err := LoadMovieLens100K(fsys); err != nil {
		t.Fatalf("the good zip must load: %v", err)
	}
	t.Run("truncated", func(t *testing.T) {
		_, err := OpenZip("ml-100k.zip", good[:len(good)*2/3])
		if err == nil || !strings.Contains(err.Error(), "ml-100k.zip: not a readable zip archive") {
			t.Errorf("error = %v", err)
		}
	})
	t.Run("not a zip", func(t *testing.T) {
		_, err := OpenZip("notes.txt", []byte("hello"))
		if err == nil || !strings.Contains(err.Error(), "notes.txt: not a readable zip archive") {
			t.Errorf("error = %v", err)
		}
	})
	t.Run("altered entry", func(t *testing.T) {
		bad := bytes.Clone(good)
		// Flip bytes in the middle of the first entry's compressed data: the
		// central directory still parses, the entry's CRC-32 does not match.
		for i := 200; i < 260; i++ {
			bad[i] ^= 0x55
		}
		fsys, err := OpenZip("ml-100k.zip", bad)
		if err != nil {
			t.Fatalf("OpenZip: %v", err)
		}
		_, err = LoadMovieLens100K(fsys)
		if err == nil || !strings.Contains(err.Error(), "ml-100k.zip: entry") || !strings.Contains(err.Error(), "is corrupt") {
			t.Errorf("error = %v, want a corrupt-entry error naming the archive", err)
		}
	})
	t.Run("wrong archive", func(t *testing.T) {
		var other bytes.Buffer
		if err := WriteZip(&other, "photos", map[string][]byte{"a.jpg": []byte("x")}); err != nil {
			t.Fatal(err)
		}
		_, err := OpenZip("photos.zip", other.Bytes())
		if err == nil || !strings.Contains(err.Error(), "photos.zip: no u.data (MovieLens-100k)") {
			t.Errorf("error = %v", err)
		}
	})
}

func TestVerifyMovieLens100KRejectsAlteredCopy(t *testing.T) {
	dir := realData(t)
	m := fstest.MapFS{}
	for _, name := range movieLensFiles {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		m[name] = &fstest.MapFile{Data: b}
	}
	if err := VerifyMovieLens100K(m); err != nil {
		t.Fatalf("verify the untouched copy: %v", err)
	}
	m["u.user"].Data = bytes.Replace(m["u.user"].Data, []byte("technician"), []byte("technicia_"), 1)
	err := VerifyMovieLens100K(m)
	if err == nil || !strings.Contains(err.Error(), "u.user: sha256") {
		t.Errorf("error = %v, want a u.user sha256 mismatch", err)
	}
}

func mapFS(files map[string][]byte) fstest.MapFS {
	m := fstest.MapFS{}
	for n, b := range files {
		m[n] = &fstest.MapFile{Data: b}
	}
	return m
}
