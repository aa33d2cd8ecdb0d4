package main

import (
	"strings"

	"github.com/vugu/vugu"
)

// Templates are indented, and Vugu keeps every run of indentation as a
// text node that each render re-sends: as many nodes again as elements.
// Between two blocks (or a block and its parent's edge) such a run shows
// nothing in HTML, so dropLayoutWhitespace removes it from the build
// before it is rendered. A space written on one line (" · ", or between
// inline elements) is text the page shows, and stays.

// blocks are the elements whose neighbouring whitespace never renders.
var blocks = map[string]bool{
	"div": true, "section": true, "main": true, "header": true, "footer": true, "p": true, "h1": true, "h2": true, "h3": true,
	"figure": true, "figcaption": true, "table": true, "thead": true, "tbody": true, "tr": true, "td": true, "th": true,
	"ul": true, "li": true, "details": true, "summary": true, "select": true, "option": true,
}

// dropLayoutWhitespace removes the indentation between blocks from a
// build's output, its components' included.
func dropLayoutWhitespace(res *vugu.BuildResults) {
	if res == nil || res.Out == nil {
		return
	}
	for _, n := range res.Out.Out {
		dropIn(res, n)
	}
}

func dropIn(res *vugu.BuildResults, n *vugu.VGNode) {
	if n.Component != nil {
		if out := res.ResultFor(n.Component); out != nil {
			for _, c := range out.Out {
				dropIn(res, c)
			}
		}
		return
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if isIndentation(c) && blockish(res, n) && blockNeighbour(res, c.PrevSibling, false) && blockNeighbour(res, next, true) {
			n.RemoveChild(c)
		} else {
			dropIn(res, c)
		}
		c = next
	}
}

// blockNeighbour reports whether the first sibling from n on (forward, or
// backward) that is not indentation is a block or missing: indentation
// runs meet where a vg-if left nothing.
func blockNeighbour(res *vugu.BuildResults, n *vugu.VGNode, forward bool) bool {
	for n != nil && isIndentation(n) {
		if forward {
			n = n.NextSibling
		} else {
			n = n.PrevSibling
		}
	}
	return n == nil || blockish(res, n)
}

// isIndentation reports whether n is a text node of template layout:
// whitespace only, with a line break.
func isIndentation(n *vugu.VGNode) bool {
	return n.Type == vugu.TextNode && strings.Contains(n.Data, "\n") && strings.TrimSpace(n.Data) == ""
}

// blockish reports whether n renders as a block: a block element, a
// template (a slot's children stand in its place; its own whitespace is
// judged by its neighbours) or a component whose element is a block.
func blockish(res *vugu.BuildResults, n *vugu.VGNode) bool {
	switch {
	case n.Component != nil:
		out := res.ResultFor(n.Component)
		return out != nil && len(out.Out) == 1 && blockish(res, out.Out[0])
	case n.IsTemplate():
		return true
	}
	return n.Type == vugu.ElementNode && blocks[n.Data]
}
