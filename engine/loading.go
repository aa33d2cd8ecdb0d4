package engine

import (
	"bytes"
	"fmt"
	"runtime/debug"
	"slices"

	"github.com/flsest/flsest/datasets"
	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/model"
)

// LoadDataset parses a MovieLens-100k zip and, if it is valid, makes it the
// engine's data (the previous data stays if it is not).
func (r *Runner) LoadDataset(name string, zip []byte) (*api.DatasetInfo, error) {
	// Loading MovieLens-100k allocates about 35 MB from a heap of a few:
	// at Go's default GOGC that is 6 collections, at 400 one, with the same
	// peak (32 MB of wasm memory); under wasm each runs on the engine's one
	// thread while the page waits (BENCHMARKS.md, "The engine's data path").
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	fsys, err := datasets.OpenZip(name, zip)
	if err != nil {
		return nil, &api.Error{Code: api.CodeData, Message: err.Error()}
	}
	ml, official, err := datasets.LoadMovieLens100KOfficial(fsys)
	if err != nil {
		return nil, &api.Error{Code: api.CodeData, Message: name + ": " + err.Error()}
	}
	return r.SetDataset(ml, name, official)
}

// SetDataset makes ml the engine's data. It is refused while training, as
// settings and checkpoints are: also when training started while the new
// session was being built (install), so a run is never thrown away.
func (r *Runner) SetDataset(ml *datasets.MovieLens, source string, official bool) (*api.DatasetInfo, error) {
	r.rebuilding.Lock()
	defer r.rebuilding.Unlock()
	r.mu.Lock()
	cfg, status := r.cfg, r.status
	r.mu.Unlock()
	if status == api.StatusTraining {
		return nil, conflictLoadingData()
	}
	data, err := NewData(ml, cfg.Grouping, cfg.Context, cfg.SplitSeed)
	if err != nil {
		return nil, invalid(err)
	}
	f, err := r.buildSession(cfg, ml, data, nil)
	if err != nil {
		return nil, err
	}
	f.info = &api.DatasetInfo{Source: source, Official: official}
	if _, err := r.install(f, false); err != nil {
		return nil, err
	}
	info := r.Dataset()
	return &info, nil
}

func conflictLoadingData() error {
	return conflict("training is running: pause or stop before loading a dataset")
}

func (r *Runner) fillDataInfoLocked() {
	d := &r.dataInfo
	d.Loaded = true
	d.Users, d.Movies, d.Ratings = len(r.ml.Users), len(r.ml.Movies), len(r.ml.Ratings)
	d.Train, d.Val, d.Test = len(r.data.Split.Train), len(r.data.Split.Val), len(r.data.Split.Test)
	d.Fields = d.Fields[:0]
	for _, f := range r.data.Schema.Fields {
		d.Fields = append(d.Fields, f.Name)
	}
	d.Domains = r.data.Schema.Domains
}

// Dataset describes the loaded data.
func (r *Runner) Dataset() api.DatasetInfo {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.dataInfo
}

// Checkpoint writes the current weights.
func (r *Runner) Checkpoint() ([]byte, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.sess == nil {
		return nil, conflict("no dataset is loaded yet")
	}
	var buf bytes.Buffer
	if _, err := model.Save(&buf, r.sess.Model); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// LoadCheckpoint replaces the model with a checkpoint's configuration and
// weights. The checkpoint must fit the loaded data's schema: its header is
// compared with it before the model is built, so a checkpoint of other data
// costs no more than its header.
func (r *Runner) LoadCheckpoint(b []byte) (*api.State, error) {
	c, err := model.ReadCheckpoint(b)
	if err != nil {
		return nil, &api.Error{Code: api.CodeData, Message: err.Error()}
	}
	r.rebuilding.Lock()
	defer r.rebuilding.Unlock()
	r.mu.Lock()
	sess, status, cfg, ml, data := r.sess, r.status, r.cfg, r.ml, r.data
	r.mu.Unlock()
	if sess == nil {
		return nil, conflict("load the dataset before a checkpoint")
	}
	if status == api.StatusTraining {
		return nil, conflict("training is running: pause or stop before loading a checkpoint")
	}
	if err := sameSchema(c.Schema, data.Schema); err != nil {
		return nil, &api.Error{Code: api.CodeData, Message: "checkpoint: " + err.Error()}
	}
	m, err := c.Build(1)
	if err != nil {
		return nil, &api.Error{Code: api.CodeData, Message: err.Error()}
	}
	cfg.Model, cfg.Config = "custom", m.Config // the checkpoint carries its architecture
	f, err := r.buildSession(cfg, ml, data, m.Arena.Value)
	if err != nil {
		return nil, err
	}
	return r.install(f, false)
}

// sameSchema compares a checkpoint's schema with the data's and names the
// first field that differs.
func sameSchema(ckpt, data model.Schema) error {
	if len(ckpt.Fields) != len(data.Fields) {
		return fmt.Errorf("it has %d fields, the data has %d", len(ckpt.Fields), len(data.Fields))
	}
	for i, c := range ckpt.Fields {
		d := data.Fields[i]
		switch {
		case c.Name != d.Name:
			return fmt.Errorf("field %d is %q in the checkpoint, %q in the data", i, c.Name, d.Name)
		case c.Vocab != d.Vocab:
			return fmt.Errorf("field %q has a vocabulary of %d in the checkpoint, %d in the data", c.Name, c.Vocab, d.Vocab)
		case c.Domain != d.Domain:
			return fmt.Errorf("field %q is in domain %d in the checkpoint, %d in the data", c.Name, c.Domain, d.Domain)
		}
	}
	if !slices.Equal(ckpt.Domains, data.Domains) {
		return fmt.Errorf("its domains are %q, the data's %q", ckpt.Domains, data.Domains)
	}
	return nil
}
