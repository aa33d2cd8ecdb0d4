package panels

import (
	"html"
	"strconv"
	"strings"

	"github.com/flsest/flsest/engine/api"
)

// lessonView is what the lesson panel shows: the open step (clamped to the
// steps), its title and target panel, and the HTML of its body — one step,
// or every step in reading mode — which the panel sets as an island.
type lessonView struct {
	Step, Steps int
	Title       string
	Target      string // the id of the page panel the open step talks about ("" in reading mode)
	Fields      []string
	Field       int
	Body        string
}

// lessonPanel lays the lesson out for the open step, the mode, the chosen
// field, the selected pair's inspection (nil or without a trace while it
// is coming), the session's settings and the paper's reported results.
func lessonPanel(step int, reading bool, field int, s *api.SampleInspection, config map[string]string, history []api.EpochResult, domains []string, paper api.Paper) lessonView {
	v := lessonView{Steps: len(lessonSteps), Step: min(max(step, 0), len(lessonSteps)-1)}
	st := lessonSteps[v.Step]
	v.Title = st.Title
	var d *lessonData
	if s != nil && s.Trace != nil && len(s.Trace.Fields) > 0 {
		v.Fields = s.Trace.Fields
		v.Field = min(max(field, 0), len(v.Fields)-1)
		d = &lessonData{S: s, Config: config, History: history, Domains: domains, Field: v.Field, Paper: paper}
	}
	var b strings.Builder
	if d != nil {
		b.WriteString(`<p class="lesson-pair note" data-user="` + strconv.Itoa(s.User.ID) + `" data-movie="` + strconv.Itoa(s.Movie.ID) + `">The numbers are the current model's for user ` +
			strconv.Itoa(s.User.ID) + " × " + html.EscapeString(s.Movie.Title) + ` (pick another pair in the sample inspector).</p>`)
	}
	if reading {
		for i := range lessonSteps {
			b.WriteString(stepHTML(i, d))
		}
	} else {
		v.Target = st.Target
		b.WriteString(stepHTML(v.Step, d))
	}
	v.Body = b.String()
	return v
}

// stepHTML is step i's title, words and equations, with d's numbers (none
// while d is nil).
func stepHTML(i int, d *lessonData) string {
	st := lessonSteps[i]
	words := "Waiting for the selected pair's numbers…"
	var slots map[string]slot
	if d != nil {
		words, slots = st.words(d), st.slots(d)
	}
	var b strings.Builder
	b.WriteString(`<article class="lesson-step" data-step="` + st.ID + `" data-target="` + st.Target + `"><h3>` + strconv.Itoa(i+1) + ". " + html.EscapeString(st.Title) + "</h3>")
	b.WriteString("<p>" + html.EscapeString(words) + "</p>")
	for _, ml := range lessonMath[st.ID] {
		b.WriteString(`<div class="lesson-math" tabindex="0">` + fillMath(ml, slots) + "</div>") // focusable: it may scroll sideways (axe: scrollable-region-focusable)
	}
	b.WriteString("</article>")
	return b.String()
}
