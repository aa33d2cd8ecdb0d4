// Command ui is the page: a Vugu app on the main thread that drives the
// engine (in a Web Worker) through ui/client and shows what it learns.
//
// Vugu v0.4.0 builds and re-sends the whole tree on every render, so the
// page keeps renders cheap: one loop renders, never two at once; engine
// streams only mark the store dirty and a 4 Hz ticker renders when it is
// (state.Store); panels derive their views again only when their data's
// version changes; charts draw into canvases Vugu does not manage
// (ui/charts); a render sends only the subtrees the DOM does not already
// hold (skip_subtrees.go), and of those, the DOM writes that would change
// nothing are skipped (assets/skip-unchanged.js), as are the templates'
// indentation text nodes (whitespace.go); and the ready page appears panel
// by panel (reveal.go), one task each.
package main
