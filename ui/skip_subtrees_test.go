package main

import (
	"strings"
	"testing"

	"github.com/vugu/vugu"
	js "github.com/vugu/vugu/js"
)

// page builds <div><p id=a>text</p><ul><li>x</li><li>y</li></ul><canvas vg-js-populate/></div>,
// with the ul's items inside a template when inTemplate, and the first
// item's text first.
func page(first string, inTemplate bool) *vugu.BuildResults {
	el := func(tag string, attrs ...string) *vugu.VGNode {
		n := &vugu.VGNode{Type: vugu.ElementNode, Data: tag}
		for i := 0; i+1 < len(attrs); i += 2 {
			n.Attr = append(n.Attr, vugu.VGAttribute{Key: attrs[i], Val: attrs[i+1]})
		}
		return n
	}
	text := func(s string) *vugu.VGNode { return &vugu.VGNode{Type: vugu.TextNode, Data: s} }
	root := el("div")
	p := el("p", "id", "a")
	p.AppendChild(text("text"))
	ul := el("ul")
	items := ul
	if inTemplate {
		items = &vugu.VGNode{Type: vugu.ElementNode}
		ul.AppendChild(items)
	}
	for _, s := range []string{first, "y"} {
		li := el("li")
		li.AppendChild(text(s))
		items.AppendChild(li)
	}
	in := el("canvas")
	in.JSPopulateHandler = vugu.JSValueFunc(func(js.Value) {})
	root.AppendChild(p)
	root.AppendChild(ul)
	root.AppendChild(in)
	return &vugu.BuildResults{Out: &vugu.BuildOut{Out: []*vugu.VGNode{root}}}
}

// shape writes what a render would send: a tag per element, "_" for an
// empty template (sent as nothing), text in quotes.
func shape(n *vugu.VGNode) string {
	switch {
	case n.Type == vugu.TextNode:
		return `"` + n.Data + `"`
	case n.IsTemplate() && n.FirstChild == nil:
		return "_"
	}
	var b strings.Builder
	b.WriteString(n.Data + "(")
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(shape(c))
	}
	return b.String() + ")"
}

func TestSubtreesSendOnlyWhatChanged(t *testing.T) {
	s := newSubtrees()
	for _, c := range []struct {
		name, first string
		inTemplate  bool
		want        string
		sent        int
	}{
		{"the first render sends everything", "x", false, `div(p("text")ul(li("x")li("y"))canvas())`, 6},
		{"the same page sends what must be reached each render", "x", false, `div(__canvas())`, 2},
		{"one changed text sends its branch", "z", false, `div(_ul(li("z")_)canvas())`, 4},
		{"the same items, now in a template, are the same DOM", "z", true, `div(__canvas())`, 2},
		{"forget: everything again", "", false, `div(p("text")ul(li("")li("y"))canvas())`, 6},
	} {
		if c.name == "forget: everything again" {
			s.forget()
		}
		res := page(c.first, c.inTemplate)
		s.prune(res)
		if got := shape(res.Out.Out[0]); got != c.want || s.Sent != c.sent || s.Sent+s.Skipped != 6 {
			t.Errorf("%s: sent %s (%d elements, %d skipped), want %s (%d)", c.name, got, s.Sent, s.Skipped, c.want, c.sent)
		}
	}
}

// A node that moved to another DOM position is sent, even if a node like
// it was there: positions, not identities, are compared.
func TestSubtreesComparePositions(t *testing.T) {
	s := newSubtrees()
	s.prune(page("x", false))
	res := page("y", false) // two equal items: the first now equals the old second
	s.prune(res)
	if got, want := shape(res.Out.Out[0]), `div(_ul(li("y")_)canvas())`; got != want {
		t.Errorf("sent %s, want %s", got, want)
	}
}

// A node whose tag changes is a new DOM node, empty: nothing under it is
// skipped, even children equal to the old node's.
func TestSubtreesSendAllUnderAReplacedNode(t *testing.T) {
	s := newSubtrees()
	s.prune(page("x", false))
	res := page("x", false)
	res.Out.Out[0].FirstChild.Data = "h2" // <p id=a>text</p> becomes <h2 id=a>text</h2>
	s.prune(res)
	if got, want := shape(res.Out.Out[0]), `div(h2("text")_canvas())`; got != want {
		t.Errorf("sent %s, want %s", got, want)
	}
}

// A form field's value is part of what is compared: a changed value is
// sent, an unchanged one skipped.
func TestSubtreesCompareProperties(t *testing.T) {
	field := func(v string) *vugu.BuildResults {
		res := page("x", false)
		in := &vugu.VGNode{Type: vugu.ElementNode, Data: "input", Prop: []vugu.VGProperty{{Key: "value", JSONVal: []byte(v)}}}
		res.Out.Out[0].AppendChild(in)
		return res
	}
	s := newSubtrees()
	s.prune(field(`"1"`))
	for _, c := range []struct{ value, want string }{
		{`"1"`, `div(__canvas()_)`},
		{`"2"`, `div(__canvas()input())`},
		{`"2"`, `div(__canvas()_)`},
	} {
		res := field(c.value)
		s.prune(res)
		if got := shape(res.Out.Out[0]); got != c.want {
			t.Errorf("value %s: sent %s, want %s", c.value, got, c.want)
		}
	}
}

// An element with an id that another element's coming before it pushes
// to another DOM path is reported as moved; one that stays, comes or goes
// is not.
func TestSubtreesReportMovedIDs(t *testing.T) {
	s := newSubtrees()
	s.prune(page("x", false))
	if len(s.Moved) != 0 {
		t.Errorf("the first render moved %v", s.Moved)
	}
	s.prune(page("x", false))
	if len(s.Moved) != 0 {
		t.Errorf("the same page moved %v", s.Moved)
	}
	res := page("x", false)
	root := res.Out.Out[0]
	root.InsertBefore(&vugu.VGNode{Type: vugu.ElementNode, Data: "div", Attr: []vugu.VGAttribute{{Key: "id", Val: "banner"}}}, root.FirstChild)
	s.prune(res)
	if got := strings.Join(s.Moved, " "); got != "a" {
		t.Errorf("a banner before <p id=a>: moved %q, want \"a\"", got)
	}
	s.prune(page("x", false)) // the banner goes: a goes back
	if got := strings.Join(s.Moved, " "); got != "a" {
		t.Errorf("the banner gone: moved %q, want \"a\"", got)
	}
	s.prune(page("x", false))
	if len(s.Moved) != 0 {
		t.Errorf("the same page again moved %v", s.Moved)
	}
}

// An element whose children all went gets an empty text node: Vugu sends
// nothing under an element without children, and the DOM would keep them.
// Once the DOM holds nothing there, nothing more is sent.
func TestSubtreesEmptyAnElementWhoseChildrenWent(t *testing.T) {
	s := newSubtrees()
	s.prune(page("x", false))
	res := page("x", false)
	ul := res.Out.Out[0].FirstChild.NextSibling
	for ul.FirstChild != nil {
		ul.RemoveChild(ul.FirstChild)
	}
	s.prune(res)
	if got, want := shape(res.Out.Out[0]), `div(_ul("")canvas())`; got != want {
		t.Errorf("children gone: sent %s, want %s", got, want)
	}
	res = page("x", false)
	ul = res.Out.Out[0].FirstChild.NextSibling
	for ul.FirstChild != nil {
		ul.RemoveChild(ul.FirstChild)
	}
	s.prune(res)
	if got, want := shape(res.Out.Out[0]), `div(__canvas())`; got != want {
		t.Errorf("the render after: sent %s, want %s", got, want)
	}
}
