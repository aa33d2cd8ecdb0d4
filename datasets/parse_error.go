package datasets

import (
	"errors"
	"fmt"
)

// ParseError reports malformed input, in the manner of encoding/csv's
// ParseError: the file, the 1-based line, and where known the 1-based field
// (column) with its name and the offending value.
type ParseError struct {
	File  string // base name, e.g. "u.user"
	Line  int    // 1-based; 0 when the error concerns the whole file
	Field int    // 1-based column; 0 when the error concerns the whole line
	Name  string // column name, e.g. "age"
	Value string // offending text, quoted in the message
	Err   error
}

// maxQuoted is the most of an offending value an error message quotes: a
// hostile file's "field" can be megabytes long.
const maxQuoted = 64

func (e *ParseError) Error() string {
	value := e.Value
	if len(value) > maxQuoted {
		value = fmt.Sprintf("%s…(%d bytes)", value[:maxQuoted], len(e.Value))
	}
	loc := e.File
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	switch {
	case e.Field > 0 && e.Name != "":
		return fmt.Sprintf("%s: field %d (%s): %q %v", loc, e.Field, e.Name, value, e.Err)
	case e.Field > 0:
		return fmt.Sprintf("%s: field %d: %q %v", loc, e.Field, value, e.Err)
	default:
		return fmt.Sprintf("%s: %v", loc, e.Err)
	}
}

func (e *ParseError) Unwrap() error { return e.Err }

// Causes carried by ParseError.Err; test with errors.Is.
var (
	ErrColumns    = errors.New("has the wrong number of columns")
	ErrNotInteger = errors.New("is not an integer")
	ErrRange      = errors.New("is out of range")
	ErrUnknownID  = errors.New("is not defined")
	ErrDuplicate  = errors.New("is defined twice")
	ErrBadValue   = errors.New("is not a valid value")
	ErrMissing    = errors.New("is missing")
	ErrCount      = errors.New("does not match the count in u.info")
)
