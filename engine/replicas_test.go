package engine

import (
	"math"
	"slices"
	"testing"

	"github.com/flsest/flsest/model"
)

func TestShardsCoverTheBatch(t *testing.T) {
	for _, c := range []struct{ n, k int }{{128, 2}, {127, 2}, {128, 3}, {5, 4}, {1000, 8}} {
		next := 0
		for _, p := range Shards(c.n, c.k) {
			if p[0] != next || p[1]-p[0] < c.n/c.k || p[1]-p[0] > c.n/c.k+1 {
				t.Fatalf("Shards(%d, %d) = %v", c.n, c.k, Shards(c.n, c.k))
			}
			next = p[1]
		}
		if next != c.n {
			t.Fatalf("Shards(%d, %d) ends at %d", c.n, c.k, next)
		}
	}
}

func TestBatchWireRoundTrip(t *testing.T) {
	_, data := synthetic(t, 3000)
	b := data.NewBatch(50)
	data.Fill(b, data.Split.Train[:37])
	F := len(data.Schema.Fields)
	wire := EncodeBatch(nil, b, F)
	got := data.NewBatch(50)
	if err := DecodeBatch(got, wire); err != nil {
		t.Fatal(err)
	}
	if got.N != b.N || !slices.Equal(got.Off, b.Off[:b.N*F+1]) || !slices.Equal(got.Idx, b.Idx) || !slices.Equal(got.Label, b.Label[:b.N]) {
		t.Fatal("the batch changed on the wire")
	}
	for _, bad := range [][]byte{nil, wire[:11], wire[:len(wire)-4], append(slices.Clone(wire), 0, 0, 0, 0)} {
		if err := DecodeBatch(got, bad); err == nil {
			t.Errorf("%d bytes of a %d-byte batch decoded", len(bad), len(wire))
		}
	}
}

// The replicas' gradients added to the session's own are the whole
// batch's gradient (without dropout, whose masks differ by design).
func TestReplicasSumToTheBatchGradient(t *testing.T) {
	_, data := synthetic(t, 3000)
	c := smallTrainConfig()
	c.Dropout = 0
	for _, workers := range []int{2, 3, 5} {
		c.Workers = workers
		s, err := NewSessionWorkers(c, data)
		if err != nil {
			t.Fatal(err)
		}
		idx := data.Split.Train[:c.BatchSize]
		parts := Shards(len(idx), workers)
		for i, p := range parts {
			data.Fill(s.shards[i], idx[p[0]:p[1]])
		}
		a := s.Model.Params()
		if err := s.replicas.Start(a.Value, s.shards[1:], len(idx)); err != nil {
			t.Fatal(err)
		}
		own, err := s.Trainer.Gradients(s.shards[0], len(idx))
		if err != nil {
			t.Fatal(err)
		}
		rest, err := s.replicas.Wait(a.Grad)
		if err != nil {
			t.Fatal(err)
		}
		parallel := slices.Clone(a.Grad)

		data.Fill(s.batch, idx)
		whole, err := s.Trainer.Gradients(s.batch, len(idx))
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(own+rest-whole) > 1e-9*math.Abs(whole) {
			t.Errorf("%d workers: loss %v, whole batch %v", workers, own+rest, whole)
		}
		var worst float64
		for i, g := range a.Grad {
			worst = max(worst, math.Abs(float64(parallel[i]-g))/(1e-6+math.Abs(float64(g))))
		}
		if worst > 1e-3 {
			t.Errorf("%d workers: gradients differ from the whole batch's by up to %.2g (relative)", workers, worst)
		}
		s.Close()
	}
}

// Data-parallel training learns what one worker learns (within the
// seed-to-seed spread of this small task), and is reproducible.
func TestWorkersTrainLikeOne(t *testing.T) {
	_, data := synthetic(t, 20000)
	c := smallTrainConfig()
	run := func(workers int) *Result {
		c.Workers = workers
		s, err := NewSessionWorkers(c, data)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		return trainToEnd(t, s)
	}
	one, two, twoAgain := run(1), run(2), run(2)
	if math.Abs(one.TestAUC-two.TestAUC) > 0.01 {
		t.Errorf("test AUC %.4f with 2 workers, %.4f with one", two.TestAUC, one.TestAUC)
	}
	if two.TestAUC != twoAgain.TestAUC || two.TestLogLoss != twoAgain.TestLogLoss {
		t.Errorf("2 workers twice: %v / %v, then %v / %v", two.TestAUC, two.TestLogLoss, twoAgain.TestAUC, twoAgain.TestLogLoss)
	}
	c.Workers = MaxWorkers + 1
	if err := c.Validate(); err == nil {
		t.Errorf("workers = %d accepted", c.Workers)
	} else if ce, ok := err.(*model.ConfigError); !ok || ce.Field != "workers" {
		t.Errorf("workers out of range: %v, want a ConfigError on workers", err)
	}
}

// LazyAdam with data-parallel workers updates the rows every shard used
// (the engine records the replicas' shards): it trains like one worker.
func TestWorkersWithLazyAdam(t *testing.T) {
	_, data := synthetic(t, 20000)
	c := smallTrainConfig()
	c.OptimizerConfig.Name = "lazyadam"
	// One step: the user rows only the replica's shard used move too.
	c.Workers = 2
	s, err := NewSessionWorkers(c, data)
	if err != nil {
		t.Fatal(err)
	}
	users := s.Model.Embedding.Tables[0]
	before := slices.Clone(users.Value)
	if _, err := s.trainStep(); err != nil {
		t.Fatal(err)
	}
	F, K := len(data.Schema.Fields), s.Model.K
	own := map[int32]bool{}
	for i := 0; i < s.shards[0].N; i++ {
		own[s.shards[0].Values(F, i, 0)[0]] = true
	}
	moved := 0
	for i := 0; i < s.shards[1].N; i++ {
		u := s.shards[1].Values(F, i, 0)[0]
		if own[u] {
			continue
		}
		if slices.Equal(users.Value[int(u)*K:int(u+1)*K], before[int(u)*K:int(u+1)*K]) {
			t.Fatalf("user row %d, used only by the replica's shard, did not move", u)
		}
		moved++
	}
	if moved == 0 {
		t.Fatal("no user only in the replica's shard: the check checked nothing")
	}
	s.Close()

	var aucs []float64
	for _, workers := range []int{1, 2} {
		c.Workers = workers
		s, err := NewSessionWorkers(c, data)
		if err != nil {
			t.Fatal(err)
		}
		aucs = append(aucs, trainToEnd(t, s).TestAUC)
		s.Close()
	}
	if math.Abs(aucs[0]-aucs[1]) > 0.01 || aucs[0] < 0.6 {
		t.Errorf("lazyadam test AUC %.4f with one worker, %.4f with two", aucs[0], aucs[1])
	}
}
