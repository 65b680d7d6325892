// Package kartoitus holds what every part of the tool agrees on: the
// sentinel errors that the command line maps to exit codes. Packages wrap
// these (fmt.Errorf("%w: …", kartoitus.ErrNotRecognised)) so that the CLI can
// decide the exit code in one place with errors.Is.
package kartoitus

import "errors"

var (
	// ErrUsage: the command line itself is wrong (unknown flag, missing
	// argument). Exit code 2.
	ErrUsage = errors.New("usage")

	// ErrUnreadable: an input could not be opened or parsed at all (missing
	// file, corrupt xlsx, bad overlay). Exit code 2.
	ErrUnreadable = errors.New("unreadable input")

	// ErrNotRecognised: the input was readable but nothing in it was
	// recognised: no known columns, no data rows. Exit code 3. An empty
	// input must never be a clean pass.
	ErrNotRecognised = errors.New("nothing recognised")

	// ErrFindings: the run finished and produced findings at or above the
	// --fail-on severity. Exit code 1.
	ErrFindings = errors.New("findings at or above the fail-on severity")

	// ErrInternal: the tool itself failed (a bug, a report that could not
	// be written, an interrupted run). Exit code 4: neither a verdict on
	// the input nor the user's mistake.
	ErrInternal = errors.New("internal error")
)

// Exit codes of the command line. The mapping lives in cmd/kartoitus.
const (
	ExitOK            = 0
	ExitFindings      = 1
	ExitUsage         = 2
	ExitNotRecognised = 3
	ExitInternal      = 4
)
