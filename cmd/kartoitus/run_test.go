package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus"
)

// The exit-code map of the README: 0 ran clean, 1 findings at or above
// --fail-on, 2 usage error or unreadable input, 3 nothing recognised, 4
// internal error.
func TestExitCode(t *testing.T) {
	wrap := func(err error) error { return fmt.Errorf("inventory.xlsx: %w", err) }
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"nil", nil, 0},
		{"help", flag.ErrHelp, 0},
		{"findings", kartoitus.ErrFindings, 1},
		{"wrapped findings", fmt.Errorf("%w: 3 at or above error", kartoitus.ErrFindings), 1},
		{"not recognised", kartoitus.ErrNotRecognised, 3},
		{"wrapped not recognised", fmt.Errorf("%w: no known columns", kartoitus.ErrNotRecognised), 3},
		{"doubly wrapped not recognised", wrap(fmt.Errorf("%w: sheet 1 empty", kartoitus.ErrNotRecognised)), 3},
		{"usage", kartoitus.ErrUsage, 2},
		{"wrapped usage", usageErr("unknown command %q", "x"), 2},
		{"unreadable", kartoitus.ErrUnreadable, 2},
		{"wrapped unreadable", unreadable(errors.New("open x.csv: no such file")), 2},
		{"joined unreadable", errors.Join(errors.New("a"), kartoitus.ErrUnreadable), 2},
		// Anything else is the tool's failure: not a clean run, not a
		// findings verdict, not the user's mistake.
		{"internal", kartoitus.ErrInternal, 4},
		{"wrapped internal", internalErr(errors.New("write report: disk full")), 4},
		{"other", errors.New("write report: disk full"), 4},
		{"EOF", io.ErrUnexpectedEOF, 4},
	}
	for _, tt := range tests {
		if got := exitCode(tt.err); got != tt.want {
			t.Errorf("%s: exitCode(%v) = %d, want %d", tt.name, tt.err, got, tt.want)
		}
	}
	if kartoitus.ExitOK != 0 || kartoitus.ExitFindings != 1 || kartoitus.ExitUsage != 2 || kartoitus.ExitNotRecognised != 3 || kartoitus.ExitInternal != 4 {
		t.Error("exit-code constants changed")
	}
}

// unreadable keeps a sentinel that is already there, so a reader's
// ErrNotRecognised still exits 3.
func TestUnreadableKeepsSentinel(t *testing.T) {
	for _, s := range []error{kartoitus.ErrNotRecognised, kartoitus.ErrUsage, kartoitus.ErrFindings, kartoitus.ErrUnreadable} {
		err := unreadable(fmt.Errorf("x: %w", s))
		if !errors.Is(err, s) || (s != kartoitus.ErrUnreadable && errors.Is(err, kartoitus.ErrUnreadable)) {
			t.Errorf("unreadable(%v) = %v", s, err)
		}
	}
	if unreadable(nil) != nil {
		t.Error("unreadable(nil) != nil")
	}
	if err := unreadable(errors.New("boom")); !errors.Is(err, kartoitus.ErrUnreadable) || err.Error() != "unreadable input: boom" {
		t.Errorf("unreadable(boom) = %v", err)
	}
}

func TestRunTopLevel(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string // substrings; nil = stdout must be empty
		stderr []string
	}{
		{"help", []string{"help"}, 0, []string{"Usage: kartoitus <command>", "Exit codes: 0 ran clean"}, nil},
		{"--help", []string{"--help"}, 0, []string{"Usage: kartoitus <command>"}, nil},
		{"help of a command", []string{"help", "catalog"}, 0, []string{"Usage: kartoitus catalog <subcommand>"}, nil},
		{"version", []string{"version"}, 0, []string{"kartoitus "}, nil},
		{"--version", []string{"--version"}, 0, []string{"kartoitus "}, nil},
		{"no args", nil, 2, nil, []string{"Usage: kartoitus <command>", "kartoitus: usage: no command given (see 'kartoitus help')"}},
		{"unknown command", []string{"asses"}, 2, nil, []string{`kartoitus: usage: unknown command "asses" (did you mean assess?) (see 'kartoitus help')`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, "", tt.args...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d\nstderr: %s", r.code, tt.code, r.stderr)
			}
			if tt.stdout == nil && r.stdout != "" {
				t.Errorf("unexpected stdout: %s", r.stdout)
			}
			for _, s := range tt.stdout {
				if !strings.Contains(r.stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, r.stdout)
				}
			}
			for _, s := range tt.stderr {
				if !strings.Contains(r.stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, r.stderr)
				}
			}
		})
	}
}

// The help lists every visible command, and the exit-code legend.
func TestHelpListsCommands(t *testing.T) {
	r := runCLI(t, "", "help")
	for _, c := range commands() {
		listed := strings.Contains(r.stdout, "\n  "+c.name+" ")
		if listed == c.hidden {
			t.Errorf("help: command %q listed=%v, hidden=%v", c.name, listed, c.hidden)
		}
	}
	golden(t, "run_help_legend.txt", r.stdout[strings.Index(r.stdout, "\nExit codes:"):])
}

func TestVersionOutput(t *testing.T) {
	r := runCLI(t, "", "version")
	if !strings.HasPrefix(r.stdout, "kartoitus "+version()+"\ncommit:   ") || !strings.Contains(r.stdout, "\ngo:       go1.") || r.stderr != "" {
		t.Errorf("version: stdout %q stderr %q", r.stdout, r.stderr)
	}
}

// Issue 13: error messages echo file names; no client id in them reaches
// stderr in full unless --reveal-ids asks for it.
func TestErrorsRedactIDs(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "puuttuva-210280-3558.csv")
	tests := []struct {
		name     string
		args     []string
		full     bool
		contains string
	}{
		{"registers, missing file", []string{"registers", missing}, false, "puuttuva-210280-****.csv"},
		{"inventory, lower-case sign", []string{"inventory", "read", filepath.Join(dir, "130672a3470.xlsx")}, false, "130672a****.xlsx"},
		{"flag error", []string{"registers", "--fail-on", "210280-3558", missing}, false, "210280-****"},
		{"revealed", []string{"registers", "--reveal-ids", missing}, true, "puuttuva-210280-3558.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, "", tt.args...)
			if r.code != 2 {
				t.Fatalf("exit %d, want 2; stderr %q", r.code, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.contains) {
				t.Errorf("stderr %q does not contain %q", r.stderr, tt.contains)
			}
			if has := strings.Contains(r.stderr, "210280-3558") || strings.Contains(r.stderr, "130672a3470"); has != tt.full {
				t.Errorf("full id in stderr = %v, want %v: %q", has, tt.full, r.stderr)
			}
		})
	}
}
