package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/assess"
	"github.com/kartoitus/kartoitus/output"
	"github.com/kartoitus/kartoitus/report"
)

// env is what a command gets: its arguments and the process streams, so
// the whole CLI runs in-process in tests.
type env struct {
	// ctx ends on an interrupt (Ctrl-C, SIGTERM): a run stops and leaves
	// the previous report folder as it was.
	ctx    context.Context
	args   []string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// reveal is --reveal-ids: the only way a henkilötunnus leaves the tool
	// in full. Otherwise stdout, stderr and every file written pass the
	// one redaction point (package output).
	reveal bool
	// rawStdout is stdout before redaction, for the export generator only:
	// its 900-series test codes are not personal identity codes.
	rawStdout io.Writer
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
		{name: "deploytest", summary: "the register-use-right deployment test (käyttöönottokoe): plan, verify, report", run: runDeploytest},
		{name: "plan", summary: "onboarding plan: Kela's steps 1–4 dated back from go-live, card plan, readiness", run: runPlan},
		{name: "diff", summary: "compare two assessments: fixed and new findings", run: runDiff},
		{name: "version", summary: "print the version", run: runVersion},
	}
}

// run is the whole program: it returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	report.Version = version()
	reveal := revealRequested(args)
	out, errs := output.NewRedactor(stdout, reveal), output.NewRedactor(stderr, reveal)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := dispatch(env{ctx: ctx, args: args, stdin: stdin, stdout: out, stderr: errs, reveal: reveal, rawStdout: stdout})
	code := exitCode(err)
	if err != nil && !errors.Is(err, kartoitus.ErrFindings) && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(errs, "kartoitus: %v\n", err)
		if errors.Is(err, kartoitus.ErrUsage) {
			fmt.Fprintln(errs, "Run 'kartoitus help' for usage.")
		}
	}
	if err := out.Close(); err != nil && code == kartoitus.ExitOK {
		code = kartoitus.ExitInternal
	}
	errs.Close()
	return code
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
		// ErrInternal, and anything unwrapped (a bug, a report that could
		// not be written): not a clean run, not a findings verdict and not
		// the user's mistake either.
		return kartoitus.ExitInternal
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
			h := e
			h.args = []string{rest[0], "-h"}
			return dispatch(h)
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
	fmt.Fprintln(w, "2 usage error or unreadable input, 3 input readable but nothing recognised,")
	fmt.Fprintln(w, "4 internal error (a bug or a report that could not be written).")
	fmt.Fprintln(w, "Run 'kartoitus help <command>' for a command's flags.")
}

// usageErr wraps kartoitus.ErrUsage.
func usageErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", kartoitus.ErrUsage, fmt.Sprintf(format, args...))
}

// unreadable wraps kartoitus.ErrUnreadable unless err already carries a
// sentinel (so ErrNotRecognised from a reader keeps exit code 3).
func unreadable(err error) error { return assess.Unreadable(err) }

// internalErr wraps kartoitus.ErrInternal unless err carries a sentinel:
// a failed write of a report is the tool's failure, not the input's.
func internalErr(err error) error {
	if err == nil {
		return nil
	}
	for _, s := range []error{kartoitus.ErrUnreadable, kartoitus.ErrNotRecognised, kartoitus.ErrUsage, kartoitus.ErrFindings, kartoitus.ErrInternal} {
		if errors.Is(err, s) {
			return err
		}
	}
	return fmt.Errorf("%w: %w", kartoitus.ErrInternal, err)
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

// revealRequested reports whether the command line asks for --reveal-ids;
// it is read before the flags are parsed so that even a usage error is
// redacted unless it was asked.
func revealRequested(args []string) bool {
	for _, a := range args {
		switch a {
		case "--reveal-ids", "-reveal-ids", "--reveal-ids=true", "-reveal-ids=true":
			return true
		}
		if a == "--" {
			break
		}
	}
	return false
}

// joinComma joins for messages.
func joinComma(xs []string) string { return strings.Join(xs, ", ") }
