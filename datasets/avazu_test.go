package datasets

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// avazuSample is an Avazu-format sample named by $FLSEST_AVAZU (CI sets
// it to a 9,000-line head of Avazu's train file; the data is not ours to ship).
func avazuSample(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("FLSEST_AVAZU")} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Skip("no Avazu sample: set FLSEST_AVAZU")
	return ""
}

func TestLoadAvazuSample(t *testing.T) {
	p := avazuSample(t)
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := LoadAvazuCSV("train_head9000.csv", f, AvazuOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// SOURCE.txt: 8,999 rows, 1,563 clicks, all in hour 14102100
	// (2014-10-21 00:00, a Tuesday); 22 used columns, hour split in two.
	if d.N != 8999 || d.Positives() != 1563 || len(d.Fields) != 23 {
		t.Fatalf("%d rows, %d clicks, %d fields", d.N, d.Positives(), len(d.Fields))
	}
	byName := map[string]Field{}
	for _, f := range d.Fields {
		byName[f.Name] = f
	}
	if w := byName["weekday"].Values; len(w) != 1 || w[0] != "Tue" {
		t.Errorf("weekday values %v, want [Tue]", w)
	}
	if h := byName["hour_of_day"].Values; len(h) != 1 || h[0] != "00" {
		t.Errorf("hour values %v", h)
	}
	// Distinct values counted independently: device_ip 6,678, site_id 361.
	if n := len(byName["device_ip"].Values); n != 6678 {
		t.Errorf("device_ip has %d values, want 6678", n)
	}
	if n := len(byName["site_id"].Values); n != 361 {
		t.Errorf("site_id has %d values, want 361", n)
	}
	if got := d.DomainNames(); strings.Join(got, ",") != "context,item,user" {
		t.Errorf("domains %v", got)
	}
	f.Seek(0, 0)
	rare, err := LoadAvazuCSV("train_head9000.csv", f, AvazuOptions{MinCount: 2})
	if err != nil {
		t.Fatal(err)
	}
	for i, fl := range rare.Fields {
		if fl.Name == "device_ip" && len(fl.Values) >= 6678 {
			t.Errorf("MinCount 2 left %d device_ip values", len(rare.Fields[i].Values))
		}
	}
}

func TestLoadAvazuMalformed(t *testing.T) {
	head := "id,click,hour,C1,banner_pos,site_id,device_ip\n"
	good := "1,0,14102100,1005,0,a,x\n2,1,14102101,1005,1,b,y\n"
	if d, err := LoadAvazuCSV("t.csv", strings.NewReader(head+good), AvazuOptions{}); err != nil || d.N != 2 || len(d.Fields) != 6 {
		t.Fatalf("good rows: %v, %+v", err, d)
	}
	for _, c := range []struct{ body, want string }{
		{"1,0,14102100,1005,0,a\n", "t.csv:2: has 6 columns, the header 7"},
		{"1,0,14102100,1005,0,a,x\n2,2,14102100,1005,0,a,x\n", `t.csv:3: field 2 (click): "2" is not a valid value: want 0 or 1`},
		{"1,1,2014-10-21,1005,0,a,x\n", `t.csv:2: field 3 (hour): "2014-10-21" is not a valid value: want YYMMDDHH`},
		{"", "t.csv: no rows"},
	} {
		_, err := LoadAvazuCSV("t.csv", strings.NewReader(head+c.body), AvazuOptions{})
		var pe *ParseError
		if err == nil || !strings.Contains(err.Error(), c.want) || !errors.As(err, &pe) {
			t.Errorf("body %q: error %v, want %q", c.body, err, c.want)
		}
	}
	if _, err := LoadAvazuCSV("t.csv", strings.NewReader("id,clicked\n1,0\n"), AvazuOptions{}); err == nil || !strings.Contains(err.Error(), `no "click" column`) {
		t.Errorf("no click column: %v", err)
	}
}
