package main

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"net/http"
	"reflect"
	"strconv"
	"testing"

	"github.com/andybalholm/brotli"

	"github.com/flsest/flsest/datasets"
)

// zipFiles reads every entry of a zip: name → contents, and name → method.
func zipFiles(t *testing.T, b []byte) (map[string][]byte, map[string]uint16) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	files, methods := map[string][]byte{}, map[string]uint16{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc) // to the end: checks the CRC-32
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		files[f.Name], methods[f.Name] = body, f.Method
	}
	return files, methods
}

func TestOfferedZipIsStoredAndEncoded(t *testing.T) {
	s := datasets.NewSynthetic(datasets.SyntheticOptions{Users: 60, Movies: 80, Ratings: 3000, Seed: 5})
	var deflated bytes.Buffer
	if err := datasets.WriteZip(&deflated, "ml-100k", s.MovieLens100KFiles()); err != nil {
		t.Fatal(err)
	}
	want, _ := zipFiles(t, deflated.Bytes())
	wantML, err := datasets.LoadMovieLens100K(mustOpenZip(t, deflated.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	h := newAppHandler(appRoot(t), deflated.Bytes())

	decoders := map[string]func(io.Reader) io.Reader{
		"br": func(r io.Reader) io.Reader { return brotli.NewReader(r) },
		"gzip": func(r io.Reader) io.Reader {
			z, err := gzip.NewReader(r)
			if err != nil {
				t.Fatal(err)
			}
			return z
		},
		"": func(r io.Reader) io.Reader { return r },
	}
	tags := map[string]bool{}
	for accept, enc := range map[string]string{"gzip, deflate, br, zstd": "br", "gzip, deflate": "gzip", "identity": ""} {
		w := getWith(t, h, "/data/ml-100k.zip", "Accept-Encoding", accept)
		if w.Code != 200 || w.Header().Get("Content-Encoding") != enc || w.Header().Get("Content-Type") != "application/zip" || w.Header().Get("Vary") != "Accept-Encoding" {
			t.Fatalf("%s: %d, Content-Encoding %q, Content-Type %q, Vary %q", accept, w.Code, w.Header().Get("Content-Encoding"), w.Header().Get("Content-Type"), w.Header().Get("Vary"))
		}
		body, err := io.ReadAll(decoders[enc](w.Body))
		if err != nil {
			t.Fatalf("%s: decoding: %v", accept, err)
		}
		if n, _ := strconv.Atoi(w.Header().Get("X-Decoded-Length")); n != len(body) {
			t.Errorf("%s: X-Decoded-Length %q, the decoded body has %d bytes", accept, w.Header().Get("X-Decoded-Length"), len(body))
		}
		got, methods := zipFiles(t, body)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the served zip's files differ from the offered zip's", accept)
		}
		for name, m := range methods {
			if m != zip.Store {
				t.Errorf("%s: %s has method %d, want stored", accept, name, m)
			}
		}
		// What the engine reads from it is what it reads from the original.
		ml, official, err := datasets.LoadMovieLens100KOfficial(mustOpenZip(t, body))
		if err != nil || official || !reflect.DeepEqual(ml, wantML) {
			t.Errorf("%s: loading the served zip: official %v, err %v, same data %v", accept, official, err, reflect.DeepEqual(ml, wantML))
		}
		tag := w.Header().Get("ETag")
		tags[tag] = true
		if w := getWith(t, h, "/data/ml-100k.zip", "Accept-Encoding", accept, "If-None-Match", tag); w.Code != http.StatusNotModified {
			t.Errorf("%s: If-None-Match %s: %d, want 304", accept, tag, w.Code)
		}
	}
	if len(tags) != 3 {
		t.Errorf("ETags %v: want one per encoding", tags)
	}
}

// A corrupt entry is not re-packed (its CRC-32 fails): the bytes go out as
// they came, and the engine names what is wrong with them.
func TestOfferedZipCorruptIsSentAsIs(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	f, _ := zw.CreateHeader(&zip.FileHeader{Name: "ml-100k/u.data", Method: zip.Store})
	f.Write([]byte("1\t2\t3\t4\n"))
	zw.Close()
	b := buf.Bytes()
	b[bytes.Index(b, []byte("1\t2"))] = '9' // the CRC-32 no longer matches
	w := getWith(t, newAppHandler(appRoot(t), b), "/data/ml-100k.zip", "Accept-Encoding", "br")
	if w.Code != 200 || w.Header().Get("Content-Encoding") != "" || !bytes.Equal(w.Body.Bytes(), b) {
		t.Errorf("%d, Content-Encoding %q, body sent as is: %v", w.Code, w.Header().Get("Content-Encoding"), bytes.Equal(w.Body.Bytes(), b))
	}
}

func mustOpenZip(t *testing.T, b []byte) fs.FS {
	t.Helper()
	fsys, err := datasets.OpenZip("ml-100k.zip", b)
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}
