package main

import (
	"encoding/binary"
	"hash/maphash"
	"strconv"

	"github.com/vugu/vugu"
)

// Vugu v0.4.0's renderer sends every node of every build to the page, and
// the page's JS then visits each one, whatever changed. But it walks the
// DOM by position: an empty template (an element node without a tag)
// sends nothing, and its parent's "move to the next sibling" steps over the
// DOM node already there. So a subtree that is exactly what the last
// render left at the same DOM position can be replaced by an empty
// template before the build is rendered, and is then neither sent nor
// visited: a render costs what changed, not the whole page.
//
// subtrees remembers a fingerprint of every node the last render left in
// the DOM, keyed by its DOM path (templates flattened, as the renderer
// flattens them). A node is skipped when its fingerprint (tag, attributes,
// static HTML, event kinds, and its children's fingerprints in order) is
// the one at its path. A node is never skipped, nor its ancestors, when
// it has a vg-js-create or vg-js-populate handler: islands draw in their
// populate handler, which only a visit calls.
//
// JS properties (.value, .checked) are in the fingerprint: a form field is
// sent when the value the page holds for it changes (a select's value is
// set once its options are there: assets/skip-unchanged.js). Vugu used to set every
// field to the page's value on every render, so a field the user had
// typed into but not committed went back to the page's value at the next
// render, even one caused by a training tick; a skipped field keeps what
// the user typed (and a refused value stays beside its error).
//
// A skipped element keeps its event handlers from the render that sent it.
// They are closures over the same component instances (a changed
// component instance means a changed tree there), and over loop values
// that the equal output shows.
type subtrees struct {
	seed maphash.Seed
	last map[string]seen // DOM path → what the DOM holds there now
	next map[string]seen
	// Skipped and sent count the elements of the last prune.
	Skipped, Sent int
	// Moved lists the ids of the last prune's elements that are at
	// another DOM path than at the render before: their DOM nodes were
	// rebuilt, or taken over by a sibling (focus lost), because an element
	// before them came or went (root.vugu says how to avoid it).
	Moved        []string
	ids, nextIDs map[string]string // element id → its DOM path
}

// seen is a node the DOM holds: its kind (type, tag, namespace: the page
// replaces the DOM node when this changes, children and all) and its
// subtree's fingerprint.
type seen struct{ kind, fp uint64 }

func newSubtrees() *subtrees {
	return &subtrees{seed: maphash.MakeSeed(), last: map[string]seen{}, next: map[string]seen{}, ids: map[string]string{}, nextIDs: map[string]string{}}
}

// prune replaces the subtrees of res that the DOM already holds by empty
// templates. Call it after every build, before the render; call forget if
// that render failed (the DOM is then not what prune assumed).
func (s *subtrees) prune(res *vugu.BuildResults) {
	clear(s.next)
	clear(s.nextIDs)
	s.Moved = s.Moved[:0]
	s.Skipped, s.Sent = 0, 1 // the root is always sent
	if res != nil && res.Out != nil && len(res.Out.Out) == 1 {
		// The root is the mount point: its children are what can go.
		root := effective(res, res.Out.Out[0])
		var h maphash.Hash
		h.SetSeed(s.seed)
		kind := s.kind(root)
		fresh := s.last["0"].kind != kind
		s.children(res, root, "0", fresh, &h)
		s.next["0"] = seen{kind: kind}
	}
	s.last, s.next = s.next, s.last
	s.ids, s.nextIDs = s.nextIDs, s.ids
}

// forget drops what the last render left, so the next one sends everything.
func (s *subtrees) forget() { clear(s.last) }

// effective is the node a component placeholder stands for (its output's
// root), or n.
func effective(res *vugu.BuildResults, n *vugu.VGNode) *vugu.VGNode {
	for n != nil && n.Component != nil {
		out := res.ResultFor(n.Component)
		if out == nil || len(out.Out) != 1 {
			return nil
		}
		n = out.Out[0]
	}
	return n
}

// kind fingerprints what makes the page replace a DOM node rather than
// update it: its type, tag and namespace.
func (s *subtrees) kind(n *vugu.VGNode) uint64 {
	var h maphash.Hash
	h.SetSeed(s.seed)
	h.Write(binary.LittleEndian.AppendUint64(nil, uint64(n.Type)))
	h.WriteString(n.Data)
	h.WriteByte(0)
	h.WriteString(n.Namespace)
	return h.Sum64()
}

