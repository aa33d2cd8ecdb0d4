// Package format turns numbers into the short strings the UI shows. Pure
// functions, tested natively.
package format
