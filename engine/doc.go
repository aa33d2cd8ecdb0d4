// Package engine runs FLSEST training sessions and serves them over HTTP.
//
//   - data.go: a dataset as model batches; fields.go: each field's values.
//   - config.go: the training configuration, the models and presets, and
//     Apply (preset, then settings, then Validate); settings.go: the
//     settings table — each setting once, which the CLI's flags, the API's
//     settings list and Validate read.
//   - session.go: a training run in bounded steps (a batch, or a chunk of an
//     evaluation), with early stopping and the test evaluation at the
//     best-validation epoch. The CLI runs a Session to its end.
//   - runner.go: the Runner, the engine's state behind the API, one idea a
//     file: runner_loop.go (the training loop goroutine, which yields so
//     requests are served while it trains), events.go (subscribers and
//     throttled progress), snapshots.go, commands.go (the session's state
//     machine: play, pause, step, stop, reset; Configure), loading.go
//     (datasets and checkpoints), rebuild.go (a new session built outside
//     the lock and swapped in); queries.go: users, movies, pairs.
//   - handler.go, routes.go: the http.Handler (JSON, NDJSON events) that
//     net/http, httptest and the browser worker (syumai/workers) serve.
//   - replicas.go, batchwire.go: data-parallel training — a batch's shards
//     on replicas of the model (goroutines here, Web Workers in the
//     browser), their gradients summed before one optimiser step.
//   - stepbench.go: the training-step benchmark on MovieLens-100k's shapes.
//   - importance.go: which features matter — the routes; explainer.go: the
//     Explainer (permutation importance, Shapley values, their summary)
//     that they and `flsest explain` share; permutation_job.go: the
//     permutation job.
//   - api/: the wire types, shared with the UI.
//
// The CLI and the browser use the same Session code, so a configuration and
// seed give the same metrics in both. A Session is not safe for concurrent
// use; a Runner is. Data flows datasets → model ← engine → hosts → UI; the
// engine never imports the UI.
package engine
