package charts

import (
	"bytes"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/vugu/vugu"
	"github.com/vugu/vugu/staticrender"
)

// render builds a component to HTML, as the page would.
func render(t *testing.T, b vugu.Builder) string {
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

// Vugu's DOM renderer panics on an instruction over 16 KB, which killed the
// page once (a 400-point loss curve's hover data): no attribute may come
// near it, however long training runs.
func TestAttributesStaySmall(t *testing.T) {
	const limit = 8 << 10
	xs, ys := make([]float64, 400), make([]float64, 400)
	for i := range xs {
		xs[i], ys[i] = float64(10000+37*i), 0.5+0.1*math.Sin(float64(i))
	}
	line := &LineChart{ID: "c", Title: "Training loss", XLabel: "step", YDecimals: 4,
		Series: []Series{{Name: "loss (recent batches)", Class: "s1", X: xs, Y: ys}}}
	vals := make([][]float64, 10)
	for i := range vals {
		vals[i] = make([]float64, 10)
		for j := range vals[i] {
			vals[i][j] = float64(i*j) / 100
		}
	}
	names := strings.Fields("user_id gender age occupation zip movie_id genres year weekday hour")
	heat := &Heatmap{ID: "h", Title: "interaction", Rows: names, Cols: names, Values: vals, Decimals: 3, TipFormat: "%r × %c"}
	attr := regexp.MustCompile(`\s([a-zA-Z:-]+)="([^"]*)"`)
	for name, b := range map[string]vugu.Builder{"line chart": line, "heatmap": heat} {
		html := render(t, b)
		for _, m := range attr.FindAllStringSubmatch(html, -1) {
			if len(m[2]) > limit {
				t.Errorf("%s: attribute %s is %d bytes (limit %d)", name, m[1], len(m[2]), limit)
			}
		}
	}
	if n := strings.Count(render(t, heat), `class="cell"`); n != 100 {
		t.Errorf("a 10×10 heatmap renders %d cells", n)
	}
}
