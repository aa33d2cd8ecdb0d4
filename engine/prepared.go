package engine

import (
	"encoding/binary"
	"fmt"
	"net/http"
	"runtime/debug"
	"strconv"

	"github.com/flsest/flsest/datasets"
	"github.com/flsest/flsest/engine/api"
)

// The loaded dataset, prepared: what the engine knows of it (its source,
// and whether its files were GroupLens' originals when it parsed them),
// then datasets.MarshalPrepared's encoding. The page keeps it in the
// browser's storage beside the offered zip's ETag and, on its next visit,
// hands it back instead of the zip, so the engine skips the parse and the
// sha256 (assets/engine-worker.js; BENCHMARKS.md, "The prepared dataset").
// The official flag is the engine's own finding carried over: the bytes
// come back from the page that got them.

const preparedHeader = "FLSE\x01"

// PreparedDataset encodes the loaded dataset; load, if not 0, must be its
// DatasetInfo.Load (a page that asks a while after loading gets the data
// it loaded or nothing).
func (r *Runner) PreparedDataset(load int) ([]byte, error) {
	r.mu.Lock()
	ml, info := r.ml, r.dataInfo
	r.mu.Unlock()
	if ml == nil {
		return nil, conflict("no dataset is loaded yet")
	}
	if load != 0 && load != info.Load {
		return nil, conflict("dataset %d is loaded, not %d", info.Load, load)
	}
	b := append([]byte(preparedHeader), 0)
	if info.Official {
		b[len(preparedHeader)] = 1
	}
	b = binary.AppendUvarint(b, uint64(len(info.Source)))
	b = append(b, info.Source...)
	return append(b, datasets.MarshalPrepared(ml)...), nil
}

// LoadPrepared makes a prepared dataset the engine's data, as LoadDataset
// does a zip (the previous data stays if it is not valid).
func (r *Runner) LoadPrepared(b []byte) (*api.DatasetInfo, error) {
	defer debug.SetGCPercent(debug.SetGCPercent(400)) // as LoadDataset
	bad := func(what string) error {
		return &api.Error{Code: api.CodeData, Message: "prepared dataset: " + what + ": " + datasets.ErrPrepared.Error()}
	}
	n := len(preparedHeader)
	if len(b) < n+1 || string(b[:n]) != preparedHeader || b[n] > 1 {
		return nil, bad("no engine header")
	}
	official := b[n] == 1
	size, k := binary.Uvarint(b[n+1:])
	if k <= 0 || size > uint64(len(b)-n-1-k) {
		return nil, bad("the source's name is truncated")
	}
	start := n + 1 + k
	source := string(b[start : start+int(size)])
	ml, err := datasets.UnmarshalPrepared(b[start+int(size):])
	if err != nil {
		return nil, &api.Error{Code: api.CodeData, Message: err.Error()}
	}
	return r.SetDataset(ml, source, official)
}

// GET /api/dataset/prepared[?load=N]
func (h *Handler) getPrepared(w http.ResponseWriter, r *http.Request) {
	load := 0
	if q := r.URL.Query().Get("load"); q != "" {
		n, err := strconv.Atoi(q)
		if err != nil || n < 1 {
			writeError(w, &api.Error{Code: api.CodeInvalid, Field: "load", Message: fmt.Sprintf("%q is not a dataset's load number (1, 2, …)", q)})
			return
		}
		load = n
	}
	b, err := h.runner.PreparedDataset(load)
	if err != nil {
		writeError(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Write(b)
}

// POST /api/dataset/prepared: the body is what GET gave. Refused while
// training, as POST /api/dataset is.
func (h *Handler) postPrepared(w http.ResponseWriter, r *http.Request) {
	b, ok := h.readDatasetUpload(w, r)
	if !ok {
		return
	}
	info, err := h.runner.LoadPrepared(b)
	reply(w, info, err)
}
