package client

import (
	"testing"

	"github.com/flsest/flsest/engine/api"
)

func TestViewRoutes(t *testing.T) {
	f := &fakeTransport{status: 200, body: `{"n":8000,"slicings":[{"field":"gender","slices":[{"value":"M","count":5,"auc":null}]}]}`}
	c := New(f)
	c.Slices(func(r api.SlicesReport, err error) {
		if err != nil || r.N != 8000 || r.Slicings[0].Slices[0].AUC != nil || r.Slicings[0].Slices[0].Count != 5 {
			t.Errorf("slices %+v, %v", r, err)
		}
	})
	if f.method != "GET" || f.path != api.PathSlices {
		t.Errorf("slices asked %s %s", f.method, f.path)
	}
	f.body = `{"kind":"movie","id":50,"e":[{"id":172,"cosine":0.9}]}`
	c.Neighbours("movie", 50, 10, func(r api.NeighboursReport, err error) {
		if err != nil || r.ID != 50 || r.E[0].ID != 172 {
			t.Errorf("neighbours %+v, %v", r, err)
		}
	})
	if f.path != "/api/neighbours?id=50&k=10&kind=movie" {
		t.Errorf("neighbours asked %s", f.path)
	}
	f.body = `{"granularity":"coordinate","units":{"threshold":[0.1,0.2],"se":[0.5,0.6]}}`
	c.SEST(func(r api.SESTReport, err error) {
		if err != nil || r.Granularity != "coordinate" || r.Units.SE[1] != 0.6 {
			t.Errorf("sest %+v, %v", r, err)
		}
	})
	c.Projector(func(api.ProjectorReport, error) {})
	if f.path != api.PathProjector {
		t.Errorf("projector asked %s", f.path)
	}
}
