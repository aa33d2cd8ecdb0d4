// Command bench is the training-step benchmark (engine.StepBench) for a
// browser page: it defines
//
//	flsestStepBench(model, batch, hidden, warmup, steps) → JSON StepResult
//
// on globalThis, where hidden is "200,200" or "" for the quick preset's
// MLP. bench/page.html calls it beside TensorFlow.js in the same page.
package main
