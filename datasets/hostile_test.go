package datasets

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

// Issue 15's hostile inputs, built here (never committed), each refused
// with a clear error or loaded, with the memory it took bounded. These
// tests run natively and under wasm (README: wasm tests under node).

// maxHostileBytes is the stated bound: what any one of these inputs may make
// the loader allocate in all (runtime.MemStats.TotalAlloc, an upper bound
// on its peak).
const maxHostileBytes = 256 << 20

// memUse is what f allocated in all, and how much more heap the process
// held from the system afterwards (HeapSys − HeapReleased).
type memUse struct{ total, held int64 }

func measure(f func()) memUse {
	runtime.GC()
	debug.FreeOSMemory()
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return memUse{int64(b.TotalAlloc - a.TotalAlloc), int64(b.HeapSys-b.HeapReleased) - int64(a.HeapSys-a.HeapReleased)}
}

func (m memUse) String() string {
	return fmt.Sprintf("%.1f MB allocated, %.1f MB more held", float64(m.total)/(1<<20), float64(m.held)/(1<<20))
}

// rawEntry is one zip entry written as is: its declared size may lie.
type rawEntry struct {
	name     string
	declared uint64 // the uncompressed size the headers declare
	data     func(w io.Writer) error
}

// hostileZip writes entries deflated, each declaring its own size, with a
// valid CRC-32 of what the data really is.
func hostileZip(t testing.TB, entries ...rawEntry) []byte {
	t.Helper()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, e := range entries {
		var comp bytes.Buffer
		fw, _ := flate.NewWriter(&comp, flate.BestSpeed)
		crc := crc32.NewIEEE()
		if err := e.data(io.MultiWriter(fw, crc)); err != nil {
			t.Fatal(err)
		}
		fw.Close()
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate, CRC32: crc.Sum32(),
			CompressedSize64: uint64(comp.Len()), UncompressedSize64: e.declared}
		w, err := zw.CreateRaw(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(comp.Bytes())
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// repeat writes s n times.
func repeat(s string, n int) func(io.Writer) error {
	return func(w io.Writer) error {
		chunk := []byte(strings.Repeat(s, max(1, (1<<20)/len(s))))
		for left := n * len(s); left > 0; left -= len(chunk) {
			if _, err := w.Write(chunk[:min(len(chunk), left)]); err != nil {
				return err
			}
		}
		return nil
	}
}

// smallEntries are the synthetic MovieLens-100k files as honest entries.
func smallEntries(skip string) []rawEntry {
	var out []rawEntry
	files := smallFiles()
	for _, name := range sortedKeys(files) {
		if name == skip {
			continue
		}
		b := files[name]
		out = append(out, rawEntry{"ml-100k/" + name, uint64(len(b)), func(w io.Writer) error { _, err := w.Write(b); return err }})
	}
	return out
}

func loadZip(zipBytes []byte) error {
	fsys, err := OpenZip("ml-100k.zip", zipBytes)
	if err != nil {
		return err
	}
	_, err = LoadMovieLens100K(fsys)
	return err
}

func TestHostileZips(t *testing.T) {
	uData := "196\t242\t3\t881250949\n"
	cases := []struct {
		name    string
		zip     func() []byte
		want    string
		wantErr error
	}{
		{"u.info declares 1 TiB", func() []byte {
			return hostileZip(t, append(smallEntries("u.info"), rawEntry{"ml-100k/u.info", 1 << 40, repeat("943 users\n", 1)})...)
		}, "u.info: 1099511627776 bytes, more than the 64 MB", ErrTooLarge},
		{"256 MiB of u.data, declared", func() []byte {
			return hostileZip(t, append(smallEntries("u.data"), rawEntry{"ml-100k/u.data", 256 << 20, repeat(uData, (256<<20)/len(uData))})...)
		}, "u.data: 268435456 bytes, more than the 64 MB", ErrTooLarge},
		{"256 MiB of u.data, declared as 1 KB", func() []byte {
			return hostileZip(t, append(smallEntries("u.data"), rawEntry{"ml-100k/u.data", 1 << 10, repeat(uData, (256<<20)/len(uData))})...)
		}, "ml-100k.zip: entry u.data is corrupt: it does not inflate to the 1024 bytes its header declares", nil},
		{"a 100 MB line in u.data", func() []byte {
			return hostileZip(t, append(smallEntries("u.data"), rawEntry{"ml-100k/u.data", 100 << 20, repeat("1", 100<<20)})...)
		}, "u.data: 104857600 bytes, more than the 64 MB", ErrTooLarge},
		{"u.data twice", func() []byte {
			return hostileZip(t, append(smallEntries(""), rawEntry{"ml-100k/u.data", 3, repeat("x\n", 1)})...)
		}, "entry ml-100k/u.data appears twice", nil},
		{"two datasets", func() []byte {
			return hostileZip(t, append(smallEntries(""), rawEntry{"other/u.data", 2, repeat("x\n", 1)})...)
		}, "two datasets in one archive", nil},
		{"2000 entries", func() []byte {
			e := smallEntries("")
			for i := range 2000 {
				e = append(e, rawEntry{fmt.Sprintf("ml-100k/%d", i), 1, repeat("x", 1)})
			}
			return hostileZip(t, e...)
		}, "2006 entries, more than the 1000", ErrTooLarge},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := tc.zip()
			var err error
			m := measure(func() { err = loadZip(b) })
			if err == nil || !strings.Contains(err.Error(), tc.want) || (tc.wantErr != nil && !errors.Is(err, tc.wantErr)) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
			if m.total > maxHostileBytes {
				t.Errorf("%s", m)
			}
			t.Logf("%d-byte zip: %v; %s", len(b), err, m)
		})
	}
}

