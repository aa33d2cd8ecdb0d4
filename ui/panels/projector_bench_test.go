package panels

import (
	"encoding/json"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/flsest/flsest/engine/api"
)

// bigProjector is a projector report the size of ml-100k's movies: 1,682
// points with titles, E and V, and two attributes.
func bigProjector() *api.ProjectorReport {
	const n = 1682
	rng := rand.New(rand.NewPCG(3, 4))
	proj := func() *api.Projection {
		p := &api.Projection{Variance: [2]float64{0.8, 0.05}}
		for range 2 * n {
			p.XY = append(p.XY, float32(rng.NormFloat64()))
		}
		return p
	}
	m := api.EmbeddingMap{E: *proj(), V: proj()}
	genres := api.Attribute{Field: "genres", Values: []string{"Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary",
		"Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western", "unknown"}}
	years := api.Attribute{Field: "year", Values: []string{"1920s", "1930s", "1940s", "1950s", "1960s", "1970s", "1980s", "1990s"}}
	for i := range n {
		m.IDs = append(m.IDs, i+1)
		m.Names = append(m.Names, "A movie called number "+strconv.Itoa(i)+" (1995)")
		genres.Of = append(genres.Of, rng.IntN(len(genres.Values)))
		years.Of = append(years.Of, rng.IntN(len(years.Values)))
	}
	m.Attributes = []api.Attribute{genres, years}
	return &api.ProjectorReport{Step: 300, Transform: "sest", Movies: m}
}

// The projector's layout and its JSON, as the panel makes them when a
// report arrives or a point is clicked (run it under wasm too:
// GOOS=js GOARCH=wasm go test -bench ProjectorLayout).
func BenchmarkProjectorLayout(b *testing.B) {
	r := bigProjector()
	for b.Loop() {
		_, l, _ := projectorPanel(r, EntityMovies, "", 0, nil)
		if _, err := json.Marshal(l); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkProjectorLayoutOnly(b *testing.B) {
	r := bigProjector()
	for b.Loop() {
		projectorPanel(r, EntityMovies, "", 0, nil)
	}
}
