// Package engine runs FLSEST training sessions: it turns a dataset into
// model batches (data.go), validates a training configuration and its
// presets (config.go), and drives training one batch at a time with
// per-epoch validation, early stopping and a final test evaluation at the
// best-validation epoch (session.go).
//
// The CLI (cmd/flsest) and the browser worker use the same Session, so a
// configuration and seed give the same metrics in both. A Session is not
// safe for concurrent use: its owner serialises calls. Data flows
// datasets → model ← engine; the engine never imports the UI.
package engine