// A long line within the file limit is refused with its file and line, and
// the message quotes only the start of it.
func TestLongLineNamesFileAndLine(t *testing.T) {
	files := smallFiles()
	files["u.data"] = append(append([]byte{}, files["u.data"]...), strings.Repeat("7", 1<<20)+"\n"...)
	_, err := LoadMovieLens100K(mapFS(files))
	var pe *ParseError
	if !errors.As(err, &pe) || pe.File != "u.data" || pe.Line != 201 || len(err.Error()) > 300 {
		t.Fatalf("error %.300v (%d bytes), want u.data:201, short", err, len(err.Error()))
	}
	t.Log(err)
}

// avazuRows streams an Avazu-style CSV of about size bytes, with a
// vocabulary of at most vocab values per field, without holding it.
func avazuRows(size, vocab int) io.Reader {
	pr, pw := io.Pipe()
	go func() {
		var b bytes.Buffer
		b.WriteString("id,click,hour,C1,banner_pos,site_id,site_domain,app_id,device_id,device_ip,device_model,C14,C17\n")
		for i, written := 0, 0; written < size; i++ {
			fmt.Fprintf(&b, "%d,%d,141021%02d,1005,%d,site%d,dom%d,app%d,dev%d,ip%d,model%d,%d,%d\n",
				1e15+i, i%7/6, i%24, i%3, i%vocab, i%(vocab/2), (i*7)%vocab, (i*13)%vocab, (i*31)%vocab, i%97, 15000+i%vocab, 1700+i%50)
			if b.Len() >= 64<<10 {
				written += b.Len()
				if _, err := pw.Write(b.Bytes()); err != nil {
					return
				}
				b.Reset()
			}
		}
		pw.Write(b.Bytes())
		pw.Close()
	}()
	return pr
}

// A 43 MB CSV streams through with memory for its indices and vocabulary:
// before, the whole text was read and every field became a string (378 MB).
func TestAvazuCSVStreamsInBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("43 MB of CSV")
	}
	var d *Encoded
	var err error
	m := measure(func() { d, err = LoadAvazuCSV("big.csv", avazuRows(43<<20, 5000), AvazuOptions{MinCount: 2}) })
	if err != nil {
		t.Fatal(err)
	}
	if d.N < 43<<20/120 {
		t.Fatalf("%d rows: the generator stopped early", d.N)
	}
	if m.total > maxHostileBytes {
		t.Errorf("%d rows: %s", d.N, m)
	}
	t.Logf("%d rows, %d fields: %s", d.N, len(d.Fields), m)
}

func TestAvazuCSVLineNumbersAndHeaders(t *testing.T) {
	for _, c := range []struct{ name, csv, want string }{
		{"blank lines", "click,hour,C1\n\n1,14102100,5\n\n\n0,bad,5\n", `t.csv:6: field 2 (hour): "bad"`},
		{"a quoted newline", "click,hour,C1\n1,14102100,\"a\nb\"\n2,14102100,5\n", `t.csv:4: field 1 (click): "2"`},
		{"a duplicate column", "click,hour,C1,C1\n", `t.csv:1: field 4 (C1): "C1" is defined twice: column 3 has the same name`},
		{"the header again (two files joined)", "click,hour,C1\n1,14102100,5\nclick,hour,C1\n", `t.csv:3: field 1 (click): "click" is not a valid value: want 0 or 1`},
		{"a long line", "click,hour,C1\n1,14102100," + strings.Repeat("9", MaxCSVLineBytes+10) + "\n", "t.csv:2: the line is longer than 65536 bytes"},
		{"a byte-order mark and a bad row", "\uFEFFclick,hour,C1\n1,14102100,5\n1,14102100\n", "t.csv:3: has 2 columns, the header 3"},
		{"an empty file", "", "t.csv:1: no header"},
	} {
		_, err := LoadAvazuCSV("t.csv", strings.NewReader(c.csv), AvazuOptions{})
		var pe *ParseError
		if err == nil || !strings.Contains(err.Error(), c.want) || !errors.As(err, &pe) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
	d, err := LoadAvazuCSV("t.csv", strings.NewReader("\uFEFFclick,hour,C1\r\n1,14102100,5\r\n"), AvazuOptions{})
	if err != nil || d.N != 1 {
		t.Fatalf("a byte-order mark and CRLF: %v", err)
	}
}
