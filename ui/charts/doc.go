// Package charts draws numbers as SVG: LineChart and Heatmap components,
// and the pure functions behind them (scales, ticks, paths, colours), which
// are tested natively. Charts get numbers, never engine or model types
// (TensorFlow Playground's linechart.ts and heatmap.ts). Hover readouts
// are data-tip attributes that assets/hover.js shows, so moving the mouse
// never re-renders the Vugu tree.
package charts
