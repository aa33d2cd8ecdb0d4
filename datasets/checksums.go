package datasets

import (
	"bufio"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// ml100kSums holds the sha256 of every file of the official ml-100k.zip that
// we know (hashes are facts, not data; allbut.pl and mku.sh are not listed
// and not used).
//
//go:embed ml-100k.sha256
var ml100kSums string

// MovieLens100KSums returns file name → hex sha256 of the official files.
func MovieLens100KSums() map[string]string {
	sums := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(ml100kSums))
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) == 2 {
			sums[f[1]] = f[0]
		}
	}
	return sums
}

// VerifyMovieLens100K checks that every file fsys holds of the official
// list has the official sha256, and that the files the loader needs are
// present. It reports every mismatch, sorted by file name.
func VerifyMovieLens100K(fsys fs.FS) error {
	var bad []string
	sums := MovieLens100KSums()
	names := make([]string, 0, len(sums))
	for n := range sums {
		names = append(names, n)
	}
	sort.Strings(names)
	required := map[string]bool{}
	for _, n := range movieLensFiles {
		required[n] = true
	}
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			if required[name] {
				bad = append(bad, fmt.Sprintf("%s: %v", name, fileError(err)))
			}
			continue
		}
		got := sha256.Sum256(b)
		if hex.EncodeToString(got[:]) != sums[name] {
			bad = append(bad, fmt.Sprintf("%s: sha256 %x, want %s", name, got[:6], sums[name][:12]))
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("not the official MovieLens-100k: %s", strings.Join(bad, "; "))
	}
	return nil
}

// officialMovieLens100K reports whether every file of raw (name → bytes) has
// its official sha256. The engine asks it of the files it read: they are
// what it trains on, so they decide whether results are on GroupLens' data
// (VerifyMovieLens100K, for the CLI, checks every official file present).
func officialMovieLens100K(raw map[string][]byte) bool {
	sums := MovieLens100KSums()
	for name, b := range raw {
		got := sha256.Sum256(b)
		if hex.EncodeToString(got[:]) != sums[name] {
			return false
		}
	}
	return true
}
