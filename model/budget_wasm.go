//go:build js || wasip1

package model

// maxModelBytes under wasm: a browser tab's Go heap tops out near 2-4 GB
// and the dataset and page need their share.
const maxModelBytes = 1 << 30
