package panels

import (
	js "github.com/vugu/vugu/js"
)

// populateOccupations fills the occupation list once the engine has
// listed them, as an island (controls_island.go: Vugu leaves the <select>
// childless, so its options are not re-sent on every render), and shows
// the pair's occupation.
func (c *WhatIf) populateOccupations(host js.Value) {
	populateOptions(host, c.Occupations, c.view.Occupation)
}
