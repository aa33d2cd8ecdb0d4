package panels

import (
	"slices"
	"strconv"
	"strings"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/format"
	"github.com/flsest/flsest/ui/state"
)

// whatIfView is the what-if's text: the form's current values, P and the
// flips found.
type whatIfView struct {
	Gender, Age, Occupation, Zip, Genres, Year string
	P, PExact, Flip                            string
	Flips                                      []flipLine
	Edited                                     bool
}

// flipLine is one single-field edit that crosses 0.5.
type flipLine struct {
	Text string
	Edit api.SampleEdit
}

func whatIfViewOf(si *api.SampleInspection, e api.SampleEdit, r *api.ShapleyResponse, fs state.FlipSearch) whatIfView {
	v := whatIfView{Edited: e.Gender != "" || e.Age != 0 || e.Occupation != "" || e.Zip != "" || e.Genres != nil || e.Year != 0}
	if si != nil {
		v.Gender, v.Age, v.Occupation, v.Zip = si.User.Gender, strconv.Itoa(si.User.Age), si.User.Occupation, si.User.Zip
		v.Genres, v.Year = strings.Join(si.Movie.Genres, "|"), strconv.Itoa(si.Movie.Year)
	}
	if e.Gender != "" {
		v.Gender = e.Gender
	}
	if e.Age != 0 {
		v.Age = strconv.Itoa(e.Age)
	}
	if e.Occupation != "" {
		v.Occupation = e.Occupation
	}
	if e.Zip != "" {
		v.Zip = e.Zip
	}
	if e.Genres != nil {
		v.Genres = strings.Join(e.Genres, "|")
	}
	if e.Year != 0 {
		v.Year = strconv.Itoa(e.Year)
	}
	if r == nil {
		return v
	}
	v.P, v.PExact = format.Fixed(r.Probability, 4), strconv.FormatFloat(r.Probability, 'g', -1, 64)
	switch {
	case fs.Err != "":
		v.Flip = "The search for a flip failed: " + fs.Err
	case fs.Tried == 0:
		v.Flip = "Looking for the smallest single-field change that moves P across 0.5…"
	case len(fs.Flips) == 0:
		v.Flip = "No single change of gender, age (10–70), occupation, zip region, one genre or release year (1930–1998) moves P across 0.5 (" +
			format.Int(fs.Tried) + " edits scored in one batched prediction; user and movie ids not varied)."
	default:
		f := fs.Flips[0]
		v.Flip = "Smallest single-field change across 0.5 (of " + format.Int(fs.Tried) + " edits scored in one batched prediction): " +
			flipText(f, fs.From) + "."
		for _, g := range fs.Flips[1:min(len(fs.Flips), maxFlipsShown)] {
			v.Flips = append(v.Flips, flipLine{Text: flipText(g, fs.From), Edit: g.Edit})
		}
		v.Flips = slices.Insert(v.Flips, 0, flipLine{Text: "apply: " + f.Field + " " + f.To, Edit: f.Edit})
	}
	return v
}

// maxFlipsShown bounds the flips offered as buttons (each a managed element).
const maxFlipsShown = 3

func flipText(f state.Flip, from float64) string {
	d := 3
	for d < 6 && format.Fixed(from, d) == format.Fixed(f.P, d) {
		d++ // a flip from just above 0.5 to just below must not read "0.500 → 0.500"
	}
	return f.Field + " " + f.From + " → " + f.To + " moves P " + format.Fixed(from, d) + " → " + format.Fixed(f.P, d)
}

// editWith returns e with one attribute changed from the form's text; a
// value that does not parse leaves e as it was (the engine names the
// field of one it cannot encode).
func editWith(e api.SampleEdit, field, value string) api.SampleEdit {
	value = strings.TrimSpace(value)
	switch field {
	case "gender":
		e.Gender = value
	case "age":
		if n, err := strconv.Atoi(value); err == nil {
			e.Age = n
		}
	case "occupation":
		e.Occupation = value
	case "zip":
		e.Zip = value
	case "genres":
		var gs []string
		for _, g := range strings.Split(value, "|") {
			if g = strings.TrimSpace(g); g != "" {
				gs = append(gs, g)
			}
		}
		if len(gs) > 0 {
			e.Genres = gs
		}
	case "year":
		if n, err := strconv.Atoi(value); err == nil {
			e.Year = n
		}
	}
	return e
}
