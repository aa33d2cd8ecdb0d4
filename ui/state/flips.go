package state

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/flsest/flsest/engine/api"
)

// FlipSearch looks for the smallest single-field edit that moves P across
// 0.5: every candidate value of each editable field (gender; each age
// 10–70 and release year 1930–1998, a year at a time; each occupation;
// each zip region 0–9; each genre added or removed), on top of the
// what-if's own edit, scored in one POST /api/predict (≈ 180 rows: the
// engine scores up to 1,024 pairs per request). user_id and movie_id are
// not varied: another user or movie changes its attributes too, so it is
// no single-field change. "Smallest" is the crossing edit that moves P
// least.
type FlipSearch struct {
	From  float64 // P of the pair as edited
	Tried int     // candidates scored
	Flips []Flip  // crossing edits, at most one per field, the smallest move first
	Err   string
}

// Flip is one single-field edit that moves P across 0.5.
type Flip struct {
	Field, From, To string
	P               float64
	Edit            api.SampleEdit // the what-if's edit with this change: what gives P
}

// Candidate ranges for the ordered fields, in years.
const (
	minFlipAge, maxFlipAge   = 10, 70
	minFlipYear, maxFlipYear = 1930, 1998
)

// flipCandidates lists the single-field edits of a pair whose Shapley
// answer is r, on top of base; age and year are the pair's raw values
// (0: unknown, not varied), values the occupations and genres to try (by
// field name, as Store.FieldValues).
func flipCandidates(base api.SampleEdit, r api.ShapleyResponse, age, year int, values map[string][]string) []Flip {
	value := map[string]string{}
	for _, f := range r.Fields {
		value[f.Field] = f.Value
	}
	var out []Flip
	add := func(field, from, to string, change func(*api.SampleEdit)) {
		e := base
		e.Genres = slices.Clone(base.Genres)
		change(&e)
		out = append(out, Flip{Field: field, From: from, To: to, Edit: e})
	}
	for _, g := range []string{"F", "M"} {
		if g != value["gender"] {
			add("gender", value["gender"], g, func(e *api.SampleEdit) { e.Gender = g })
		}
	}
	if age > 0 {
		for a := minFlipAge; a <= maxFlipAge; a++ {
			if a != age {
				add("age", strconv.Itoa(age), strconv.Itoa(a), func(e *api.SampleEdit) { e.Age = a })
			}
		}
	}
	for _, o := range values["occupation"] {
		if o != value["occupation"] {
			add("occupation", value["occupation"], o, func(e *api.SampleEdit) { e.Occupation = o })
		}
	}
	for d := '0'; d <= '9'; d++ {
		if z := string(d); z != value["zip"] {
			add("zip", value["zip"]+"…", z+"…", func(e *api.SampleEdit) { e.Zip = z + "0000" })
		}
	}
	genres := base.Genres
	if genres == nil && value["genres"] != "" {
		genres = strings.Split(value["genres"], "|")
	}
	for _, g := range values["genres"] {
		i := slices.Index(genres, g)
		to := slices.Clone(genres)
		label := "+" + g
		if i >= 0 {
			to, label = slices.Delete(to, i, i+1), "−"+g
		}
		if len(to) == 0 {
			continue // the API cannot say "no genres" (an empty list is left out)
		}
		add("genres", strings.Join(genres, "|"), label, func(e *api.SampleEdit) { e.Genres = to })
	}
	if year > 0 {
		for y := minFlipYear; y <= maxFlipYear; y++ {
			if y != year {
				add("year", strconv.Itoa(year), strconv.Itoa(y), func(e *api.SampleEdit) { e.Year = y })
			}
		}
	}
	return out
}

// crossings keeps, per field, the candidate that crosses 0.5 from p with
// the smallest move, and orders them by that move.
func crossings(p float64, cands []Flip, probs []float64) []Flip {
	best := map[string]int{}
	for i, q := range probs {
		c := &cands[i]
		c.P = q
		if (q >= 0.5) == (p >= 0.5) {
			continue
		}
		if j, ok := best[c.Field]; !ok || math.Abs(q-p) < math.Abs(cands[j].P-p) {
			best[c.Field] = i
		}
	}
	var out []Flip
	for _, i := range best {
		out = append(out, cands[i])
	}
	sort.Slice(out, func(i, j int) bool { return math.Abs(out[i].P-p) < math.Abs(out[j].P-p) })
	return out
}

// searchFlips scores the candidates of the pair explained by r (the
// current generation gen) in one batched prediction, then calls next.
func (s *Store) searchFlips(gen int, pair api.InspectRequest, r api.ShapleyResponse, next func()) {
	s.Env.Lock()
	age, year := 0, 0
	base := s.Explain.Edit
	if si := s.Sample; si != nil && si.User.ID == pair.User && si.Movie.ID == pair.Movie {
		age, year = si.User.Age, si.Movie.Year
	}
	if base.Age != 0 {
		age = base.Age
	}
	if base.Year != 0 {
		year = base.Year
	}
	values := s.FieldValues
	s.Env.UnlockOnly()
	cands := flipCandidates(base, r, age, year, values)
	req := api.PredictRequest{Pairs: make([]api.InspectRequest, len(cands))}
	for i := range cands {
		req.Pairs[i] = api.InspectRequest{User: pair.User, Movie: pair.Movie, Edit: &cands[i].Edit}
	}
	s.Client.Predict(req, func(pr api.PredictResponse, err error) {
		s.update(func() {
			if s.Explain.gen != gen {
				return
			}
			s.Explain.Version++
			f := FlipSearch{From: r.Probability, Tried: len(cands)}
			switch {
			case err != nil:
				f.Err = err.Error()
			case len(pr.Probabilities) != len(cands):
				f.Err = "the engine answered " + strconv.Itoa(len(pr.Probabilities)) + " probabilities for " + strconv.Itoa(len(cands)) + " candidates"
			default:
				f.Flips = crossings(r.Probability, cands, pr.Probabilities)
			}
			s.Explain.Flips = f
		})
		next()
	})
}
