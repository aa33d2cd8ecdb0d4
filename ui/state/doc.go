// Package state is the UI's model of the engine: the latest State,
// Snapshot, history and progress it streamed, and the actions the root
// calls when a panel reports what the user did (play, pause, settings,
// inspect …). It talks to the engine only through ui/client — HTTP over
// the worker bridge in the browser, a fake transport in tests — and never
// imports the engine or the model.
//
// Files: store.go (the Store, its locking and dirty flag), startup.go
// (waiting for the engine, loading data, restarting), urlstate.go (the
// settings in the URL's fragment), feed.go (folding the event stream into
// the store), actions.go and compare.go (what the user asks for), views.go
// (the explanation views' reports, fetched only while open).
//
// Concurrency: the Store's fields are read while Vugu builds (under the
// event environment's read lock) and written under its write lock. DOM
// event handlers already hold the write lock; engine callbacks arrive on
// their own goroutine and take it. An answer the user waits for renders at
// once (update); the stream of progress and snapshots only marks the page
// dirty (coalesce), and one ticker renders at most every 250 ms, never
// two renders at once. The parts that change while training count their
// changes (SnapshotSeq, LossSeq, HistorySeq), so panels derive their views
// again only when their part changed.
package state
