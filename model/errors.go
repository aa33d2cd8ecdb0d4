package model

import (
	"errors"
	"fmt"
)

// ConfigError reports a hyperparameter or schema a user chose that the model
// cannot take. Field names the setting, as the CLI flag and the API field do.
type ConfigError struct {
	Field   string
	Message string
}

func (e *ConfigError) Error() string { return e.Field + ": " + e.Message }

func errorf(field, format string, args ...any) error {
	return &ConfigError{Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrNonFinite is wrapped by a training step whose loss is NaN or infinite.
// The step is refused before any weight changes, so the model keeps its last
// good weights.
var ErrNonFinite = errors.New("loss is not finite")
