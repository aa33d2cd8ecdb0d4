// Package charts draws numbers: LineChart and Heatmap components, and the
// pure layout behind them (scales, ticks, colours), tested natively. Charts
// get numbers, never engine or model types (TensorFlow Playground's
// linechart.ts and heatmap.ts). Each draws into a canvas that Vugu does
// not manage (island.go, assets/charts.js), and only when its Version
// changes; the mouse is answered in JavaScript (one listener a chart, one
// tooltip), so hovering never re-renders the Vugu tree.
package charts
