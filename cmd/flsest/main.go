package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run runs the command in args and returns the exit status: 0 on success
// and for -h, 2 for a bad command line (said once, with the usage), 1 for
// any other error.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) < 1 {
		usage(stderr)
		return 2
	}
	var err error
	switch args[0] {
	case "train":
		err = runTrain(args[1:], stdout, stderr)
	case "data":
		err = runData(args[1:])
	case "serve":
		err = runServe(args[1:], stdout, stderr)
	case "reproduce":
		err = runReproduce(args[1:], stdout, stderr)
	case "explain":
		err = runExplain(args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		usage(stderr)
		return 0
	default:
		fmt.Fprintf(stderr, "flsest: unknown command %q\n", args[0])
		usage(stderr)
		return 2
	}
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp): // -h: the command printed its flags
		return 0
	case errors.As(err, new(reportedError)): // the flag package printed it, with the usage
		return 2
	default:
		fmt.Fprintln(stderr, "flsest:", err)
		return 1
	}
}

func usage(w io.Writer) {
	fmt.Fprint(w, `usage:
  flsest train [flags]   train FLSEST on MovieLens-100k; test metrics at the best-validation epoch
  flsest data  [flags]   locate, verify (-verify) or download (-fetch) MovieLens-100k
  flsest serve [flags]   serve the browser app on localhost (./build.sh serve builds it first)
  flsest reproduce [flags]  run the paper's tables and figures (parallel, resumable) and write Markdown
  flsest explain [flags]    which fields matter: permutation importance, mean |Shapley value| and SEST's weights per field
Run "flsest <command> -h" for the flags of a command.
`)
}
