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
	addDebugRoutes(mux) // test builds only (debug.go)
	// ServeNonBlock + Ready keeps this instance serving every request
	// (workers.Serve would return after the first; docs/design.md).
	workers.ServeNonBlock(mux)
	workers.Ready()
	select {}
}
