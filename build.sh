#!/usr/bin/env bash
# build.sh — the project's commands. Run from anywhere; it works in the repo root.
#
#   ./build.sh serve [flags]   find or download the data, build both wasm modules, serve the app on localhost
#   ./build.sh test            gofmt, go vet, unit tests natively and under wasm, browser tests (Chromium);
#                              installs node and Chromium on Debian as root, else says what to install
#   ./build.sh train [flags]   train FLSEST on MovieLens-100k from the command line
#   ./build.sh data            locate MovieLens-100k, or download the official zip (sha256-checked)
#   ./build.sh build           only build the app into build/, for the browser tests (with their crash route)
#   ./build.sh bench           training-step benchmarks: native, wasm (node), Chromium beside TensorFlow.js;
#                              page load (bench/load.mjs); bench/importance.mjs times the importance views
#   ./build.sh browser-run     train the quick preset to the end in Chromium; compare with native
#   ./build.sh cf-dev [flags]  the app on Cloudflare Workers, locally: wrangler dev on http://127.0.0.1:8787/
#   ./build.sh cf-deploy       build and publish it to Cloudflare (wrangler deploy; README, "Deploying")
set -euo pipefail
cd "$(dirname "$0")"

die() { echo "build.sh: $*" >&2; exit 1; }
command -v go >/dev/null || die "Go is not installed (https://go.dev/dl/, Go 1.21 or newer: it fetches the pinned Go itself)"

# The toolchain: Go 1.27.3, fetched by the go command from the module proxy
# whatever Go is installed (go.mod's go line alone would not: an installed Go
# run with GOTOOLCHAIN=local, or a newer one, ignores it), with GOEXPERIMENT=simd
# for simd/archsimd, which the model's vector kernels use (model/kernels_vector.go).
export GOTOOLCHAIN=go1.27.3 GOEXPERIMENT=simd

# go test runs each package in its own directory: make a relative data path absolute.
if [ -n "${FLSEST_DATA:-}" ] && [ -e "$FLSEST_DATA" ]; then
	FLSEST_DATA=$(cd "$(dirname "$FLSEST_DATA")" && pwd)/$(basename "$FLSEST_DATA")
	export FLSEST_DATA
fi

# Native code builds at Go's default GOAMD64=v1 unless GOAMD64 is set: v1 to
# v4 train at the same speed here (BENCHMARKS.md: our code never fuses a
# multiply-add, model/fused_test.go), and from v3 on the standard library's
# own code does (math.Log1p, rand.NormFloat64 drawing the initial weights),
# which could make a native run's last bits differ from the browser's.

# wasm tests and benchmarks run under node through Go's go_js_wasm_exec.
wasm_env() { PATH="$PATH:$(go env GOROOT)/lib/wasm" GOOS=js GOARCH=wasm "$@"; }

# data makes sure MovieLens-100k is reachable: -data/FLSEST_DATA/the cache,
# else it downloads the official GroupLens zip and checks every file's sha256.
data() { go run ./cmd/flsest data -fetch "$@" >/dev/null; }

