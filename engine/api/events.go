package api

// Event types: Event.Type names which of its fields is set.
const (
	EventState      = "state"      // State: the whole session state, first on every stream
	EventProgress   = "progress"   // Progress: throttled, 100–250 ms apart; the only event a slow subscriber may miss
	EventEpoch      = "epoch"      // Epoch: an epoch's train and validation results
	EventSnapshot   = "snapshot"   // Snapshot: SEST and FwBI over the snapshot sample
	EventError      = "error"      // Error: training stopped (e.g. a non-finite loss)
	EventDone       = "done"       // Result: the run finished
	EventImportance = "importance" // Importance: a permutation importance job's progress
)
