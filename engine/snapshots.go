package engine

import (
	"time"

	"github.com/flsest/flsest/model"

	"github.com/flsest/flsest/engine/api"
)

func (r *Runner) publishSnapshot() {
	r.snap = r.snapshotLocked()
	r.lastSnapshot = time.Now()
	r.publish(api.Event{Type: api.EventSnapshot, Snapshot: r.snap})
}

// Snapshot inspects the current weights: over the fixed live sample, or the
// whole validation split if full.
func (r *Runner) Snapshot(full bool) (*api.Snapshot, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.sess == nil {
		return nil, conflict("no dataset is loaded yet")
	}
	return r.inspectLocked(full), nil
}

// snapshotIdx is the fixed validation sample snapshots summarise.
func (r *Runner) snapshotIdx(full bool) []int32 { return snapshotRows(r.data, r.SnapshotSamples, full) }

// snapshotRows is the first samples rows of data's validation split, or
// all of them if full.
func snapshotRows(data *Data, samples int, full bool) []int32 {
	v := data.Split.Val
	if full || len(v) <= samples {
		return v
	}
	return v[:samples]
}

// snapshotLocked inspects the current weights over the snapshot sample (or
// the whole validation split if full).
func (r *Runner) snapshotLocked() *api.Snapshot {
	return r.inspectLocked(false)
}

// inspectLocked inspects the current weights; it keeps the inspection for
// SEST's drift (sest.go).
func (r *Runner) inspectLocked(full bool) *api.Snapshot {
	s, res := inspectSession(r.sess, r.data, r.snapshotIdx(full), full, r.initial)
	r.lastInspection = res
	return s
}

// inspectSession is sess's snapshot over the validation rows idx (all of
// them if full) and the inspection it came from. It reads sess and data
// only: a session being built is inspected outside the runner's lock.
func inspectSession(sess *Session, data *Data, idx []int32, full bool, initial []api.FieldSEST) (*api.Snapshot, *model.Inspection) {
	m := sess.Model
	res := InspectRows(m, data, idx, false)
	s := &api.Snapshot{
		Step: sess.Steps(), Epoch: sess.Epoch(), N: res.N, Scope: "validation-sample",
		Fields: apiFields(res.Fields), Initial: initial, Domains: res.Domains,
		R: res.R, Interaction: res.Interaction, Contributions: apiContributions(res.Contributions),
	}
	if full || len(idx) == len(data.Split.Val) {
		s.Scope = "validation"
	}
	for _, f := range data.Schema.Fields {
		s.FieldNames = append(s.FieldNames, f.Name)
	}
	for i, st := range m.Streams {
		if st.FwBI == nil {
			break
		}
		s.Streams = append(s.Streams, []string{"original", m.Config.Transform}[i])
	}
	return s, &res
}
