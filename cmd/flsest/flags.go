package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/flsest/flsest/engine"
	"github.com/flsest/flsest/model"
)

// reportedError is a flag error the flag package has already printed,
// with the usage: main exits without printing it again.
type reportedError struct{ error }

func (e reportedError) Unwrap() error { return e.error }

// parseFlags parses args with fl (flag.ContinueOnError, output on stderr).
// -h returns flag.ErrHelp (main exits 0); a bad flag, which fl has
// reported, returns a reportedError.
func parseFlags(fl *flag.FlagSet, args []string) error {
	err := fl.Parse(args)
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return err
	}
	return reportedError{err}
}

// settingFlags declares -preset and one flag per training setting on fl;
// after fl.Parse, the returned function gives the config engine's Apply
// makes of them: the preset, then the flags given, then Validate (errors
// in the CLI's terms).
func settingFlags(fl *flag.FlagSet, stderr io.Writer, usage string) func() (engine.TrainConfig, error) {
	preset := fl.String("preset", "quick", "preset the other flags start from: "+strings.Join(engine.PresetNames(), ", "))
	defaults, _ := engine.Preset("quick")
	for _, s := range engine.Settings() {
		if s.Name == "preset" {
			continue
		}
		help := s.Help
		if d := defaults.Get(s.Name); d != "" && d != "0" && d != "false" {
			help += " (quick: " + d + ")"
		}
		fl.Var(&settingFlag{isBool: s.Kind == "bool"}, flagName(s.Name), help)
	}
	fl.Usage = func() {
		fmt.Fprintln(stderr, usage)
		fl.PrintDefaults()
	}
	return func() (engine.TrainConfig, error) {
		set := map[string]string{}
		fl.Visit(func(f *flag.Flag) {
			if _, ok := f.Value.(*settingFlag); ok {
				set[strings.ReplaceAll(f.Name, "-", "_")] = f.Value.String()
			}
		})
		cfg, err := engine.TrainConfig{}.Apply(*preset, set)
		if err != nil {
			return cfg, flagError(err)
		}
		return cfg, nil
	}
}

// settingFlag holds a setting's text until the preset is known; bool
// settings take no value (-context), like flag.Bool.
type settingFlag struct {
	value  string
	isBool bool
}

func (f *settingFlag) String() string     { return f.value }
func (f *settingFlag) Set(v string) error { f.value = v; return nil }
func (f *settingFlag) IsBoolFlag() bool   { return f.isBool }

func flagName(name string) string { return strings.ReplaceAll(name, "_", "-") }

// flagError rewords a ConfigError in the CLI's terms: "-dropout: 1 is out
// of range [0, 1)".
func flagError(err error) error {
	var ce *model.ConfigError
	if errors.As(err, &ce) {
		return fmt.Errorf("-%s: %s", flagName(ce.Field), ce.Message)
	}
	return err
}

// checkWritable makes sure a file can be written at path before a long run
// ends by failing to: its directory exists and takes a new file, and an
// existing path is a regular file open for writing. It leaves no file
// behind and does not change an existing one.
func checkWritable(path string) error {
	if st, err := os.Stat(path); err == nil {
		if !st.Mode().IsRegular() {
			return fmt.Errorf("%s is not a regular file", path)
		}
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		return f.Close()
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".flsest-save-check-*")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("cannot create %s: %w", path, err)
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}
