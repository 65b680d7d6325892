package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/ident"
	"github.com/kartoitus/kartoitus/report"
)

// env is what a command gets: its arguments and the process streams, so
// the whole CLI runs in-process in tests.
type env struct {
	args   []string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(e env) error
	hidden  bool
}

// commands lists the subcommands in help order. Each lives in its own file.
func commands() []command {
	return []command{
		{name: "assess", summary: "run the whole assessment and write the report folder", run: runAssess},
		{name: "catalog", summary: "list, search, show, validate or import the national Sosmeta catalogue", run: runCatalog},
		{name: "inventory", summary: "read an inventory and show how its columns and rows were understood", run: runInventory},
		{name: "template", summary: "write a blank inventory workbook with drop-down lists", run: runTemplate},
		{name: "map", summary: "map inventory documents to national document types and show coverage", run: runMap},
		{name: "registers", summary: "check a register export for mixed registers (CI gate)", run: runRegisters},
		{name: "retention", summary: "find TOS/AMS retention gaps and draft TOS rows", run: runRetention},
		{name: "graph", summary: "draw current-state, target-state and comparison graphs", run: runGraph},
		{name: "diff", summary: "compare two assessments: fixed and new findings", run: runDiff},
		{name: "version", summary: "print the version", run: runVersion},
	}
}

// run is the whole program: it returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	report.Version = version()
	if !revealIDs(args) {
		// Errors and warnings echo file names, sheet names and config
		// values: no client id reaches the terminal in full.
		rw := ident.NewWriter(stderr)
		defer rw.Close()
		stderr = rw
	}
	err := dispatch(env{args: args, stdin: stdin, stdout: stdout, stderr: stderr})
	code := exitCode(err)
	if err != nil && !errors.Is(err, kartoitus.ErrFindings) && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(stderr, "kartoitus: %v\n", err)
		if errors.Is(err, kartoitus.ErrUsage) {
			fmt.Fprintln(stderr, "Run 'kartoitus help' for usage.")
		}
	}
	return code
}

// revealIDs reports whether the command line asks for client ids in full
// (--reveal-ids, before any "--"). It is read here, not from the command's
// flag set, so that flag errors are redacted as well.
func revealIDs(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-reveal-ids", "--reveal-ids", "-reveal-ids=true", "--reveal-ids=true":
			return true
		}
	}
	return false
}

// exitCode is the one place errors become exit codes.
func exitCode(err error) int {
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return kartoitus.ExitOK
	case errors.Is(err, kartoitus.ErrFindings):
		return kartoitus.ExitFindings
	case errors.Is(err, kartoitus.ErrNotRecognised):
		return kartoitus.ExitNotRecognised
	case errors.Is(err, kartoitus.ErrUsage), errors.Is(err, kartoitus.ErrUnreadable):
		return kartoitus.ExitUsage
	default:
		// Anything else (an I/O error writing a report, an analysis that
		// failed) is not a clean run and not a findings verdict either.
		return kartoitus.ExitUsage
	}
}

func dispatch(e env) error {
	if len(e.args) == 0 {
		usage(e.stderr)
		return usageErr("no command given")
	}
	name, rest := e.args[0], e.args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 {
			return dispatch(env{args: []string{rest[0], "-h"}, stdin: e.stdin, stdout: e.stdout, stderr: e.stderr})
		}
		usage(e.stdout)
		return nil
	case "-version", "--version":
		name = "version"
	}
	for _, c := range commands() {
		if c.name == name {
			e.args = rest
			return c.run(e)
		}
	}
	return usageErr("unknown command %q", name)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "kartoitus: social-welfare records assessment against the national Sosmeta catalogue")
	fmt.Fprintln(w, "\nUsage: kartoitus <command> [flags] [arguments]\n\nCommands:")
	for _, c := range commands() {
		if !c.hidden {
			fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
		}
	}
	fmt.Fprintln(w, "\nExit codes: 0 ran clean (nothing at or above --fail-on), 1 findings at or above --fail-on,")
	fmt.Fprintln(w, "2 usage error or unreadable input, 3 input readable but nothing recognised.")
	fmt.Fprintln(w, "Run 'kartoitus help <command>' for a command's flags.")
}

// usageErr wraps kartoitus.ErrUsage.
func usageErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", kartoitus.ErrUsage, fmt.Sprintf(format, args...))
}

// unreadable wraps kartoitus.ErrUnreadable unless err already carries a
// sentinel (so ErrNotRecognised from a reader keeps exit code 3).
func unreadable(err error) error {
	if err == nil {
		return nil
	}
	for _, s := range []error{kartoitus.ErrUnreadable, kartoitus.ErrNotRecognised, kartoitus.ErrUsage, kartoitus.ErrFindings} {
		if errors.Is(err, s) {
			return err
		}
	}
	return fmt.Errorf("%w: %v", kartoitus.ErrUnreadable, err)
}

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func runVersion(e env) error {
	fmt.Fprintln(e.stdout, "kartoitus", version())
	return nil
}

// newFlags returns a flag set that reports errors instead of exiting and
// writes its help to stderr.
func newFlags(e env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: kartoitus %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses and wraps errors as usage errors; -h gives flag.ErrHelp.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", kartoitus.ErrUsage, err)
	}
	return nil
}

// joinComma joins for messages.
func joinComma(xs []string) string { return strings.Join(xs, ", ") }
