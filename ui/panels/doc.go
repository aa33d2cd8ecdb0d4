// Package panels maps the store's engine state to what the page shows:
// Controls, Curves, SESTFields, FwBIMatrices and SampleInspector. View
// computations are plain Go (the _view.go files), tested natively; the
// .vugu templates only place them.
package panels

//go:generate go tool vugugen -s -skip-go-mod -skip-main .
