package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
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
	// s is the run's shared state: -q, -v, the config file, a central -o
	// (flags.go, config.go).
	s *session
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(e env) error
	hidden  bool
	// subs are the subcommands, for completion and the config file.
	subs []string
}

// commands lists the subcommands in help order. Each lives in its own file.
func commands() []command {
	return []command{
		{name: "assess", summary: "run the whole assessment and write the report folder", run: runAssess},
		{name: "catalog", summary: "list, search, show, validate or import the national Sosmeta catalogue", run: runCatalog,
			subs: []string{"list", "search", "show", "tasks", "phases", "retention", "validate", "import"}},
		{name: "inventory", summary: "read an inventory and show how its columns and rows were understood", run: runInventory,
			subs: []string{"columns", "read"}},
		{name: "template", summary: "write a blank inventory workbook with drop-down lists", run: runTemplate},
		{name: "map", summary: "map inventory documents to national document types and show coverage", run: runMap},
		{name: "registers", summary: "check a register export for mixed registers (CI gate)", run: runRegisters,
			subs: []string{"generate"}},
		{name: "retention", summary: "find TOS/AMS retention gaps and draft TOS rows", run: runRetention},
		{name: "graph", summary: "draw current-state, target-state and comparison graphs", run: runGraph},
		{name: "deploytest", summary: "the register-use-right deployment test (käyttöönottokoe): plan, verify, report", run: runDeploytest,
			subs: []string{"plan", "verify", "report"}},
		{name: "plan", summary: "onboarding plan: Kela's steps 1–4 dated back from go-live, card plan, readiness", run: runPlan},
		{name: "diff", summary: "compare two assessments: fixed and new findings", run: runDiff},
		{name: "completion", summary: "print a shell completion script: bash, zsh or fish", run: runCompletion},
		{name: "version", summary: "print the version, commit and build time", run: runVersion},
	}
}

// run is the whole program: it returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	report.Version = version()
	reveal := revealRequested(args)
	out, errs := output.NewRedactor(stdout, reveal), output.NewRedactor(stderr, reveal)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	s := newSession()
	s.stdout = &switchWriter{w: out}
	e := env{ctx: ctx, args: args, stdin: stdin, stdout: s.stdout, stderr: errs, reveal: reveal, rawStdout: stdout, s: s}
	err := dispatch(e)
	if s.outPath != "" && s.outPath != "-" && (err == nil || errors.Is(err, kartoitus.ErrFindings) || errors.Is(err, kartoitus.ErrNotRecognised)) {
		// The central -o: what the command wrote to standard output goes
		// to the file, atomically and through the redaction point (not
		// when the run failed: no empty or partial file is left).
		s.stdout.redirect(out)
		if werr := e.writeTo(s.outPath, func(w io.Writer) error { _, err := w.Write(s.outBuf.Bytes()); return err }); werr != nil && err == nil {
			err = internalErr(fmt.Errorf("-o: %w", werr))
		}
	}
	code := exitCode(err)
	if err != nil && !errors.Is(err, kartoitus.ErrFindings) && !errors.Is(err, flag.ErrHelp) {
		// One line: the error, and for a usage error where to read more.
		msg := oneLineErr(err)
		if errors.Is(err, kartoitus.ErrUsage) {
			msg += " (see " + helpHint(s.current, args) + ")"
		}
		fmt.Fprintf(errs, "kartoitus: %s\n", msg)
	}
	if err := out.Close(); err != nil && code == kartoitus.ExitOK {
		code = kartoitus.ExitInternal
	}
	errs.Close()
	return code
}

// helpHint is the help command for a usage error: the command's own -h
// when one was being run, else the command list.
func helpHint(current string, args []string) string {
	if current != "" {
		return "'kartoitus " + current + " -h'"
	}
	if len(args) > 0 {
		for _, c := range commands() {
			if c.name == args[0] {
				return "'kartoitus help " + c.name + "'"
			}
		}
	}
	return "'kartoitus help'"
}

// oneLineErr joins a multi-line error message into one line.
func oneLineErr(err error) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(err.Error(), "\n", " ; ")), " ")
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
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	return usageErr("unknown command %q%s", name, suggest(name, names))
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
