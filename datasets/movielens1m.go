package datasets

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"
)

// MovieLens-1M (GroupLens ml-1m.zip: ratings.dat, users.dat, movies.dat;
// "::"-separated, titles in Latin-1). It loads into the same MovieLens
// struct and schema as MovieLens-100k: its age codes (1, 18, 25, 35, 45,
// 50, 56) are exactly the 100k loader's age buckets, its occupations are
// codes 0–20 named by its README, its genres are named in movies.dat and the
// release year is the title's "(1995)".

// ml1mOccupations names the occupation codes of users.dat (ml-1m README).
var ml1mOccupations = []string{"other", "academic/educator", "artist", "clerical/admin", "college/grad student",
	"customer service", "doctor/health care", "executive/managerial", "farmer", "homemaker", "K-12 student",
	"lawyer", "programmer", "retired", "sales/marketing", "scientist", "self-employed", "technician/engineer",
	"tradesman/craftsman", "unemployed", "writer"}

// ml1mGenres are the genres movies.dat uses (ml-1m README).
var ml1mGenres = []string{"Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama",
	"Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western"}

var ml1mAges = map[int]bool{1: true, 18: true, 25: true, 35: true, 45: true, 50: true, 56: true}

// LoadMovieLens1M parses MovieLens-1M from fsys (ratings.dat, users.dat,
// movies.dat at its root). Every line is validated; the first problem is
// returned as a *ParseError and nothing is kept.
func LoadMovieLens1M(fsys fs.FS) (*MovieLens, error) {
	raw := map[string][]byte{}
	for _, name := range []string{"users.dat", "movies.dat", "ratings.dat"} {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, &ParseError{File: name, Err: fileError(err)}
		}
		raw[name] = b
	}
	ml := &MovieLens{Name: "movielens-1m", Genres: ml1mGenres, Occupations: ml1mOccupations}
	genreIndex := indexOf(ml1mGenres)
	users := map[int]int32{}
	var buf []string // the columns, reused from line to line
	err := lines(raw["users.dat"], func(n int, line string) error {
		cols, err := columns(&buf, "users.dat", n, line, "::", 5)
		if err != nil {
			return err
		}
		id, err := newID(users, "users.dat", n, cols, "user_id")
		if err != nil {
			return err
		}
		if cols[1] != "M" && cols[1] != "F" {
			return &ParseError{File: "users.dat", Line: n, Field: 2, Name: "gender", Value: cols[1], Err: fmt.Errorf("%w: want M or F", ErrBadValue)}
		}
		age, err := atoi("users.dat", n, cols, 2, "age", 1, 56)
		if err != nil {
			return err
		}
		if !ml1mAges[age] {
			return &ParseError{File: "users.dat", Line: n, Field: 3, Name: "age", Value: cols[2], Err: fmt.Errorf("%w: want one of 1, 18, 25, 35, 45, 50, 56", ErrBadValue)}
		}
		occ, err := atoi("users.dat", n, cols, 3, "occupation", 0, len(ml1mOccupations)-1)
		if err != nil {
			return err
		}
		if strings.TrimSpace(cols[4]) == "" {
			return &ParseError{File: "users.dat", Line: n, Field: 5, Name: "zip_code", Value: cols[4], Err: ErrMissing}
		}
		users[id] = int32(len(ml.Users))
		ml.Users = append(ml.Users, User{ID: id, Age: age, Gender: cols[1], Occupation: ml1mOccupations[occ], Zip: cols[4]})
		return nil
	})
	if err != nil {
		return nil, err
	}
	movies := map[int]int32{}
	err = lines(raw["movies.dat"], func(n int, line string) error {
		cols, err := columns(&buf, "movies.dat", n, line, "::", 3)
		if err != nil {
			return err
		}
		id, err := newID(movies, "movies.dat", n, cols, "movie_id")
		if err != nil {
			return err
		}
		title := latin1(cols[1])
		year := 0
		if i := strings.LastIndex(title, "("); i >= 0 && strings.HasSuffix(strings.TrimSpace(title), ")") {
			if y, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(title[i+1:]), ")")); err == nil && y >= 1800 && y <= 2100 {
				year = y
			}
		}
		var genres []int
		for _, g := range strings.Split(cols[2], "|") {
			gi, ok := genreIndex[g]
			if !ok {
				return &ParseError{File: "movies.dat", Line: n, Field: 3, Name: "genres", Value: g, Err: fmt.Errorf("%w: not a MovieLens-1M genre", ErrBadValue)}
			}
			genres = append(genres, gi)
		}
		movies[id] = int32(len(ml.Movies))
		ml.Movies = append(ml.Movies, Movie{ID: id, Title: title, Year: year, Genres: genres})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := ml.parseRatings(ratings1M, raw["ratings.dat"], users, movies); err != nil {
		return nil, err
	}
	if len(ml.Ratings) == 0 {
		return nil, &ParseError{File: "ratings.dat", Err: fmt.Errorf("no ratings: %w", ErrMissing)}
	}
	return ml, nil
}

// MovieLens1MFiles renders ml in MovieLens-1M's formats (for tests).
func (ml *MovieLens) MovieLens1MFiles() map[string][]byte {
	var users, movies, ratings strings.Builder
	occ := indexOf(ml1mOccupations)
	for _, u := range ml.Users {
		age := []int{1, 18, 25, 35, 45, 50, 56}[ageBucket(u.Age)]
		code, ok := occ[u.Occupation]
		if !ok {
			code = 0
		}
		fmt.Fprintf(&users, "%d::%s::%d::%d::%s\n", u.ID, u.Gender, age, code, u.Zip)
	}
	for _, m := range ml.Movies {
		var g []string
		for _, gi := range m.Genres {
			name := ml.Genres[gi]
			if _, ok := indexOf(ml1mGenres)[name]; ok {
				g = append(g, name)
			}
		}
		if len(g) == 0 {
			g = []string{"Drama"}
		}
		year := m.Year
		if year == 0 {
			year = 1995
		}
		fmt.Fprintf(&movies, "%d::%s (%d)::%s\n", m.ID, toLatin1(m.Title), year, strings.Join(g, "|"))
	}
	for _, r := range ml.Ratings {
		fmt.Fprintf(&ratings, "%d::%d::%d::%d\n", ml.Users[r.User].ID, ml.Movies[r.Item].ID, r.Rating, r.Time)
	}
	return map[string][]byte{"users.dat": []byte(users.String()), "movies.dat": []byte(movies.String()), "ratings.dat": []byte(ratings.String())}
}
