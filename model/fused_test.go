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
// (VFMADD231SS, VFMADD213PS, VFNMSUB…), arm64 (FMADDS, FMSUBD, FNMADDS…)
// and wasm's relaxed SIMD (F32x4RelaxedMadd, F64x2RelaxedNmadd) in the
// compiler's assembly listing; listedLine matches any instruction's source
// position, so an empty or unparsed listing cannot pass.
var (
	fusedMultiplyAdd = regexp.MustCompile(`\((\S+\.go):(\d+)\)\s+(V?FN?M(?:ADD|SUB)[0-9A-Z]*|F(?:32x4|64x2)RelaxedN?[Mm]add)\s`)
	listedLine       = regexp.MustCompile(`\(github\.com/flsest/flsest/model/kernels\.go:\d+\)\s`)
)

// vectorKernelFile is the file of the vector kernels a target with
// GOEXPERIMENT=simd compiles, which its listing must then show.
var vectorKernelFile = map[string]string{"amd64": "kernels_vector_x8_amd64.go", "wasm": "kernels_vector_x4_wasm.go"}

// trainingCode is where a fused multiply-add would change a training run's
// bits: the model, the engine that drives it and the data it reads. The
// packages compiled below include their importers, since inlining compiles
// model code there too; other code (plots, figures) may fuse.
var trainingCode = regexp.MustCompile(`^github\.com/flsest/flsest/(model|engine|datasets)/[^/]+\.go$`)

// TestNoFusedMultiplyAdd compiles the training code for the targets that
// fuse a*b+c into one instruction — amd64 from GOAMD64=v3, and arm64 — and
// for wasm (relaxed SIMD has a fused multiply-add), each with the vector
// kernels of GOEXPERIMENT=simd (whose MulAdd would fuse) and without, and
// fails on any fused instruction in it. A fused step rounds once where wasm
// rounds twice, so the same run would end with other weights in the browser
// than natively; the code rounds each product with an explicit conversion,
// T(a*b), which the Go spec says a compiler must not fuse across. (The
// standard library is not ours to change and does fuse at those targets:
// BENCHMARKS.md, "Native vs wasm numerics".)
func TestNoFusedMultiplyAdd(t *testing.T) {
	if runtime.GOOS == "js" || testing.Short() {
		t.Skip("needs the go command")
	}
	targets := [][]string{
		{"GOOS=linux", "GOARCH=amd64", "GOAMD64=v3", "GOEXPERIMENT=simd"},
		{"GOOS=linux", "GOARCH=amd64", "GOAMD64=v4", "GOEXPERIMENT=simd"},
		{"GOOS=linux", "GOARCH=amd64", "GOAMD64=v4", "GOEXPERIMENT="},
		{"GOOS=linux", "GOARCH=arm64", "GOEXPERIMENT="},
		{"GOOS=js", "GOARCH=wasm", "GOEXPERIMENT=simd"},
		{"GOOS=js", "GOARCH=wasm", "GOEXPERIMENT="},
	}
	seen := map[string]map[string]bool{} // file:line → "target instruction"
	for _, env := range targets {
		target := strings.Join(env, " ")
		// -trimpath: positions read github.com/flsest/flsest/…, whatever the checkout's path.
		program := "./cmd/flsest" // the program, whose inlined model code compiles with it
		if env[0] == "GOOS=js" {
			program = "./wasm/worker"
		}
		cmd := exec.Command("go", "build", "-trimpath", "-o", "/dev/null", "-gcflags=-S", "./model", "./engine", "./datasets", program)
		cmd.Dir = ".."
		cmd.Env = append(cmd.Environ(), append(env, "CGO_ENABLED=0")...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s go build -gcflags=-S: %v\n%.2000s", target, err, out)
		}
		if !listedLine.Match(out) {
			t.Fatalf("%s: no instruction of model/kernels.go in the assembly listing (%d bytes): has its format changed?", target, len(out))
		}
		arch := strings.TrimPrefix(env[1], "GOARCH=")
		if f := vectorKernelFile[arch]; env[len(env)-1] == "GOEXPERIMENT=simd" && !strings.Contains(string(out), "/model/"+f+":") {
			t.Fatalf("%s: no instruction of model/%s in the assembly listing: are the vector kernels still built?", target, f)
		}
		for _, m := range fusedMultiplyAdd.FindAllStringSubmatch(string(out), -1) {
			if !trainingCode.MatchString(m[1]) || strings.HasSuffix(m[1], "_test.go") {
				continue
			}
			where := m[1] + ":" + m[2]
			if seen[where] == nil {
				seen[where] = map[string]bool{}
			}
			seen[where][target+" "+m[3]] = true
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
		t.Errorf("%s: fused multiply-add (%s); round the product with T(a*b) (vectors: Mul then Add, not MulAdd)", w, strings.Join(how, ", "))
	}
}
