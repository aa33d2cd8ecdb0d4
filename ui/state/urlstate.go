package state

import (
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/flsest/flsest/engine/api"
)

// The URL's fragment holds the run's settings and, after them, the page's
// own keys: what a teacher link fixes for a class (TensorFlow Playground
// keeps its state in the URL the same way).
const (
	KeyUser    = "user"    // the inspected user …
	KeyMovie   = "movie"   // … and movie
	KeyStep    = "step"    // the lesson's open step (absent: the lesson is closed)
	KeyView    = "view"    // the open views, comma-separated (ViewSEST, ViewSlices, ViewProjector …)
	KeyTeacher = "teacher" // "1": teacher mode: the hidden controls are gone and the seed is fixed
	KeyHide    = "hide"    // the controls teacher mode hides, comma-separated (Hide… or setting names)
)

// pageKeys is the page's keys in the order the URL writes them.
var pageKeys = []string{KeyUser, KeyMovie, KeyStep, KeyView, KeyTeacher, KeyHide}

// Link is the page's part of the URL.
type Link struct {
	User, Movie int
	Step        int      // the lesson's open step, 1-based (Store.LessonStep + 1); 0: closed
	Views       []string // the open views
	Teacher     bool
	Hide        []string // what teacher mode hides
}

// parseHash reads "#preset=paper&lr=0.001&seed=7&user=1&movie=50" into a
// config request and the page's part. A page key with a value that does
// not parse is dropped (the URL's other parts still apply).
func parseHash(h string) (api.ConfigRequest, Link) {
	req := api.ConfigRequest{Settings: map[string]string{}}
	var link Link
	q, err := url.ParseQuery(strings.TrimPrefix(h, "#"))
	if err != nil {
		return req, link
	}
	for k, v := range q {
		if len(v) == 0 {
			continue
		}
		switch k {
		case "preset":
			req.Preset = v[0]
		case KeyUser:
			link.User = positive(v[0])
		case KeyMovie:
			link.Movie = positive(v[0])
		case KeyStep:
			link.Step = positive(v[0])
		case KeyView:
			link.Views = list(v[0])
		case KeyTeacher:
			link.Teacher = v[0] != "" && v[0] != "0" && v[0] != "false"
		case KeyHide:
			link.Hide = list(v[0])
		default:
			req.Settings[k] = v[0]
		}
	}
	return req, link
}

func positive(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

func list(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" && !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// hashFor writes the settings that differ from their defaults (the quick
// preset), sorted, plus the preset if it is not quick, and always the seed
// — so a link reproduces a run — then the page's keys that are set.
func hashFor(config map[string]string, settings []api.Setting, link Link) string {
	defaults := map[string]string{}
	for _, s := range settings {
		defaults[s.Name] = s.Default
	}
	var keys []string
	for k, v := range config {
		if k == "seed" || (k != "preset" && v != defaults[k]) || (k == "preset" && v != "quick") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, url.QueryEscape(k)+"="+url.QueryEscape(config[k]))
	}
	page := map[string]string{}
	if link.Movie > 0 {
		page[KeyUser], page[KeyMovie] = strconv.Itoa(link.User), strconv.Itoa(link.Movie)
	}
	if link.Step > 0 {
		page[KeyStep] = strconv.Itoa(link.Step)
	}
	if len(link.Views) > 0 {
		page[KeyView] = strings.Join(link.Views, ",")
	}
	if link.Teacher {
		page[KeyTeacher] = "1"
	}
	if link.Teacher && len(link.Hide) > 0 {
		page[KeyHide] = strings.Join(link.Hide, ",")
	}
	for _, k := range pageKeys {
		if v, ok := page[k]; ok {
			parts = append(parts, k+"="+strings.ReplaceAll(url.QueryEscape(v), "%2C", ","))
		}
	}
	return "#" + strings.Join(parts, "&")
}

// link is the page's part of the URL as the store stands (under the lock).
func (s *Store) link() Link {
	l := s.Link
	l.User, l.Movie = s.UserID, s.MovieID
	l.Step, l.Views = 0, nil
	if s.Lesson.Open {
		l.Step = s.LessonStep + 1
	}
	for _, v := range []struct {
		name string
		open bool
	}{{ViewSEST, s.Views.SEST.Open}, {ViewSlices, s.Views.Slices.Open}, {ViewProjector, s.Views.Projector.Open}, {ViewFlow, s.Lesson.Flow}} {
		if v.open {
			l.Views = append(l.Views, v.name)
		}
	}
	for _, v := range s.Link.Views { // names this page does not know, kept as the URL had them
		if !slices.Contains(ownViews, v) {
			l.Views = append(l.Views, v)
		}
	}
	return l
}

// ownViews is the views the store opens itself.
var ownViews = []string{ViewSEST, ViewSlices, ViewProjector, ViewFlow}

// writeHash puts the current settings and page state in the URL (not
// under the lock; writeHashLocked is the same under it).
func (s *Store) writeHash() {
	s.Env.Lock()
	h := hashFor(s.State.Config, s.Settings, s.link())
	s.Env.UnlockOnly()
	s.Client.SetHash(h)
}

func (s *Store) writeHashLocked() { s.Client.SetHash(hashFor(s.State.Config, s.Settings, s.link())) }

// TeacherHash is the URL fragment of a link for students: this page's
// settings and state, in teacher mode, hiding hide (under the lock).
func (s *Store) TeacherHash(hide []string) string {
	l := s.link()
	l.Teacher, l.Hide = true, hide
	return hashFor(s.State.Config, s.Settings, l)
}
