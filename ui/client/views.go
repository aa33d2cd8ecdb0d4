package client

import (
	"net/url"
	"strconv"

	"github.com/flsest/flsest/engine/api"
)

// The explanation views' routes: SEST's mechanism, slices, the embedding
// projector and its neighbours.

// SEST reports SEST's mechanism (GET /api/sest).
func (c *Client) SEST(done func(api.SESTReport, error)) { call(c, "GET", api.PathSEST, nil, done) }

// Slices reports the model's quality per slice of the validation split
// (GET /api/slices).
func (c *Client) Slices(done func(api.SlicesReport, error)) {
	call(c, "GET", api.PathSlices, nil, done)
}

// Projector reports the 2-D PCA of the movie and user embeddings (GET
// /api/projector).
func (c *Client) Projector(done func(api.ProjectorReport, error)) {
	c.Call("GET", api.PathProjector, nil, func(status int, b []byte) { done(decodeProjector(status, b)) })
}

// Neighbours lists the k nearest movies or users (kind "movie" or "user")
// of the one with MovieLens id id (GET /api/neighbours).
func (c *Client) Neighbours(kind string, id, k int, done func(api.NeighboursReport, error)) {
	q := url.Values{"kind": {kind}, "id": {strconv.Itoa(id)}, "k": {strconv.Itoa(k)}}
	call(c, "GET", api.PathNeighbours+"?"+q.Encode(), nil, done)
}
