package panels

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/ui/format"
	"github.com/flsest/flsest/ui/plot"
)

// The embedding projector: movies or users on the first two principal
// components of E and of V, side by side in one canvas (assets/views.js),
// coloured by one attribute; the points are one Float64Array, never DOM
// elements.

// Entities the projector shows.
const (
	EntityMovies = "movies"
	EntityUsers  = "users"
)

// projectorLayout is what assets/views.js needs: two plots side by side,
// each point's colour (an index into Colors) and hover label; the values
// are E's x, y pairs, then V's (if any).
type projectorLayout struct {
	W      float64        `json:"w"`
	H      float64        `json:"h"`
	N      int            `json:"n"`
	Plots  []projPlot     `json:"plots"`
	Colors []string       `json:"colors"` // the palette, Other last
	Of     []int          `json:"of"`     // each point's colour index
	Labels []string       `json:"labels"` // each point's hover label
	Marked [][]int        `json:"marked"` // per plot, the clicked point's neighbours (indices)
	Picked int            `json:"picked"` // the clicked point (−1: none)
	Kind   string         `json:"kind"`   // "movie" or "user"
	IDs    []int          `json:"ids"`
	Radius float64        `json:"radius"`
	Legend []legendSwatch `json:"-"`
}

// projPlot is one plot: its title, its box, and the scales of its values
// (Offset: where its x, y pairs start in the values).
type projPlot struct {
	Title  string      `json:"title"`
	X0     float64     `json:"x0"`
	Size   float64     `json:"size"`
	Top    float64     `json:"top"`
	XS     plot.Linear `json:"xs"`
	YS     plot.Linear `json:"ys"`
	Offset int         `json:"offset"`
}

// legendSwatch is one colour of the legend.
type legendSwatch struct {
	Color, Label, Count string
}

// projectorView is the panel's text.
type projectorView struct {
	Scope, Note string
	Attributes  []string // what the points can be coloured by
	Attribute   string
	Legend      []legendSwatch
}

// projectorPanel lays out entity (movies or users) of r coloured by attr
// ("" or unknown: the default), with the picked id and its neighbours
// marked (picked 0: none).
func projectorPanel(r *api.ProjectorReport, entity, attr string, picked int, nb *api.NeighboursReport) (projectorView, projectorLayout, []float64) {
	const size, gap, top = 330.0, 40.0, 22.0
	l := projectorLayout{W: 2*size + gap, H: size + top + 4, Picked: -1, Radius: 2.2}
	if r == nil {
		return projectorView{}, l, nil
	}
	m, kind, def := r.Movies, "movie", "genres"
	if entity == EntityUsers {
		m, kind, def = r.Users, "user", "age"
	} else {
		entity = EntityMovies
	}
	l.Kind, l.IDs, l.N = kind, m.IDs, len(m.IDs)
	v := projectorView{Scope: "step " + format.Int(r.Step) + ", " + format.Int(len(m.IDs)) + " " + entity}
	var at *api.Attribute
	for i := range m.Attributes {
		v.Attributes = append(v.Attributes, m.Attributes[i].Field)
		if m.Attributes[i].Field == attr || at == nil && m.Attributes[i].Field == def {
			at = &m.Attributes[i]
		}
	}
	if at == nil && len(m.Attributes) > 0 {
		at = &m.Attributes[0]
	}
	if at != nil {
		v.Attribute = at.Field
	}
	l.Colors, l.Of, v.Legend = colourBy(at, len(m.IDs))
	l.Labels = pointLabels(m, kind)

	values := make([]float64, 0, 4*len(m.IDs))
	projs := []*api.Projection{&m.E}
	names := []string{"E (" + kind + "_id embedding)"}
	if m.V != nil {
		projs = append(projs, m.V)
		names = append(names, "V = "+r.Transform+"(E), to an average "+other(kind))
	}
	for p, pr := range projs {
		x0 := float64(p) * (size + gap)
		xs, ys := make([]float64, 0, len(m.IDs)), make([]float64, 0, len(m.IDs))
		for i := 0; i+1 < len(pr.XY); i += 2 {
			xs, ys = append(xs, float64(pr.XY[i])), append(ys, float64(pr.XY[i+1]))
		}
		xlo, xhi := plot.Extent(xs)
		ylo, yhi := plot.Extent(ys)
		pad := 6.0
		l.Plots = append(l.Plots, projPlot{
			Title: names[p] + " · PC1 " + format.Percent(pr.Variance[0], 0) + ", PC2 " + format.Percent(pr.Variance[1], 0),
			X0:    x0, Size: size, Top: top, Offset: len(values),
			XS: plot.Linear{D0: xlo, D1: xhi, R0: x0 + pad, R1: x0 + size - pad},
			YS: plot.Linear{D0: ylo, D1: yhi, R0: top + size - pad, R1: top + pad},
		})
		for i := range xs {
			values = append(values, xs[i], ys[i])
		}
	}
	if m.V == nil {
		l.W = size
		v.Note = "This model has no second stream: E only."
	}
	if picked != 0 {
		index := make(map[int]int, len(m.IDs))
		for i, id := range m.IDs {
			index[id] = i
		}
		if i, ok := index[picked]; ok {
			l.Picked = i
		}
		if nb != nil && nb.ID == picked && nb.Kind == kind {
			for _, list := range [][]api.Neighbour{nb.E, nb.V}[:len(l.Plots)] {
				var marked []int
				for _, n := range list {
					if i, ok := index[n.ID]; ok {
						marked = append(marked, i)
					}
				}
				l.Marked = append(l.Marked, marked)
			}
		}
	}
	return v, l, values
}

