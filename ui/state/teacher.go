package state

import (
	"slices"

	"github.com/flsest/flsest/engine/api"
)

// Teacher mode (KeyTeacher in the URL) is a class's view of the page: the
// controls the teacher chose are hidden and the seed is fixed (its control
// and New seed are gone, and new-seed is refused), so every student trains
// the same model from the same start.

// What teacher mode can hide besides a single setting, by name.
const (
	HidePreset     = "preset"     // the preset
	HideSettings   = "settings"   // every setting
	HideButtons    = "buttons"    // Epoch, Stop, Reset (Play, Pause and Step stay)
	HideCheckpoint = "checkpoint" // loading weights
)

// HideChoice is one group a teacher link can hide.
type HideChoice struct{ Name, Label string }

// HideChoices is what the teacher-link box offers.
var HideChoices = []HideChoice{
	{HidePreset, "the preset"}, {HideSettings, "the settings"}, {HideButtons, "Epoch, Stop and Reset"}, {HideCheckpoint, "loading weights"},
}

// Controls by the names Hidden uses: the transport buttons' ids, and the
// checkpoint's loader.
const (
	ControlNewSeed        = "new-seed"
	ControlLoadCheckpoint = "load-checkpoint"
)

// hiddenControls is the set of controls teacher mode hides: the seed's
// always, and what hide names (groups are expanded over settings).
func hiddenControls(l Link, settings []api.Setting) map[string]bool {
	if !l.Teacher {
		return nil
	}
	h := map[string]bool{"seed": true, ControlNewSeed: true}
	for _, name := range l.Hide {
		switch name {
		case HideSettings:
			for _, s := range settings {
				h[s.Name] = true
			}
		case HideButtons:
			h["step-epoch"], h["stop"], h["reset"] = true, true, true
		case HideCheckpoint:
			h[ControlLoadCheckpoint] = true
		default:
			h[name] = true // HidePreset or a setting's name
		}
	}
	return h
}

// applyLink takes the URL's page part once the data is in and the
// settings applied (under the lock): teacher mode, the sample (inspected
// now), the open views (fetched now), the one-prediction view and the
// lesson at its step.
func (s *Store) applyLink(l Link) {
	s.Link = l
	s.Hidden = hiddenControls(l, s.Settings)
	for _, v := range l.Views {
		if v != ViewFlow && slices.Contains(ownViews, v) {
			s.OpenView(v, true)
		}
	}
	if l.User > 0 {
		s.UserID = l.User
	}
	if l.Movie > 0 {
		s.MovieID = l.Movie
		s.Inspect()
	}
	if slices.Contains(l.Views, ViewFlow) {
		s.OpenFlow(true)
	}
	if l.Step > 0 {
		s.LessonStep = l.Step - 1
		s.OpenLesson(true)
	}
}
