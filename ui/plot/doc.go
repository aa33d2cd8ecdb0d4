// Package plot is the pure math of charts: linear scales, round ticks,
// SVG paths, a colour-blind-safe diverging scale. The UI's chart
// components and the CLI's SVG figures (flsest reproduce) both use it; it
// imports nothing of Vugu or the browser.
package plot
