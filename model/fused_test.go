package model

import (
	"os/exec"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// fusedMultiplyAdd matches the fused multiply-add instructions of amd64
// (VFMADD231SS, VFNMSUB…) and arm64 (FMADDS, FMSUBD, FNMADDS…) in the
// compiler's assembly listing.
var fusedMultiplyAdd = regexp.MustCompile(`\(([^()\s]+\.go:[0-9]+)\)\s+(V?FN?M(?:ADD|SUB)[0-9A-Z]*)\s`)

// TestNoFusedMultiplyAdd compiles the training code for the targets that
// fuse a*b+c into one instruction — amd64 from GOAMD64=v3, and arm64 — and
// fails on any fused instruction. A fused step rounds once where wasm
// rounds twice, so the same run would end with other weights in the browser
// than natively; the code rounds each product with an explicit conversion,
// T(a*b), which the Go spec says a compiler must not fuse across. Inlining
// compiles model code into its importers, so those are listed too.
func TestNoFusedMultiplyAdd(t *testing.T) {
	if runtime.GOOS == "js" || testing.Short() {
		t.Skip("needs the go command")
	}
	targets := [][]string{{"GOARCH=amd64", "GOAMD64=v3"}, {"GOARCH=amd64", "GOAMD64=v4"}, {"GOARCH=arm64"}}
	seen := map[string]map[string]bool{} // file:line → "target instruction"
	for _, env := range targets {
		cmd := exec.Command("go", "build", "-gcflags=-S", "./model", "./engine", "./datasets")
		cmd.Dir = ".."
		cmd.Env = append(cmd.Environ(), append(env, "GOOS=linux", "CGO_ENABLED=0")...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s go build -gcflags=-S: %v\n%.2000s", strings.Join(env, " "), err, out)
		}
		for _, m := range fusedMultiplyAdd.FindAllStringSubmatch(string(out), -1) {
			where := m[1]
			if strings.HasSuffix(where, "_test.go") {
				continue
			}
			if seen[where] == nil {
				seen[where] = map[string]bool{}
			}
			seen[where][strings.Join(env, " ")+" "+m[2]] = true
		}
	}
	var where []string
	for w := range seen {
		where = append(where, w)
	}
	sort.Strings(where)
	for _, w := range where {
		var how []string
		for h := range seen[w] {
			how = append(how, h)
		}
		sort.Strings(how)
		t.Errorf("%s: fused multiply-add (%s); round the product with T(a*b)", w, strings.Join(how, ", "))
	}
}
