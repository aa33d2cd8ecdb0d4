// Package state is the UI's model of the engine: the latest State,
// Snapshot, history and progress it streamed, and the actions the panels
// call (play, pause, settings, inspect …). It talks to the engine only
// through the Engine interface — HTTP over the worker bridge in the
// browser, a fake in tests — and never imports the engine or the model.
//
// Concurrency: the Store's fields are read while Vugu builds (under the
// event environment's read lock) and written under its write lock. DOM
// event handlers already hold the write lock; engine callbacks arrive on
// their own goroutine and take it (Store.update), then mark the page dirty;
// a ticker renders at most every 250 ms (PLATFORM-NOTES: every render
// re-sends the whole tree).
package state
