// Package edge is the engine's stateless HTTP API (engine/api/edge.go
// documents it): prediction, inspection and Shapley explanation against a
// checkpoint sent with each request, within fixed limits on the body and
// on the work. It is what the Cloudflare Worker (wasm/cloudflare) serves,
// where nothing survives a request; it holds no dataset and trains nothing
// (training stays in the visitor's browser). The handler is plain
// net/http, so its tests run natively.
package edge
