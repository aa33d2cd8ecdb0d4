//go:build js && wasm

package main

import (
	"encoding/json"
	"strconv"
	"strings"
	"syscall/js"

	"github.com/flsest/flsest/engine"
)

func main() {
	js.Global().Set("flsestStepBench", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) != 5 {
			return jsError("flsestStepBench(model, batch, hidden, warmup, steps): got " + strconv.Itoa(len(args)) + " arguments")
		}
		var hidden []int
		if h := args[2].String(); h != "" {
			for _, s := range strings.Split(h, ",") {
				n, err := strconv.Atoi(s)
				if err != nil {
					return jsError("hidden " + strconv.Quote(h) + ": " + err.Error())
				}
				hidden = append(hidden, n)
			}
		}
		sb, err := engine.NewStepBench(args[0].String(), args[1].Int(), hidden)
		if err != nil {
			return jsError(err.Error())
		}
		r, err := sb.Run(args[3].Int(), args[4].Int())
		if err != nil {
			return jsError(err.Error())
		}
		b, _ := json.Marshal(r)
		return string(b)
	}))
	js.Global().Call("dispatchEvent", js.Global().Get("Event").New("flsest-bench-ready"))
	select {}
}

func jsError(msg string) any { return js.Global().Get("Error").New(msg) }
