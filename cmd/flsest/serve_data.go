package main

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/andybalholm/brotli"
)

// offeredZip is the dataset as /data/ml-100k.zip sends it: the same files,
// re-packed with every entry stored (not deflated), and sent compressed as
// a whole with the best Content-Encoding the browser accepts. The browser
// then decodes it natively while it downloads, and the engine, Go in wasm,
// only reads the entries and checks their CRC-32s: inflating them in Go took
// 0.12–0.4 s of the page's start in Chromium (BENCHMARKS.md, "The engine's
// data path"). Bytes that are not a readable zip are sent as they are (the
// engine then reports what is wrong with them).
type offeredZip struct {
	body   []byte        // the stored zip (or the bytes as given), what identity gets
	tag    string        // body's content tag; encodings append .br / .gz
	packed chan struct{} // closed once br and gz are made
	br, gz []byte        // body compressed; nil if body is not a zip re-packed here
}

// offeredBrotliQuality is brotli's level for the offered zip: 4 packs
// MovieLens-100k's 2.2 MB to 0.82 MB (its deflated zip: 0.92 MB) in 0.29 s
// on a 2-core machine at a load of 10; 5–7 give 0.82–0.84 MB and take up
// to twice as long.
const offeredBrotliQuality = 4

// newOfferedZip re-packs b now and compresses it in the background, so the
// server answers at once; the first request for the zip waits for it.
func newOfferedZip(b []byte) *offeredZip {
	o := &offeredZip{body: b, packed: make(chan struct{})}
	stored, err := storedZip(b)
	if err != nil {
		close(o.packed)
		o.tag = contentTag(b)
		return o
	}
	o.body, o.tag = stored, contentTag(stored)
	go func() {
		defer close(o.packed)
		var br, gz bytes.Buffer
		bw := brotli.NewWriterLevel(&br, offeredBrotliQuality)
		bw.Write(stored)
		bw.Close()
		gw := gzip.NewWriter(&gz)
		gw.Write(stored)
		gw.Close()
		o.br, o.gz = br.Bytes(), gz.Bytes()
	}()
	return o
}

// storedZip re-packs a zip with every entry stored, keeping names, times,
// order and contents (reading each entry to its end checks its CRC-32).
func storedZip(b []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		h := f.FileHeader
		h.Method = zip.Store
		h.Extra = nil // sizes and offsets change; the writer writes its own
		h.CompressedSize64, h.UncompressedSize64, h.CompressedSize, h.UncompressedSize = 0, 0, 0, 0
		w, err := zw.CreateHeader(&h)
		if err != nil {
			return nil, err
		}
		if f.Mode().IsDir() {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		_, err = io.Copy(w, rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// serve sends the zip in the encoding r accepts. X-Decoded-Length is the
// body's size once decoded, for the page's download progress: with a
// Content-Encoding, Content-Length counts the encoded bytes.
func (o *offeredZip) serve(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Add("Vary", "Accept-Encoding")
	w.Header().Set("X-Decoded-Length", strconv.Itoa(len(o.body)))
	<-o.packed
	body, tag := o.body, o.tag
	br, gz := acceptedEncodings(r.Header.Get("Accept-Encoding"))
	switch {
	case br && o.br != nil:
		body, tag = o.br, tag+".br"
		w.Header().Set("Content-Encoding", "br")
	case gz && o.gz != nil:
		body, tag = o.gz, tag+".gz"
		w.Header().Set("Content-Encoding", "gzip")
	}
	w.Header().Set("ETag", `"`+tag+`"`)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}
