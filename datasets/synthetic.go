package datasets

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// SyntheticOptions sizes a synthetic MovieLens-shaped dataset.
type SyntheticOptions struct {
	Users, Movies, Ratings int
	Seed                   uint64
}

// Synthetic is a generated dataset and the true click probability of each
// rating, so tests can compare a model with the Bayes-optimal predictor.
type Synthetic struct {
	*MovieLens
	Prob []float64 // P(label = 1) the generator used, per rating
}

// Names of MovieLens-100k's genres and occupations (schema facts, not data),
// so synthetic data has the real schema.
var (
	syntheticGenres = []string{"unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime",
		"Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi",
		"Thriller", "War", "Western"}
	syntheticOccupations = []string{"administrator", "artist", "doctor", "educator", "engineer", "entertainment",
		"executive", "healthcare", "homemaker", "lawyer", "librarian", "marketing", "none", "other", "programmer",
		"retired", "salesman", "scientist", "student", "technician", "writer"}
)

// NewSynthetic generates ratings whose label depends on a planted signal:
// a per-user and per-movie bias, a rank-4 user×movie affinity, and a
// gender × genre and an age × release-year interaction, passed through a
// sigmoid; the label is a Bernoulli draw, the rating 4–5 for label 1 and
// 1–3 for label 0. The same options give the same data.
func NewSynthetic(opt SyntheticOptions) *Synthetic {
	rng := rand.New(rand.NewPCG(opt.Seed, 0x5717))
	const rank = 4
	ml := &MovieLens{Name: "synthetic", Genres: syntheticGenres, Occupations: syntheticOccupations}
	G := len(ml.Genres)
	userBias := make([]float64, opt.Users)
	userVec := make([][rank]float64, opt.Users)
	for i := range opt.Users {
		g := "M"
		if rng.IntN(2) == 0 {
			g = "F"
		}
		ml.Users = append(ml.Users, User{
			ID: i + 1, Age: 15 + rng.IntN(50), Gender: g,
			Occupation: ml.Occupations[rng.IntN(len(ml.Occupations))],
			Zip:        fmt.Sprintf("%05d", rng.IntN(100000)),
		})
		userBias[i] = 0.5 * rng.NormFloat64()
		for k := range rank {
			userVec[i][k] = 0.7 * rng.NormFloat64()
		}
	}
	itemBias := make([]float64, opt.Movies)
	itemVec := make([][rank]float64, opt.Movies)
	for i := range opt.Movies {
		var genres []int
		for len(genres) == 0 {
			for g := 1; g < G; g++ {
				if rng.Float64() < 0.12 {
					genres = append(genres, g)
				}
			}
		}
		year := 1930 + rng.IntN(69)
		if rng.Float64() < 0.01 {
			year = 0 // missing release date, as in u.item's movie 267
		}
		ml.Movies = append(ml.Movies, Movie{ID: i + 1, Title: fmt.Sprintf("Synthetic movie %d", i+1), Year: year, Genres: genres})
		itemBias[i] = 0.5 * rng.NormFloat64()
		for k := range rank {
			itemVec[i][k] = 0.7 * rng.NormFloat64()
		}
	}
	// Gender × genre: one sign per genre, flipped for the other gender.
	genreTaste := make([]float64, G)
	for g := range genreTaste {
		genreTaste[g] = 0.8 * rng.NormFloat64()
	}
	s := &Synthetic{MovieLens: ml, Prob: make([]float64, opt.Ratings)}
	for r := range opt.Ratings {
		u, m := rng.IntN(opt.Users), rng.IntN(opt.Movies)
		user, movie := ml.Users[u], ml.Movies[m]
		x := userBias[u] + itemBias[m]
		for k := range rank {
			x += float64(userVec[u][k] * itemVec[m][k])
		}
		sign := 1.0
		if user.Gender == "F" {
			sign = -1
		}
		for _, g := range movie.Genres {
			x += sign * genreTaste[g] / float64(len(movie.Genres))
		}
		if movie.Year != 0 && user.Age < 30 && movie.Year < 1970 {
			x -= 1 // the young dislike old films
		}
		p := 1 / (1 + math.Exp(-x))
		rating := uint8(1 + rng.IntN(3))
		if rng.Float64() < p {
			rating = uint8(4 + rng.IntN(2))
		}
		s.Prob[r] = p
		ml.Ratings = append(ml.Ratings, Rating{User: int32(u), Item: int32(m), Rating: rating, Time: 880000000 + int64(rng.IntN(20000000))})
	}
	return s
}
