package engine

import (
	"bytes"
	"fmt"

	"github.com/flsest/flsest/datasets"
	"github.com/flsest/flsest/engine/api"
	"github.com/flsest/flsest/model"
)

// LoadDataset parses a MovieLens-100k zip and, if it is valid, makes it the
// engine's data (the previous data stays if it is not).
func (r *Runner) LoadDataset(name string, zip []byte) (*api.DatasetInfo, error) {
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

// SetDataset makes ml the engine's data (stopping any training).
func (r *Runner) SetDataset(ml *datasets.MovieLens, source string, official bool) (*api.DatasetInfo, error) {
	r.rebuilding.Lock()
	defer r.rebuilding.Unlock()
	r.mu.Lock()
	cfg := r.cfg
	r.mu.Unlock()
	data, err := NewData(ml, cfg.Grouping, cfg.Context, cfg.SplitSeed)
	if err != nil {
		return nil, invalid(err)
	}
	f, err := r.buildSession(cfg, ml, data, nil)
	if err != nil {
		return nil, err
	}
	f.info = &api.DatasetInfo{Source: source, Official: official}
	if _, err := r.install(f); err != nil {
		return nil, err
	}
	info := r.Dataset()
	return &info, nil
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
// weights. The checkpoint must fit the loaded data's schema.
func (r *Runner) LoadCheckpoint(b []byte) (*api.State, error) {
	m, err := model.Load(bytes.NewReader(b), 1)
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
	if err := sameSchema(m.Schema, data.Schema); err != nil {
		return nil, &api.Error{Code: api.CodeData, Message: "checkpoint: " + err.Error()}
	}
	cfg.Model, cfg.Config = "custom", m.Config // the checkpoint carries its architecture
	f, err := r.buildSession(cfg, ml, data, m.Arena.Value)
	if err != nil {
		return nil, err
	}
	return r.install(f)
}

func sameSchema(a, b model.Schema) error {
	if len(a.Fields) != len(b.Fields) || len(a.Domains) != len(b.Domains) {
		return fmt.Errorf("it has %d fields in %d domains, the data has %d in %d", len(a.Fields), len(a.Domains), len(b.Fields), len(b.Domains))
	}
	for i := range a.Fields {
		if a.Fields[i] != b.Fields[i] {
			return fmt.Errorf("field %d is %+v in the checkpoint, %+v in the data", i, a.Fields[i], b.Fields[i])
		}
	}
	return nil
}
