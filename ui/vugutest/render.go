package vugutest

import (
	"bytes"
	"testing"

	"github.com/vugu/vugu"
	"github.com/vugu/vugu/staticrender"
)

// Render builds b and returns its HTML.
func Render(t testing.TB, b vugu.Builder) string {
	t.Helper()
	var buf bytes.Buffer
	r := staticrender.New(&buf)
	env, err := vugu.NewBuildEnv(r.EventEnv())
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Render(env.RunBuild(b)); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}
