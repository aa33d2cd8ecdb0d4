package datasets

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"unicode/utf8"
)

// User is one row of u.user.
type User struct {
	ID         int
	Age        int
	Gender     string // "M" or "F"
	Occupation string
	Zip        string
}

// Movie is one row of u.item. Year is 0 when the release date is missing.
type Movie struct {
	ID     int
	Title  string // decoded from Latin-1
	Year   int
	Genres []int // indices into MovieLens.Genres
}

// Rating is one row of u.data, with users and movies as indices into
// MovieLens.Users and MovieLens.Movies.
type Rating struct {
	User, Item int32
	Rating     uint8
	Time       int64 // Unix seconds
}

// MovieLens is a parsed and validated MovieLens dataset (100k or 1M).
type MovieLens struct {
	Name        string // "movielens-100k", "movielens-1m"
	Users       []User
	Movies      []Movie
	Genres      []string
	Occupations []string
	Ratings     []Rating
}

// The files LoadMovieLens100K reads. The split files (u1.base …) are not
// used: our split is the paper's 80/10/10 shuffle (split.go).
var movieLensFiles = []string{"u.info", "u.genre", "u.occupation", "u.user", "u.item", "u.data"}

// LoadMovieLens100K parses MovieLens-100k from fsys, whose root holds u.data,
// u.item, u.user, u.genre, u.occupation and u.info. Every line is validated;
// the first problem is returned as a *ParseError and nothing is kept.
func LoadMovieLens100K(fsys fs.FS) (*MovieLens, error) {
	raw, err := readMovieLens100K(fsys)
	if err != nil {
		return nil, err
	}
	return parseMovieLens100K(raw)
}

// LoadMovieLens100KOfficial is LoadMovieLens100K that also reports whether
// the files it read are GroupLens' originals (their sha256, checksums.go).
// It hashes the bytes it parses, so each file is read once: from a zip,
// inflating it again for the check cost as much as the parse in a browser.
func LoadMovieLens100KOfficial(fsys fs.FS) (ml *MovieLens, official bool, err error) {
	raw, err := readMovieLens100K(fsys)
	if err != nil {
		return nil, false, err
	}
	if ml, err = parseMovieLens100K(raw); err != nil {
		return nil, false, err
	}
	return ml, officialMovieLens100K(raw), nil
}

// readMovieLens100K reads the loader's files: name → bytes.
func readMovieLens100K(fsys fs.FS) (map[string][]byte, error) {
	raw := make(map[string][]byte, len(movieLensFiles))
	for _, name := range movieLensFiles {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, &ParseError{File: name, Err: fileError(err)}
		}
		raw[name] = b
	}
	return raw, nil
}

// parseMovieLens100K parses and validates the files readMovieLens100K read.
func parseMovieLens100K(raw map[string][]byte) (*MovieLens, error) {
	ml := &MovieLens{Name: "movielens-100k"}
	counts, err := parseInfo(raw["u.info"])
	if err != nil {
		return nil, err
	}
	if ml.Genres, err = parseGenres(raw["u.genre"]); err != nil {
		return nil, err
	}
	if ml.Occupations, err = parseOccupations(raw["u.occupation"]); err != nil {
		return nil, err
	}
	userIndex, err := ml.parseUsers(raw["u.user"])
	if err != nil {
		return nil, err
	}
	itemIndex, err := ml.parseItems(raw["u.item"])
	if err != nil {
		return nil, err
	}
	// u.info's count sizes the ratings, within what u.data could hold (a
	// rating line has at least 8 bytes): growing a 100,000-element slice
	// by appends copies it about 20 times.
	ml.Ratings = make([]Rating, 0, min(counts["ratings"], len(raw["u.data"])/8+1))
	if err := ml.parseRatings(ratings100k, raw["u.data"], userIndex, itemIndex); err != nil {
		return nil, err
	}
	for _, c := range []struct {
		file, what string
		got        int
	}{{"u.user", "users", len(ml.Users)}, {"u.item", "items", len(ml.Movies)}, {"u.data", "ratings", len(ml.Ratings)}} {
		if want := counts[c.what]; c.got != want {
			return nil, &ParseError{File: c.file, Err: fmt.Errorf("has %d %s, u.info says %d (truncated or extended copy?)", c.got, c.what, want)}
		}
	}
	return ml, nil
}

func fileError(err error) error {
	if pe, ok := err.(*fs.PathError); ok && pe.Err == fs.ErrNotExist {
		return fmt.Errorf("file is missing (%w)", fs.ErrNotExist)
	}
	if errors.Is(err, ErrTooLarge) {
		return err
	}
	return fmt.Errorf("cannot be read: %w", err)
}

// lines calls fn for each non-blank line with its 1-based number. Trailing
// "\r" is removed (a copy saved on Windows still loads). The file becomes
// one string and each line a substring of it, so a line costs no
// allocation (the parse is most of the engine's start in a browser, where
// every allocation is paid again in garbage collection).
func lines(b []byte, fn func(n int, line string) error) error {
	s := string(b)
	for n := 1; s != ""; n++ {
		line := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		// bufio.ScanLines' "\r", then one more: what this loader always accepted.
		line = strings.TrimSuffix(strings.TrimSuffix(line, "\r"), "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		if err := fn(n, line); err != nil {
			return err
		}
	}
	return nil
}

