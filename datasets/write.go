package datasets

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// MovieLens100KFiles renders ml in the original file formats (u.item titles
// in Latin-1), keyed by file name. With it, tests and demos build
// MovieLens-shaped directories and zips from synthetic data.
func (ml *MovieLens) MovieLens100KFiles() map[string][]byte {
	var info, genre, occ, user, item, data bytes.Buffer
	fmt.Fprintf(&info, "%d users\n%d items\n%d ratings\n", len(ml.Users), len(ml.Movies), len(ml.Ratings))
	for i, g := range ml.Genres {
		fmt.Fprintf(&genre, "%s|%d\n", g, i)
	}
	genre.WriteString("\n") // the official file ends with a blank line
	for _, o := range ml.Occupations {
		fmt.Fprintln(&occ, o)
	}
	for _, u := range ml.Users {
		fmt.Fprintf(&user, "%d|%d|%s|%s|%s\n", u.ID, u.Age, u.Gender, u.Occupation, u.Zip)
	}
	for _, m := range ml.Movies {
		date := ""
		if m.Year != 0 {
			date = fmt.Sprintf("01-Jan-%d", m.Year)
		}
		flags := make([]string, len(ml.Genres))
		for g := range flags {
			flags[g] = "0"
		}
		for _, g := range m.Genres {
			flags[g] = "1"
		}
		fmt.Fprintf(&item, "%d|%s|%s||http://example.invalid/%d|%s\n", m.ID, toLatin1(m.Title), date, m.ID, strings.Join(flags, "|"))
	}
	for _, r := range ml.Ratings {
		fmt.Fprintf(&data, "%d\t%d\t%d\t%d\n", ml.Users[r.User].ID, ml.Movies[r.Item].ID, r.Rating, r.Time)
	}
	return map[string][]byte{
		"u.info": info.Bytes(), "u.genre": genre.Bytes(), "u.occupation": occ.Bytes(),
		"u.user": user.Bytes(), "u.item": item.Bytes(), "u.data": data.Bytes(),
	}
}

func toLatin1(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0xff {
			r = '?'
		}
		b = append(b, byte(r))
	}
	return string(b)
}

// WriteDir writes files into dir, creating it.
func WriteDir(dir string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// WriteZip writes files into a zip archive under the folder top (as the
// official ml-100k.zip keeps them under "ml-100k/"), in sorted name order.
func WriteZip(w io.Writer, top string, files map[string][]byte) error {
	zw := zip.NewWriter(w)
	for _, name := range sortedKeys(files) {
		h := &zip.FileHeader{Name: top + "/" + name, Method: zip.Deflate, Modified: time.Date(1998, 4, 23, 0, 0, 0, 0, time.UTC)}
		f, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := f.Write(files[name]); err != nil {
			return err
		}
	}
	return zw.Close()
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
