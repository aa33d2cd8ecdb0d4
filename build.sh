#!/usr/bin/env bash
# build.sh — the project's commands. Run from anywhere; it works in the repo root.
#
#   ./build.sh train [flags]   train FLSEST on MovieLens-100k (finds or downloads the data)
#   ./build.sh test            gofmt, go vet, unit tests natively and under wasm
#   ./build.sh data            locate MovieLens-100k, or download the official zip (sha256-checked)
#   ./build.sh bench           training-step benchmarks, natively and under wasm (node)
set -euo pipefail
cd "$(dirname "$0")"

die() { echo "build.sh: $*" >&2; exit 1; }
command -v go >/dev/null || die "Go is not installed (https://go.dev/dl/, Go 1.26 or newer)"

# go test runs each package in its own directory: make a relative data path absolute.
if [ -n "${FLSEST_DATA:-}" ] && [ -e "$FLSEST_DATA" ]; then
	FLSEST_DATA=$(cd "$(dirname "$FLSEST_DATA")" && pwd)/$(basename "$FLSEST_DATA")
	export FLSEST_DATA
fi

# wasm tests and benchmarks run under node through Go's go_js_wasm_exec.
wasm_env() { PATH="$PATH:$(go env GOROOT)/lib/wasm" GOOS=js GOARCH=wasm "$@"; }

# data makes sure MovieLens-100k is reachable: -data/FLSEST_DATA/the cache,
# else it downloads the official GroupLens zip and checks every file's sha256.
data() { go run ./cmd/flsest data -fetch "$@" >/dev/null; }

cmd=${1:-help}
shift || true
case "$cmd" in
train)
	data_flag=()
	for a in "$@"; do [[ "$a" == -data* ]] && data_flag=(x); done
	[ ${#data_flag[@]} -gt 0 ] || data
	go run ./cmd/flsest train "$@"
	;;
data)
	go run ./cmd/flsest data -fetch -verify "$@"
	;;
test)
	echo "== gofmt"
	unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
	[ -z "$unformatted" ] || die "gofmt would change: $unformatted"
	echo "== go vet (native and wasm)"
	go vet ./...
	wasm_env go vet ./model/ ./datasets/ ./engine/
	echo "== unit tests (FLSEST_DATA=${FLSEST_DATA:-unset: real-data tests skip})"
	go test -count=1 ./...
	echo "== unit tests under wasm (node)"
	command -v node >/dev/null || die "node is needed for the wasm tests (Debian: apt-get install nodejs)"
	wasm_env go test -count=1 ./model/ ./datasets/
	echo "all tests passed"
	;;
bench)
	command -v node >/dev/null || die "node is needed for the wasm benchmarks"
	echo "== native ($(go env GOARCH), GOAMD64=${GOAMD64:-$(go env GOAMD64)})"
	go test -run '^$' -bench 'TrainStep' -benchtime 3s ./model/
	echo "== wasm (node $(node --version))"
	wasm_env go test -run '^$' -bench 'TrainStep' -benchtime 3s ./model/
	;;
help|-h|--help)
	sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
	;;
*)
	die "unknown command $cmd (train, test, data, bench)"
	;;
esac