// columns splits line on sep and checks the count. The columns are kept in
// *buf, reused from line to line, so a line costs no allocation.
func columns(buf *[]string, file string, n int, line string, sep string, want int) ([]string, error) {
	cols := (*buf)[:0]
	for {
		i := strings.Index(line, sep)
		if i < 0 {
			break
		}
		cols = append(cols, line[:i])
		line = line[i+len(sep):]
	}
	cols = append(cols, line)
	*buf = cols
	if len(cols) != want {
		return nil, &ParseError{File: file, Line: n, Err: fmt.Errorf("has %d columns separated by %q, want %d (%w)", len(cols), sep, want, ErrColumns)}
	}
	return cols, nil
}

// atoi parses column col (0-based) as an integer within [lo, hi].
func atoi(file string, n int, cols []string, col int, name string, lo, hi int) (int, error) {
	v, err := strconv.Atoi(strings.TrimSpace(cols[col]))
	if err != nil {
		return 0, &ParseError{File: file, Line: n, Field: col + 1, Name: name, Value: cols[col], Err: ErrNotInteger}
	}
	if v < lo || v > hi {
		return 0, &ParseError{File: file, Line: n, Field: col + 1, Name: name, Value: cols[col], Err: fmt.Errorf("%w: want %d to %d", ErrRange, lo, hi)}
	}
	return v, nil
}

