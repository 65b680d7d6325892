package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"
)

// The command-line habits every command shares live here, once: flags
// after arguments, -q, -v, --config, -o, one-line usage errors with a
// hint, and the flag values a kartoitus.yaml supplies (config.go).

// session is what one run of the CLI shares between dispatch and the
// command's flag parsing.
type session struct {
	quiet, verbose bool
	// configFlag is --config; configSet whether it was given.
	configFlag string
	configSet  bool
	config     *config
	configDone bool
	// outPath is the central -o of a command that has none of its own:
	// standard output is collected in outBuf and written there at the end.
	outPath string
	outBuf  bytes.Buffer
	stdout  *switchWriter
	// current is the flag set being run ("registers", "inventory read"),
	// for the hint of a usage error.
	current string
	// describe, when set, receives each flag set instead of parsing it:
	// the CLI describes itself (completion, config checks and schema).
	describe func(*flag.FlagSet)
	getenv   func(string) string
	start    time.Time
}

func newSession() *session { return &session{getenv: os.Getenv, start: time.Now()} }

// errDescribed ends a command run in describe mode.
var errDescribed = errors.New("described")

// flagState travels with a flag set as its output writer, the one field
// of a flag.FlagSet a caller can attach data to, so that parseFlags,
// which every command calls with the flag set alone, reaches the session.
type flagState struct {
	w        io.Writer
	e        env
	synopsis string
	// fromConfig are the flags the config file set.
	fromConfig map[string]bool
}

func (s *flagState) Write(p []byte) (int, error) { return s.w.Write(p) }

// newFlags returns a flag set that reports errors instead of exiting; its
// help (-h) goes to stderr.
func newFlags(e env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	st := &flagState{w: e.stderr, e: e, synopsis: synopsis}
	fs.SetOutput(st)
	fs.Usage = func() {
		fmt.Fprintf(st.w, "Usage: kartoitus %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// commonFlags are added to every flag set from newFlags.
func addCommonFlags(fs *flag.FlagSet, s *session) {
	if fs.Lookup("q") == nil {
		fs.BoolVar(&s.quiet, "q", false, "quiet: print nothing but errors and the --format outputs asked for; the exit code is the verdict")
	}
	if fs.Lookup("v") == nil {
		fs.BoolVar(&s.verbose, "v", false, "verbose: say on standard error which config and ignore files were used, what was read and written, and how long it took")
	}
	if fs.Lookup("config") == nil {
		fs.Func("config", "read flag values from this kartoitus.yaml `file` (default: $KARTOITUS_CONFIG, else ./kartoitus.yaml if present; '' or none: no file)", func(v string) error {
			s.configFlag, s.configSet = v, true
			return nil
		})
	}
	// -o everywhere: a command that writes no file of its own gets -o for
	// its standard output.
	if fs.Lookup("o") == nil && fs.Lookup("out") == nil {
		fs.StringVar(&s.outPath, "o", "", "write standard output to `file` instead")
	}
}

// parseFlags parses a command's flags. Flags may come before or after the
// arguments ("registers export.csv --format junit"); everything after
// "--" is an argument. A flag not given on the command line takes its
// value from the config file (kartoitus.yaml). Errors are one line, with
// a suggestion for a mistyped flag; -h prints the help and gives
// flag.ErrHelp.
func parseFlags(fs *flag.FlagSet, args []string) error {
	st, _ := fs.Output().(*flagState)
	var s *session
	if st != nil {
		s = st.e.s
	}
	if s == nil {
		return parseBare(fs, args)
	}
	addCommonFlags(fs, s)
	if s.describe != nil {
		s.describe(fs)
		return errDescribed
	}
	s.current = fs.Name()
	pos, err := parseInterleavedArgs(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fs.Usage()
		return err
	}
	if err != nil {
		return usageErr("%s: %s", fs.Name(), flagError(fs, err))
	}
	// fs.Args() returns the arguments from here on.
	if err := fs.Parse(append([]string{"--"}, pos...)); err != nil {
		return usageErr("%s: %v", fs.Name(), err)
	}
	cfg, err := s.loadConfig(st.e)
	if err != nil {
		return err
	}
	if err := cfg.apply(fs); err != nil {
		return err
	}
	if s.outPath != "" && s.outPath != "-" && s.stdout != nil {
		s.stdout.redirect(&s.outBuf)
	}
	return nil
}

// parseBare parses a flag set that did not come from newFlags.
func parseBare(fs *flag.FlagSet, args []string) error {
	if _, err := parseInterleavedArgs(fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageErr("%s: %v", fs.Name(), err)
	}
	return nil
}

// parseInterleavedArgs parses flags that may come before or after the
// positional arguments; the flag package stops at the first argument, so
// this resumes after it. The flag package's own messages and usage page
// are silenced: parseFlags says one line.
func parseInterleavedArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	out, usage := fs.Output(), fs.Usage
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	defer func() { fs.SetOutput(out); fs.Usage = usage }()
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), nil
		}
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// parseInterleaved parses and returns the positional arguments.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	if err := parseFlags(fs, args); err != nil {
		return nil, err
	}
	return fs.Args(), nil
}