# build_app generates the Vugu code, builds the engine (worker) and the UI
# to wasm, writes the loaders, compresses them (NAME.br, NAME.gz: flsest
# serve sends these), and builds the native server into build/ (or
# $BUILD_DIR). With "debug" the engine has the browser tests' crash route
# (tag flsestdebug, wasm/worker/debug.go); serve and bench build without it.
build_app() {
	local tags="" out="${BUILD_DIR:-build}"
	[ "${1:-}" = debug ] && tags="-tags=flsestdebug"
	echo "== building the app into $out/${tags:+ ($tags)}" >&2
	mkdir -p "$out"
	go generate ./ui/...
	go run github.com/syumai/workers/cmd/workers-assets-gen -mode=go -runtime=browser -o "$out/workers" >/dev/null
	# nojsonv2: Go 1.27 backs encoding/json with json/v2, +0.18 MB brotli per
	# module; the classic code keeps both within 3 MB (BENCHMARKS.md, "Page load").
	# -s -w: no wasm name section or DWARF, 44 KB brotli less for the two
	# modules; Go's own panic traces (pclntab) keep their function names.
	local wasm_exp="${GOEXPERIMENT:+$GOEXPERIMENT,}nojsonv2"
	GOOS=js GOARCH=wasm GOEXPERIMENT="$wasm_exp" go build -trimpath -ldflags="-s -w" $tags -o "$out/engine.wasm" ./wasm/worker
	# The page's own packages without inlining: ui.wasm is 74 KB brotli smaller
	# (1,154,660 → 1,080,832), which keeps both modules within the 3.0 MB budget;
	# the page's code is its renders, not a hot loop (BENCHMARKS.md, "Long tasks").
	GOOS=js GOARCH=wasm GOEXPERIMENT="$wasm_exp" go build -trimpath -ldflags="-s -w" -gcflags='github.com/flsest/flsest/...=-l' -o "$out/ui.wasm" ./ui
	cp "$(go env GOROOT)/lib/wasm/wasm_exec.js" "$out/wasm_exec.js"
	go run ./cmd/precompress "$out/engine.wasm" "$out/ui.wasm" "$out/wasm_exec.js" "$out/workers/wasm_exec.js"
	go build -trimpath -o "$out/flsest" ./cmd/flsest
}

# cf_build builds the Cloudflare Worker (wasm/cloudflare, syumai/workers'
# Cloudflare runtime) into build/cf/worker, and copies the app's files, and
# only those, into build/cf/site, the Worker's static assets (wrangler.jsonc):
# never a dataset (MovieLens' licence forbids redistribution). The app is
# built apart, in build/cf/app, so build/ keeps what the browser tests built.
cf_build() {
	rm -rf build/cf
	BUILD_DIR=build/cf/app build_app
	echo "== building the Cloudflare Worker into build/cf/" >&2
	go run github.com/syumai/workers/cmd/workers-assets-gen -mode=go -runtime=cloudflare -o build/cf/worker >/dev/null
	GOOS=js GOARCH=wasm GOEXPERIMENT="${GOEXPERIMENT:+$GOEXPERIMENT,}nojsonv2" go build -trimpath -o build/cf/worker/app.wasm ./wasm/cloudflare
	mkdir -p build/cf/site/assets build/cf/site/build/workers
	cp index.html build/cf/site/
	find assets -maxdepth 1 -type f -exec cp {} build/cf/site/assets/ \; # regular files: no symlink leads out
	# The service worker keeps the modules' gzip copies for offline use (assets/sw.js).
	local app=build/cf/app
	cp $app/ui.wasm $app/ui.wasm.gz $app/engine.wasm $app/engine.wasm.gz $app/wasm_exec.js build/cf/site/build/
	cp $app/workers/wasm_exec.js build/cf/site/build/workers/
	cp cf/_headers build/cf/site/_headers
}

# wrangler runs npm's wrangler from cf/ (installed on first use).
wrangler() {
	command -v node >/dev/null || die "node is needed for wrangler (Debian: apt-get install nodejs)"
	(cd cf && { [ -x node_modules/.bin/wrangler ] || npm ci --no-audit --no-fund --silent; })
	WRANGLER_SEND_METRICS=false cf/node_modules/.bin/wrangler "$@"
}

# find_chromium sets FLSEST_CHROMIUM to a Chromium binary, if there is one.
find_chromium() {
	export FLSEST_CHROMIUM="${FLSEST_CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
	[ -x "$FLSEST_CHROMIUM" ]
}

# test_tools makes sure the wasm and browser tests' tools are here: node
# (with npm) and Chromium. On Debian as root it installs what is missing
# with apt-get; elsewhere the tests that need them are skipped, and the run
# ends by saying what to install (and fails: it did not test everything).
test_tools() {
	local missing=()
	{ command -v node >/dev/null && command -v npm >/dev/null; } || missing+=(nodejs npm)
	find_chromium || missing+=(chromium)
	if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		echo "== installing ${missing[*]} (apt-get)" >&2
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
		find_chromium || true
	fi
}

