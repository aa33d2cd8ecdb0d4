// Command precompress writes NAME.br (brotli, quality 11) and NAME.gz (gzip,
// best compression) beside each file it is given, stamped with the file's
// modification time, so `flsest serve` sends the wasm modules compressed
// without compressing them per request. ./build.sh build runs it on build/.
//
//	go run ./cmd/precompress build/engine.wasm build/ui.wasm …
package main