// flagError is the flag package's message with a suggestion for an
// unknown flag ("did you mean --format?").
func flagError(fs *flag.FlagSet, err error) string {
	msg := err.Error()
	const undefined = "flag provided but not defined: -"
	if strings.HasPrefix(msg, undefined) {
		name := strings.TrimLeft(strings.TrimPrefix(msg, undefined), "-")
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		if best := closest(name, names); best != "" {
			msg += "; did you mean " + dashes(best) + "?"
		}
	}
	return msg
}

// dashes writes a flag as the help does: -o, --format.
func dashes(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// closest returns the candidate nearest to s by edit distance when it is
// near enough to be a typo (at most a third of the word, at least one
// letter), else one that s begins (--form for --format), else "".
func closest(s string, candidates []string) string {
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	best, bestD := "", max(1, len([]rune(s))/3)+1
	for _, c := range sorted {
		if d := editDistance(strings.ToLower(s), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" && len(s) >= 3 {
		for _, c := range sorted {
			if strings.HasPrefix(c, s) {
				return c
			}
		}
	}
	return best
}

// editDistance is the Levenshtein distance of a and b (runes).
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}

// flagWasSet reports whether a flag was given on the command line or by
// the config file.
func flagWasSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			set = true
		}
	})
	return set
}

// switchWriter is standard output as commands see it: the terminal, or
// the buffer of a central -o.
type switchWriter struct{ w io.Writer }

func (s *switchWriter) Write(p []byte) (int, error) { return s.w.Write(p) }
func (s *switchWriter) redirect(w io.Writer)        { s.w = w }

// list marks the repeatable flags, which a config file gives as a list.
type list interface{ repeatable() }

func (*stringList) repeatable() {}
func (*pathList) repeatable()   {}
func (*outFiles) repeatable()   {}
func (*formatList) repeatable() {}

// notef writes an informational line to stderr unless -q.
func (e env) notef(format string, args ...any) {
	if e.s != nil && e.s.quiet {
		return
	}
	fmt.Fprintf(e.stderr, format, args...)
}

// verbosef writes a line to stderr with -v.
func (e env) verbosef(format string, args ...any) {
	if e.s == nil || !e.s.verbose || e.s.quiet {
		return
	}
	fmt.Fprintf(e.stderr, "kartoitus: "+format+"\n", args...)
}

// quiet reports -q.
func (e env) quiet() bool { return e.s != nil && e.s.quiet }

// printf writes an informational line to standard output unless -q (the
// "Wrote FILE" of the template writers).
func (e env) printf(format string, args ...any) {
	if e.quiet() {
		return
	}
	fmt.Fprintf(e.stdout, format, args...)
}
