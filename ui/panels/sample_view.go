package panels

import (
	"strconv"
	"strings"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/format"
)

// sampleView is the inspector's text for one pair.
type sampleView struct {
	Pair, Probability, Truth, Parts string
	Fields                          []sampleField
}

// sampleField is one row of the pair's SEST table.
type sampleField struct{ Name, Z, A, Zeroed, SE string }

func sampleViewOf(si *api.SampleInspection) sampleView {
	v := sampleView{
		Pair: "User " + strconv.Itoa(si.User.ID) + " (" + si.User.Gender + ", " + strconv.Itoa(si.User.Age) + ", " + si.User.Occupation +
			") × " + si.Movie.Title + " [" + strings.Join(si.Movie.Genres, ", ") + "]",
		Probability: format.Fixed(si.Probability, 3),
		Truth:       "not rated by this user",
	}
	if si.Rating > 0 {
		v.Truth = "true rating " + strconv.Itoa(si.Rating) + " (" + si.Split + " split)"
	}
	var parts []string
	for _, p := range si.Contributions {
		parts = append(parts, p.Name+" "+format.Signed(p.Mean, 3))
	}
	v.Parts = "Logit parts: " + strings.Join(parts, " · ")
	for _, f := range si.Fields {
		v.Fields = append(v.Fields, sampleField{Name: f.Name, Z: format.Fixed(f.Z.Mean, 4), A: format.Fixed(f.A.Mean, 4),
			Zeroed: format.Percent(f.Zeroed.Mean, 0), SE: format.Fixed(f.SEWeight.Mean, 4)})
	}
	return v
}