func parseInfo(b []byte) (map[string]int, error) {
	counts := map[string]int{}
	err := lines(b, func(n int, line string) error {
		f := strings.Fields(line)
		if len(f) != 2 {
			return &ParseError{File: "u.info", Line: n, Err: fmt.Errorf("%q is not \"<count> users|items|ratings\" (%w)", line, ErrBadValue)}
		}
		v, err := strconv.Atoi(f[0])
		if err != nil || v <= 0 {
			return &ParseError{File: "u.info", Line: n, Field: 1, Name: f[1], Value: f[0], Err: ErrNotInteger}
		}
		counts[f[1]] = v
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, k := range []string{"users", "items", "ratings"} {
		if counts[k] == 0 {
			return nil, &ParseError{File: "u.info", Err: fmt.Errorf("the %s count %w", k, ErrMissing)}
		}
	}
	return counts, nil
}

func parseGenres(b []byte) ([]string, error) {
	var names []string
	var buf []string // the columns, reused from line to line
	err := lines(b, func(n int, line string) error {
		cols, err := columns(&buf, "u.genre", n, line, "|", 2)
		if err != nil {
			return err
		}
		// Genre ids must run 0, 1, 2, … in file order: u.item's flags are positional.
		if _, err := atoi("u.genre", n, cols, 1, "genre_id", len(names), len(names)); err != nil {
			return err
		}
		names = append(names, cols[0])
		return nil
	})
	if err == nil && len(names) == 0 {
		err = &ParseError{File: "u.genre", Err: fmt.Errorf("no genres: %w", ErrMissing)}
	}
	return names, err
}

func parseOccupations(b []byte) ([]string, error) {
	var names []string
	seen := map[string]bool{}
	err := lines(b, func(n int, line string) error {
		name := strings.TrimSpace(line)
		if strings.ContainsAny(name, "|\t") {
			return &ParseError{File: "u.occupation", Line: n, Field: 1, Name: "occupation", Value: name, Err: ErrBadValue}
		}
		if seen[name] {
			return &ParseError{File: "u.occupation", Line: n, Field: 1, Name: "occupation", Value: name, Err: ErrDuplicate}
		}
		seen[name] = true
		names = append(names, name)
		return nil
	})
	if err == nil && len(names) == 0 {
		err = &ParseError{File: "u.occupation", Err: fmt.Errorf("no occupations: %w", ErrMissing)}
	}
	return names, err
}

func (ml *MovieLens) parseUsers(b []byte) (map[int]int32, error) {
	occ := map[string]bool{}
	for _, o := range ml.Occupations {
		occ[o] = true
	}
	index := map[int]int32{}
	var buf []string // the columns, reused from line to line
	err := lines(b, func(n int, line string) error {
		cols, err := columns(&buf, "u.user", n, line, "|", 5)
		if err != nil {
			return err
		}
		id, err := newID(index, "u.user", n, cols, "user_id")
		if err != nil {
			return err
		}
		age, err := atoi("u.user", n, cols, 1, "age", 1, 120)
		if err != nil {
			return err
		}
		if cols[2] != "M" && cols[2] != "F" {
			return &ParseError{File: "u.user", Line: n, Field: 3, Name: "gender", Value: cols[2], Err: fmt.Errorf("%w: want M or F", ErrBadValue)}
		}
		if !occ[cols[3]] {
			return &ParseError{File: "u.user", Line: n, Field: 4, Name: "occupation", Value: cols[3], Err: fmt.Errorf("%w in u.occupation", ErrUnknownID)}
		}
		if strings.TrimSpace(cols[4]) == "" {
			return &ParseError{File: "u.user", Line: n, Field: 5, Name: "zip_code", Value: cols[4], Err: ErrMissing}
		}
		index[id] = int32(len(ml.Users))
		ml.Users = append(ml.Users, User{ID: id, Age: age, Gender: cols[2], Occupation: cols[3], Zip: cols[4]})
		return nil
	})
	return index, err
}

// u.item columns: id | title | release date | video release date | IMDb URL | 19 genre flags.
func (ml *MovieLens) parseItems(b []byte) (map[int]int32, error) {
	G := len(ml.Genres)
	flagNames := make([]string, G) // the flags' column names, made once
	for g, name := range ml.Genres {
		flagNames[g] = "genre " + name
	}
	index := map[int]int32{}
	var buf []string // the columns, reused from line to line
	err := lines(b, func(n int, line string) error {
		cols, err := columns(&buf, "u.item", n, line, "|", 5+G)
		if err != nil {
			return err
		}
		id, err := newID(index, "u.item", n, cols, "movie_id")
		if err != nil {
			return err
		}
		year := 0
		if d := cols[2]; d != "" {
			// "01-Jan-1995"
			parts := strings.Split(d, "-")
			y, err := strconv.Atoi(parts[len(parts)-1])
			if len(parts) != 3 || err != nil || y < 1800 || y > 2100 {
				return &ParseError{File: "u.item", Line: n, Field: 3, Name: "release_date", Value: d, Err: fmt.Errorf("%w: want DD-Mon-YYYY", ErrBadValue)}
			}
			year = y
		}
		var genres []int
		for g := 0; g < G; g++ {
			flag, err := atoi("u.item", n, cols, 5+g, flagNames[g], 0, 1)
			if err != nil {
				return err
			}
			if flag == 1 {
				genres = append(genres, g)
			}
		}
		index[id] = int32(len(ml.Movies))
		ml.Movies = append(ml.Movies, Movie{ID: id, Title: latin1(cols[1]), Year: year, Genres: genres})
		return nil
	})
	return index, err
}

// latin1 decodes ISO-8859-1 text (u.item's titles) into UTF-8. Text that is
// already valid UTF-8 is kept as is.
func latin1(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		sb.WriteRune(rune(s[i]))
	}
	return sb.String()
}

// newID reads column 0 of a line as an id (1 and up) that index does not
// hold yet: users and items are each listed once.
func newID(index map[int]int32, file string, n int, cols []string, name string) (int, error) {
	id, err := atoi(file, n, cols, 0, name, 1, 1<<30)
	if err != nil {
		return 0, err
	}
	if _, dup := index[id]; dup {
		return 0, &ParseError{File: file, Line: n, Field: 1, Name: name, Value: cols[0], Err: ErrDuplicate}
	}
	return id, nil
}

// ratingsFormat is what tells MovieLens-100k's u.data from MovieLens-1M's
// ratings.dat: the file, its separator, the item column's name and the
// files the ids refer to. Both hold user, item, rating (1–5), timestamp.
type ratingsFormat struct{ file, sep, itemName, userFile, itemFile string }

var (
	ratings100k = ratingsFormat{"u.data", "\t", "item_id", "u.user", "u.item"}
	ratings1M   = ratingsFormat{"ratings.dat", "::", "movie_id", "users.dat", "movies.dat"}
)

func (ml *MovieLens) parseRatings(f ratingsFormat, b []byte, users, items map[int]int32) error {
	var buf []string // the columns, reused from line to line
	return lines(b, func(n int, line string) error {
		cols, err := columns(&buf, f.file, n, line, f.sep, 4)
		if err != nil {
			return err
		}
		uid, err := atoi(f.file, n, cols, 0, "user_id", 1, 1<<30)
		if err != nil {
			return err
		}
		u, ok := users[uid]
		if !ok {
			return &ParseError{File: f.file, Line: n, Field: 1, Name: "user_id", Value: cols[0], Err: fmt.Errorf("%w in %s", ErrUnknownID, f.userFile)}
		}
		iid, err := atoi(f.file, n, cols, 1, f.itemName, 1, 1<<30)
		if err != nil {
			return err
		}
		it, ok := items[iid]
		if !ok {
			return &ParseError{File: f.file, Line: n, Field: 2, Name: f.itemName, Value: cols[1], Err: fmt.Errorf("%w in %s", ErrUnknownID, f.itemFile)}
		}
		r, err := atoi(f.file, n, cols, 2, "rating", 1, 5)
		if err != nil {
			return err
		}
		ts, err := strconv.ParseInt(strings.TrimSpace(cols[3]), 10, 64)
		if err != nil || ts < 0 {
			return &ParseError{File: f.file, Line: n, Field: 4, Name: "timestamp", Value: cols[3], Err: ErrNotInteger}
		}
		ml.Ratings = append(ml.Ratings, Rating{User: u, Item: it, Rating: uint8(r), Time: ts})
		return nil
	})
}
