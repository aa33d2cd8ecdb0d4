// Package vugutest renders Vugu components natively, as the page would,
// for the UI's tests (through vugu's staticrender: no browser).
package vugutest