// node fingerprints the DOM node slot stands for (a component placeholder
// or the node itself) at path, records it, and reports whether the
// subtree must be sent (pinned). It does not replace slot: its parent
// does. fresh: the DOM node there is new (nothing under it can be
// skipped).
func (s *subtrees) node(res *vugu.BuildResults, slot *vugu.VGNode, path string, fresh bool) (fp uint64, pinned bool) {
	n := effective(res, slot)
	if n == nil || n.IsTemplate() {
		return 0, true
	}
	kind := s.kind(n)
	fresh = fresh || s.last[path].kind != kind
	var h maphash.Hash
	h.SetSeed(s.seed)
	word := func(x uint64) { h.Write(binary.LittleEndian.AppendUint64(nil, x)) }
	str := func(v string) { word(uint64(len(v))); h.WriteString(v) }
	word(kind)
	word(uint64(len(n.Attr)))
	for _, a := range n.Attr {
		str(a.Namespace)
		str(a.Key)
		str(a.Val)
		if a.Key == "id" && a.Namespace == "" {
			s.nextIDs[a.Val] = path
			if was, ok := s.ids[a.Val]; ok && was != path {
				s.Moved = append(s.Moved, a.Val)
			}
		}
	}
	for _, e := range n.DOMEventHandlerSpecList {
		str(e.EventType)
		word(uint64(btoi(e.Capture) | btoi(e.Passive)<<1))
	}
	for _, p := range n.Prop {
		str(p.Key)
		str(string(p.JSONVal))
	}
	pinned = n.JSCreateHandler != nil || n.JSPopulateHandler != nil
	if n.InnerHTML != nil {
		word(1)
		str(*n.InnerHTML)
	} else {
		word(0)
		pinned = s.children(res, n, path, fresh, &h) || pinned
	}
	fp = h.Sum64()
	s.next[path] = seen{kind, fp}
	if n.Type == vugu.ElementNode {
		s.Sent++
	}
	return fp, pinned
}

// children fingerprints n's DOM children into h (templates flattened),
// replaces each one the DOM holds as it is by an empty template (unless n's
// DOM node is fresh), and reports whether any must be sent.
func (s *subtrees) children(res *vugu.BuildResults, n *vugu.VGNode, path string, fresh bool, h *maphash.Hash) (pinned bool) {
	i := 0
	var visit func(parent *vugu.VGNode)
	visit = func(parent *vugu.VGNode) {
		for c := parent.FirstChild; c != nil; {
			next := c.NextSibling
			if e := effective(res, c); e != nil && e.IsTemplate() && e.FirstChild != nil {
				visit(e) // its children stand in its place
				c = next
				continue
			}
			// (An empty template takes a position of its own in Vugu's
			// walk: it is a node that is never skipped.)
			p := path + "." + strconv.Itoa(i)
			i++
			sent := s.Sent
			fp, pin := s.node(res, c, p, fresh)
			h.Write(binary.LittleEndian.AppendUint64(nil, fp))
			pinned = pinned || pin
			if last, ok := s.last[p]; ok && last.fp == fp && !pin && !fresh {
				s.Skipped += s.Sent - sent
				s.Sent = sent
				parent.InsertBefore(&vugu.VGNode{Type: vugu.ElementNode}, c) // an empty template: sends nothing
				parent.RemoveChild(c)
			}
			c = next
		}
	}
	visit(n)
	// Vugu v0.4.0 sends nothing under an element without children, so the
	// DOM would keep what the last render left there (a note that went, the
	// last row of a list). An empty text node makes its walk go down, take
	// the first DOM child's place and drop the rest. It is not recorded: the
	// next render, with nothing there, sends nothing again.
	if _, had := s.last[path+".0"]; i == 0 && had && n.Type == vugu.ElementNode && n.InnerHTML == nil {
		n.AppendChild(&vugu.VGNode{Type: vugu.TextNode})
	}
	h.Write(binary.LittleEndian.AppendUint64(nil, uint64(i)))
	return pinned
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
