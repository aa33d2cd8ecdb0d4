package api

// Embedding projector routes.
const (
	// PathProjector: GET → ProjectorReport.
	PathProjector = "/api/projector"
	// PathNeighbours: GET ?kind=movie|user&id=ID&k=10 → NeighboursReport
	// (id is the MovieLens id; k from 1 to 100, 10 if absent).
	PathNeighbours = "/api/neighbours"
)

// ProjectorReport is a 2-D PCA of the movie and the user embeddings, for
// the embedding E and for the second stream V = T(E) (SEST or SENET).
//
// E of a movie is its movie_id embedding row; of a user, the user_id row.
// V depends on the whole sample (SEST's excitation reads every field), so V
// of a movie is the movie_id block of T(E) for a sample made of the movie's
// own fields (movie_id, genres, year) and, for every other field, that
// field's mean embedding over the snapshot sample of validation rows: the
// movie seen by an average user. V of a user likewise: the user's own
// fields and the average movie (and context).
type ProjectorReport struct {
	Step      int          `json:"step"`
	Epoch     int          `json:"epoch"`
	Transform string       `json:"transform"` // "sest", "senet", or "" (no V)
	Context   int          `json:"context"`   // validation rows the average context is taken over
	Movies    EmbeddingMap `json:"movies"`
	Users     EmbeddingMap `json:"users"`
}

// EmbeddingMap is one entity's points, in the same order in every array.
type EmbeddingMap struct {
	IDs   []int       `json:"ids"`             // MovieLens ids
	Names []string    `json:"names,omitempty"` // movie titles
	E     Projection  `json:"e"`
	V     *Projection `json:"v,omitempty"`
	// Attributes to colour the points by: movies' genres and year, users'
	// gender, age and occupation.
	Attributes []Attribute `json:"attributes"`
}

// Projection is n points on the first two principal components.
type Projection struct {
	XY []float32 `json:"xy"` // x0, y0, x1, y1, …
	// Variance is each component's share of the total variance.
	Variance [2]float64 `json:"variance"`
}

// Attribute is one field's value per point: Of[i] indexes Values, −1 when
// the point has none. A multi-valued field (genres) gives its first value.
type Attribute struct {
	Field  string   `json:"field"`
	Values []string `json:"values"`
	Of     []int    `json:"of"`
}

// NeighboursReport lists the nearest movies or users of one, by cosine
// similarity, in E and in V (ProjectorReport says what E and V are).
type NeighboursReport struct {
	Kind string      `json:"kind"` // "movie" or "user"
	ID   int         `json:"id"`
	E    []Neighbour `json:"e"`
	V    []Neighbour `json:"v,omitempty"`
}

// Neighbour is one neighbour, most similar first.
type Neighbour struct {
	ID     int     `json:"id"`
	Name   string  `json:"name,omitempty"` // a movie's title
	Cosine float64 `json:"cosine"`
}
