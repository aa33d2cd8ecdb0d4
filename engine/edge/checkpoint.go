package edge

import (
	"bytes"
	"fmt"

	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/model"
)

// loadCheckpoint loads b. model.Load checks the header against what b
// holds before it builds anything (a few hundred bytes could declare
// gigabytes) and refuses weights that are not finite, so a sent
// checkpoint is bounded by its own size.
func loadCheckpoint(b []byte) (*model.Net[float32], error) {
	m, err := model.Load(bytes.NewReader(b), maxBatch)
	if err != nil {
		return nil, &api.Error{Code: api.CodeData, Field: api.EdgePartCheckpoint, Message: fmt.Sprintf("%v", err)}
	}
	return m, nil
}
