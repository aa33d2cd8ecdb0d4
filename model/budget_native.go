//go:build !(js || wasip1)

package model

// maxModelBytes natively: the largest model the engine trains on a laptop.
const maxModelBytes = 4 << 30
