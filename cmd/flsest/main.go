// Command flsest trains and inspects FLSEST on MovieLens-100k.
//
//	flsest train [flags]   train, validate each epoch, test at the best epoch
//	flsest data  [flags]   locate, verify or download MovieLens-100k
//	flsest serve [flags]   serve the browser app (after ./build.sh serve has built it)
//	flsest reproduce [flags]  the paper's Tables 1–5 and Figures 5–9, with its numbers beside ours
//	flsest explain [flags]    which fields matter: permutation importance, Shapley values, SEST's weights
//
// Run "flsest train -h" for the flags.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		usage()
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "train":
		err = runTrain(os.Args[2:], os.Stdout, os.Stderr)
	case "data":
		err = runData(os.Args[2:])
	case "serve":
		err = runServe(os.Args[2:], os.Stdout, os.Stderr)
	case "reproduce":
		err = runReproduce(os.Args[2:], os.Stdout, os.Stderr)
	case "explain":
		err = runExplain(os.Args[2:], os.Stdout, os.Stderr)
	case "-h", "-help", "--help", "help":
		usage()
		return
	default:
		fmt.Fprintf(os.Stderr, "flsest: unknown command %q\n", os.Args[1])
		usage()
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "flsest:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprint(os.Stderr, `usage:
  flsest train [flags]   train FLSEST on MovieLens-100k; test metrics at the best-validation epoch
  flsest data  [flags]   locate, verify (-verify) or download (-fetch) MovieLens-100k
  flsest serve [flags]   serve the browser app on localhost (./build.sh serve builds it first)
  flsest reproduce [flags]  run the paper's tables and figures (parallel, resumable) and write Markdown
  flsest explain [flags]    which fields matter: permutation importance, mean |Shapley value| and SEST's weights per field
Run "flsest <command> -h" for the flags of a command.
`)
}