# test_data points FLSEST_DATA at MovieLens-100k for the real-data tests:
# the one given, the cache, or the official download (sha256-checked); with
# none (no network) those tests skip.
test_data() {
	[ -n "${FLSEST_DATA:-}" ] && return
	local path
	if path=$(go run ./cmd/flsest data -fetch 2>/dev/null) && [ -n "$path" ]; then
		FLSEST_DATA=$(cd "$(dirname "$path")" && pwd)/$(basename "$path")
		export FLSEST_DATA
	fi
}

# browser_tests runs e2e/ in Chromium through playwright-core.
browser_tests() {
	(cd e2e && { [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --silent; })
	node --test --test-concurrency=1 e2e/
	# The long-task budget once more: a timing test must hold twice in a row.
	node --test e2e/longtask.test.mjs
}

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
build)
	build_app debug
	;;
serve)
	# Data: -data, $FLSEST_DATA, the cache, or the official download; without
	# it the page asks for ml-100k.zip to be dropped on it.
	data_flag=()
	for a in "$@"; do [[ "$a" == -data* ]] && data_flag=(x); done
	[ ${#data_flag[@]} -gt 0 ] || data || echo "build.sh: no MovieLens-100k yet; the page will ask for ml-100k.zip" >&2
	build_app
	exec build/flsest serve "$@"
	;;
test)
	echo "== gofmt"
	unformatted=$("$(go env GOROOT)/bin/gofmt" -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -name '0_components_gen.go'))
	[ -z "$unformatted" ] || die "gofmt would change: $unformatted"
	# The lesson's MathML is generated from TeX with temml (node) and committed,
	# so serving needs no node; where node is, check it matches its TeX.
	if command -v node >/dev/null; then
		echo "== the lesson's MathML (tools/mathml) is up to date"
		(cd tools/mathml && { [ -d node_modules/temml ] || npm ci --no-audit --no-fund --silent; } && node generate.mjs --check) || die "the lesson's MathML is stale"
	fi
	build_app debug
	echo "== go vet (native and wasm)"
	go vet ./...
	wasm_env go vet ./...
	test_tools
	test_data
	skipped=()
	echo "== unit tests (FLSEST_DATA=${FLSEST_DATA:-unset: real-data tests skip})"
	go test -count=1 ./...
	if command -v node >/dev/null; then
		echo "== unit tests under wasm (node)"
		wasm_env go test -count=1 ./model/ ./datasets/ ./engine/edge/
		# The engine's inspection views (SEST, slices, projector): their pinned digest, under wasm too.
		wasm_env go test -count=1 -run 'Views|SESTRoute|Slices|Projector|Nearest|PCA2' ./engine/
	else
		skipped+=("the unit tests under wasm: install Node.js 18 or newer (Debian: apt-get install nodejs npm)")
	fi
	if command -v node >/dev/null && command -v npm >/dev/null && find_chromium; then
		echo "== browser tests (Chromium)"
		browser_tests
	else
		skipped+=("the browser tests (e2e/): install Node.js 18 or newer with npm, and Chromium (Debian: apt-get install nodejs npm chromium; or set FLSEST_CHROMIUM to a Chromium or Chrome binary)")
	fi
	if [ ${#skipped[@]} -gt 0 ]; then
		printf 'build.sh: not run: %s\n' "${skipped[@]}" >&2
		die "every other test passed; run ./build.sh test again once those are installed"
	fi
	echo "all tests passed"
	;;
bench)
	# Training-step benchmarks natively, under wasm (node) and in Chromium
	# beside TensorFlow.js; the table goes into BENCHMARKS.md.
	command -v node >/dev/null || die "node is needed for the wasm benchmarks"
	export FLSEST_CHROMIUM="${FLSEST_CHROMIUM:-$(command -v chromium || true)}"
	[ -x "$FLSEST_CHROMIUM" ] || die "Chromium is needed for the browser benchmark (Debian: apt-get install chromium)"
	mkdir -p build
	cp "$(go env GOROOT)/lib/wasm/wasm_exec.js" build/wasm_exec.js
	GOOS=js GOARCH=wasm go build -trimpath -o build/bench.wasm ./wasm/bench
	build_app # the app part trains in the page
	(cd bench && { [ -d node_modules/@tensorflow/tfjs ] || npm ci --no-audit --no-fund --silent; })
	(cd e2e && { [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --silent; }) # the app part drives the page as the tests do
	level=$(go env GOAMD64)
	echo "== native ($(go env GOARCH), GOAMD64=$level)"
	go test -run '^$' -bench 'Step' -benchtime 2s ./engine/ | tee build/bench-native.txt
	go test -run '^$' -bench 'Scaling' -benchtime 1s ./engine/ | tee build/bench-scaling.txt
	go test -run '^$' -bench 'Kernels' -benchtime 0.5s ./model/ | tee build/bench-kernels.txt
	echo "== native, GOAMD64=v3 (what a newer level would buy; our code is unfused at any level)"
	if grep -qw fma /proc/cpuinfo 2>/dev/null && grep -qw avx2 /proc/cpuinfo; then
		GOAMD64=v3 go test -run '^$' -bench 'Step' -benchtime 2s ./engine/ | tee build/bench-native-v3.txt
	else
		echo "this CPU has no AVX2/FMA: skipped" | tee build/bench-native-v3.txt
	fi
	echo "== wasm (node $(node --version))"
	wasm_env go test -run '^$' -bench 'Step' -benchtime 2s ./engine/ | tee build/bench-node.txt
	wasm_env go test -run '^$' -bench 'Scaling' -benchtime 1s ./engine/ | tee build/bench-scaling-node.txt
	wasm_env go test -run '^$' -bench 'Kernels' -benchtime 0.5s ./model/ | tee build/bench-kernels-node.txt
	# The vector kernels against the scalar ones in one process: training
	# steps and FLSEST's forward pass (what the importance views run).
	wasm_env go test -run '^$' -bench 'VectorSpeedup' -benchtime 1x ./model/ | tee build/bench-vector-node.txt
	if /usr/bin/python3 -c "import torch" 2>/dev/null; then
		echo "== PyTorch (Debian's python3-torch, one thread): the native peer"
		/usr/bin/python3 bench/pytorch_deepfm.py | tee build/bench-pytorch.txt
	else
		echo "== PyTorch: not installed (Debian: apt-get install python3-torch); skipped"
	fi
	echo "== Chromium"
	node bench/run.mjs --native build/bench-native.txt --level "$level" --native-v3 build/bench-native-v3.txt --node build/bench-node.txt --scaling build/bench-scaling.txt --scaling-node build/bench-scaling-node.txt --kernels build/bench-kernels.txt --kernels-node build/bench-kernels-node.txt --write BENCHMARKS.md "$@"
	echo "== page load: paint, ready, bytes on the wire (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
	node bench/load.mjs --write BENCHMARKS.md
	;;
browser-run)
	[ -n "${FLSEST_DATA:-}" ] || die "set FLSEST_DATA to MovieLens-100k (the run also trains natively)"
	build_app
	export FLSEST_CHROMIUM="${FLSEST_CHROMIUM:-$(command -v chromium || true)}"
	(cd e2e && { [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --silent; })
	node e2e/full-run.mjs "$@"
	;;
cf-dev)
	# The page asks for ml-100k.zip here: the Worker offers no dataset.
	cf_build
	wrangler dev --config wrangler.jsonc --ip 127.0.0.1 "$@"
	;;
cf-deploy)
	# Needs a Cloudflare account: `cf/node_modules/.bin/wrangler login` once,
	# or CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID in the environment.
	cf_build
	wrangler deploy --config wrangler.jsonc "$@"
	;;
help|-h|--help)
	sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
	;;
*)
	die "unknown command $cmd (train, test, data, build, serve, bench, browser-run, cf-dev, cf-deploy)"
	;;
esac
