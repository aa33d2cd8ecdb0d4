package panels

import (
	"strconv"
	"strings"

	"github.com/flsest/flsest/ui/format"
)

// fillMath replaces each ⟦name⟧ of a generated MathML equation with an
// <mn> holding slots[name]: four significant digits shown, the exact value
// in data-value and where it came from in data-src (for the browser test).
// A slot without a value shows an ellipsis.
func fillMath(ml string, slots map[string]slot) string {
	var b strings.Builder
	for {
		i := strings.Index(ml, "⟦")
		if i < 0 {
			b.WriteString(ml)
			return b.String()
		}
		j := strings.Index(ml[i:], "⟧")
		if j < 0 {
			b.WriteString(ml)
			return b.String()
		}
		name := ml[i+len("⟦") : i+j]
		b.WriteString(ml[:i])
		s, ok := slots[name]
		switch {
		case !ok:
			b.WriteString(`<mn data-slot="` + name + `">…</mn>`)
		default:
			shown := s.Text
			if shown == "" {
				shown = strings.Replace(format.Sig(s.V, 4), "-", "−", 1)
			}
			b.WriteString(`<mn data-slot="` + name + `" data-src="` + s.Src + `" data-value="` + strconv.FormatFloat(s.V, 'g', -1, 64) + `">` + shown + `</mn>`)
		}
		ml = ml[i+j+len("⟧"):]
	}
}
