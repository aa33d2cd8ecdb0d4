// Package datasets loads click-through-rate data for FLSEST: MovieLens-100k
// from a directory or from the official ml-100k.zip, and a synthetic
// generator with a planted signal, in the same schema, for tests that need no
// real data.
//
// # Invariants
//
// A loader either returns a complete, validated dataset or an error; nothing
// half-loaded is ever returned. Errors about file contents are *ParseError
// values naming the file, the 1-based line and, where it applies, the field.
//
// Every read is bounded (limits.go): a file's declared size is checked
// before anything is allocated, zip entries are counted before they are
// listed, a CSV is streamed with its lines capped, so no input, however
// built, makes a loader allocate without bound (RELIABILITY.md).
//
// Encoded data (type Encoded) is a compressed-sparse-row layout: sample s,
// field f owns the value indices Idx[Off[s*F+f]:Off[s*F+f+1]], each an index
// into Fields[f].Values. An empty range means "missing" (a zero embedding);
// more than one index means a multi-valued field (genres).
//
// This package does no network I/O except in fetch.go (the official GroupLens
// download, sha256-checked) and imports nothing from model/ or engine/: data
// flows datasets → model ← engine.
package datasets
