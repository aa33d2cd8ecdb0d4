//go:build js && wasm

package main

import (
	"log"
	"net/http"
	"syscall/js"

	"github.com/flsest/flsest/engine"
	"github.com/syumai/workers"
)

func main() {
	// The same module is a data-parallel helper in assets/engine-replica.js.
	if js.Global().Get("flsestReplicaMode").Truthy() {
		serveReplica()
		return
	}
	cfg, err := engine.Preset("quick")
	if err != nil {
		log.Fatal(err)
	}
	runner, err := engine.NewRunner(cfg)
	if err != nil {
		log.Fatal(err)
	}
	// Set before serving: the training loop reads it only once a request wakes it.
	runner.Yield = eventLoopYield()
	runner.NewReplicas = newWebWorkerReplicas
	mux := http.NewServeMux()
	mux.Handle("/", engine.NewHandler(runner))
	// The crash path's test hook: a panic outside any handler ends this Go
	// instance, as a real bug would; the page must say so and offer a restart.
	mux.HandleFunc("POST /api/debug/crash", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusAccepted)
		go func() { panic("crash requested through /api/debug/crash") }()
	})
	// ServeNonBlock + Ready keeps this instance serving every request
	// (workers.Serve would return after the first; docs/design.md).
	workers.ServeNonBlock(mux)
	workers.Ready()
	select {}
}
