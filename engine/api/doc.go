// Package api holds the engine's wire types: the JSON of its HTTP API and
// of its NDJSON event stream. It imports nothing but the standard library's
// basics, so the UI (compiled to wasm for the page) can share these types
// without importing the engine or the model.
//
// Routes (routes.go names each path once; engine/routes.go registers them):
//
//	GET  /api/ping                     liveness
//	GET  /api/settings                 the settings table (name, kind, default, choices, help)
//	GET  /api/state                    State
//	GET  /api/events                   NDJSON stream of Event; the first is a "state" event
//	POST /api/config                   ConfigRequest → State (rebuilds the session)
//	POST /api/session/{action}         play, pause, step, step-epoch, stop, reset, new-seed → State
//	GET  /api/snapshot                 Snapshot of the current weights over the validation split
//	POST /api/inspect                  InspectRequest → SampleInspection (with Trace: its SampleTrace, trace.go)
//	POST /api/predict                  PredictRequest → PredictResponse
//	GET  /api/movies?q=…&limit=…       []Movie, search by title
//	GET  /api/users/{id}               User
//	GET  /api/checkpoint               the current weights (application/octet-stream)
//	POST /api/checkpoint               body: a checkpoint → State
//	GET  /api/dataset                  DatasetInfo
//	POST /api/dataset                  body: ml-100k.zip → DatasetInfo
//	GET  /api/dataset/prepared?load=N  the loaded dataset, parsed (application/octet-stream; engine/prepared.go)
//	POST /api/dataset/prepared         body: what GET gave → DatasetInfo
//	GET  /api/fields?names=…           FieldValues: each field's values (fields.go)
//	GET  /api/paper                    Paper: the results the paper reports, its Tables 1–5 (paper.go)
//	GET  /api/importance/permutation   PermutationStatus (importance.go documents the importance routes)
//	POST /api/importance/permutation   PermutationRequest → PermutationStatus
//	POST /api/importance/permutation/cancel  → PermutationStatus
//	POST /api/importance/shapley       ShapleyRequest → ShapleyResponse
//	POST /api/importance/shapley/summary     ShapleySummaryRequest → ShapleySummary
//	GET  /api/sest                     SESTReport: SEST's mechanism (sest.go)
//	GET  /api/slices                   SlicesReport: validation metrics per slice (slices.go)
//	GET  /api/projector                ProjectorReport: 2-D PCA of the embeddings (projector.go)
//	GET  /api/neighbours?kind=…&id=…   NeighboursReport: nearest by cosine (projector.go)
//
// Errors are Error objects with a 4xx/5xx status.
package api
