// Package engine runs FLSEST training sessions and serves them over HTTP.
//
//   - data.go: a dataset as model batches; config.go, settings.go: the
//     training configuration, presets and the settings table.
//   - session.go: a training run in bounded steps (a batch, or a chunk of an
//     evaluation), with early stopping and the test evaluation at the
//     best-validation epoch. The CLI runs a Session to its end.
//   - runner.go: the engine's state behind the API — status, the training
//     loop goroutine (which yields so requests are served while it
//     trains), throttled events; queries.go: users, movies, pairs.
//   - handler.go, routes.go: the http.Handler (JSON, NDJSON events) that
//     net/http, httptest and the browser worker (syumai/workers) serve.
//   - replicas.go, batchwire.go: data-parallel training — a batch's shards
//     on replicas of the model (goroutines here, Web Workers in the
//     browser), their gradients summed before one optimiser step.
//   - stepbench.go: the training-step benchmark on MovieLens-100k's shapes.
//   - importance.go: which features matter — the Explainer (permutation
//     importance, Shapley values, their summary) that the importance
//     routes and `flsest explain` share; the permutation job.
//   - api/: the wire types, shared with the UI.
//
// The CLI and the browser use the same Session code, so a configuration and
// seed give the same metrics in both. A Session is not safe for concurrent
// use; a Runner is. Data flows datasets → model ← engine → hosts → UI; the
// engine never imports the UI.
package engine
