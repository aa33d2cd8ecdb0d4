package panels

// What the explanation views report (slices, the projector, SEST per
// coordinate): opening or closing a view, and asking for the nearest
// neighbours of a projected point.

//vugugen:event OpenView
//vugugen:event ShowNeighbours

// OpenViewEvent opens or closes a view: Name is state.ViewSEST,
// state.ViewSlices or state.ViewProjector.
type OpenViewEvent struct {
	Name string
	Open bool
}

// ShowNeighboursEvent asks for the nearest neighbours of a movie or user
// (Kind "movie" or "user", ID its MovieLens id).
type ShowNeighboursEvent struct {
	Kind string
	ID   int
}