func other(kind string) string {
	if kind == "movie" {
		return "user"
	}
	return "movie"
}

// colourBy gives each point a colour index: the attribute's values in
// their own order when the palette holds them all, else the largest ones
// and Other for the rest; points without a value are Other too.
func colourBy(at *api.Attribute, n int) (colors []string, of []int, legend []legendSwatch) {
	pal := plot.Categorical()
	of = make([]int, n)
	if at == nil {
		return []string{pal[0]}, of, nil
	}
	counts := make([]int, len(at.Values))
	for _, x := range at.Of {
		if x >= 0 && x < len(counts) {
			counts[x]++
		}
	}
	order := make([]int, 0, len(at.Values))
	for i, c := range counts {
		if c > 0 {
			order = append(order, i)
		}
	}
	if len(order) > len(pal) {
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(counts[b], counts[a]) })
		order = order[:len(pal)]
	}
	colorOf := make([]int, len(at.Values))
	for i := range colorOf {
		colorOf[i] = len(order) // Other
	}
	for k, val := range order {
		colorOf[val] = k
		legend = append(legend, legendSwatch{Color: pal[k], Label: at.Values[val], Count: format.Int(counts[val])})
	}
	rest := 0
	for i, x := range at.Of {
		if x >= 0 && x < len(colorOf) {
			of[i] = colorOf[x]
		} else {
			of[i] = len(order)
		}
		if of[i] == len(order) {
			rest++
		}
	}
	if rest > 0 {
		legend = append(legend, legendSwatch{Color: plot.Other, Label: "other or none", Count: format.Int(rest)})
	}
	return append(pal[:len(order)], plot.Other), of, legend
}

// pointLabels names each point: a movie's title, a user's id and
// attributes.
func pointLabels(m api.EmbeddingMap, kind string) []string {
	out := make([]string, len(m.IDs))
	for i, id := range m.IDs {
		s := kind + " " + strconv.Itoa(id)
		if i < len(m.Names) && m.Names[i] != "" {
			s = m.Names[i]
		}
		for _, a := range m.Attributes {
			if i < len(a.Of) && a.Of[i] >= 0 && a.Of[i] < len(a.Values) {
				s += " · " + a.Values[a.Of[i]]
			}
		}
		out[i] = s
	}
	return out
}

// neighbourRows is the clicked point's neighbours in one space, as text.
func neighbourRows(nb *api.NeighboursReport, kind string, list []api.Neighbour) []string {
	if nb == nil || nb.Kind != kind {
		return nil
	}
	var out []string
	for _, n := range list {
		name := n.Name
		if name == "" {
			name = nb.Kind + " " + strconv.Itoa(n.ID)
		}
		out = append(out, name+" ("+format.Fixed(n.Cosine, 3)+")")
	}
	return out
}
