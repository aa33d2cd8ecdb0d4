package main

import "github.com/flsest/flsest/ui/state"

// The ready page comes in steps: the first render shows the controls, and
// each following render (its own task, scheduled by the render loop) adds
// the next panel, in the page's order (one that appeared before another
// already there would shift it onto another's DOM node: root.vugu), the
// lesson last (tests wait for it). Building, creating and laying out the
// whole page in one render was the longest task of a page load; the
// controls and the result in one step, or the projector, the flow and the
// lesson in one, still took 20–40 ms of CPU.
const mainPanelSteps = 13

// shows reports whether panel step i is on the page.
func (c *Root) shows(i int) bool { return i < c.revealed }

// revealNext adds the next step (under the write lock). Off the ready
// page, the steps start again.
func (c *Root) revealNext() {
	switch {
	case c.Store.Page != state.PageReady:
		c.revealed = 0
	case c.revealed < mainPanelSteps:
		c.revealed++
	}
}

// revealing reports whether the ready page still misses a step (under the
// read lock).
func (c *Root) revealing() bool {
	return c.Store.Page == state.PageReady && c.revealed < mainPanelSteps || c.Store.Page != state.PageReady && c.revealed > 0
}
