package format

import (
	"math"
	"testing"
)

func TestFormats(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{Fixed(0.78768, 4), "0.7877"},
		{Fixed(math.NaN(), 4), "–"},
		{Signed(0.0003, 4), "+0.0003"},
		{Signed(-0.02, 2), "-0.02"},
		{Percent(0.4231, 0), "42%"},
		{Int(72000), "72 000"},
		{Int(-1234567), "-1 234 567"},
		{Int(999), "999"},
		{Bytes(371711), "371.7 kB"},
		{Bytes(7484211), "7.48 MB"},
		{Bytes(512), "512 B"},
		{Seconds(3.21), "3.2 s"},
		{Seconds(125), "2 min 05 s"},
		{SVG(12.345), "12.3"},
		{Sig(0.0021345, 2), "0.0021"},
		{Sig(-1.14, 3), "-1.14"},
		{Sig(0.0000213, 2), "0.000021"},
		{Sig(350.2, 2), "350"},
		{Signed(-0.000001, 4), "+0.0000"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
