// Package panels is the page's panels: Controls (with Counters in its
// slot), Results, Curves, SestFields, FwbiMatrices, SampleInspector and
// Compare, and the explanation views SestCoordinates, Slices and Projector
// (closed until opened; their events in views_events.go). Data down, events up: each panel takes only the values it
// shows, as typed fields, and reports what the user did through the
// events of events.go, which the root hands to the store; no panel sees
// the store. View computations are plain Go (the _view.go files), tested
// natively, and each panel renders natively from plain values
// (render_test.go); the .vugu templates only place them.
//
// Which features matter: Importance (importance.vugu; permutation ΔAUC,
// mean |φ| and SEST's a and a′ side by side in importance_chart.go, the
// sentence that compares them in importance_view.go) and WhatIf
// (what-if.vugu; the inspected pair's Waterfall of Shapley values and its
// edits), whose events are in importance_events.go.
//
// Teaching: Lesson (lesson.vugu; the paper's model in 14 steps,
// lesson_steps.go, each step's MathML from lesson_math_gen.go filled with
// the selected pair's trace by lesson_math.go) and Flow (flow.vugu; that
// pair's pass through the model, drawn by assets/flow.js), whose events are
// in lesson_events.go.
package panels

//go:generate go tool vugugen -s -skip-go-mod -skip-main .
