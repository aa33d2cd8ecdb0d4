package panels

// What the panels report. A panel never changes the page's state itself:
// it emits one of these and the root (ui/root.vugu) hands it to the store.
// Each event names its own handler field on the panel that emits it, and a
// nil handler drops the event (a panel rendered alone, in a test).

//vugugen:event Command
//vugugen:event Set
//vugugen:event SelectUser
//vugugen:event Search
//vugugen:event Pick
//vugugen:event ToggleModel
//vugugen:event RunCompare
//vugugen:event CancelCompare

// CommandEvent asks for a session action (api.ActionPlay …).
type CommandEvent struct{ Action string }

// SetEvent changes one setting (Name "preset": the preset).
type SetEvent struct{ Name, Value string }

// SelectUserEvent picks the inspector's user.
type SelectUserEvent struct{ ID int }

// SearchEvent searches movie titles.
type SearchEvent struct{ Query string }

// PickEvent picks the inspector's movie.
type PickEvent struct{ MovieID int }

// ToggleModelEvent adds a model to or removes it from the comparison.
type ToggleModelEvent struct {
	Model string
	On    bool
}

// RunCompareEvent starts the comparison.
type RunCompareEvent struct{}

// CancelCompareEvent stops the comparison after the model training now.
type CancelCompareEvent struct{}

//vugugen:event DownloadCheckpoint
//vugugen:event LoadCheckpoint

// DownloadCheckpointEvent asks to save the current weights.
type DownloadCheckpointEvent struct{}

// LoadCheckpointEvent hands over a chosen checkpoint file (a JS File).
type LoadCheckpointEvent struct{ File any }
