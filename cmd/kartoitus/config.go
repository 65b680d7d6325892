package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"sort"
	"strings"

	"github.com/kartoitus/kartoitus/internal/strictyaml"
)

// Config discovery. A kartoitus.yaml holds flag values by command, so a
// CI job need not repeat --mapping, --ignore, --overlay and --fail-on on
// every run:
//
//	# kartoitus.yaml
//	defaults:              # for every command that has the flag
//	  lang: en
//	  overlay: overlay.yaml
//	registers:
//	  mapping: vendor-mapping.yaml
//	  fail-on: warning
//	  format: [junit=registers.xml, table]
//	  generate:            # a subcommand: registers generate
//	    rows: 1000
//	inventory:
//	  read:
//	    columns: columns.yaml
//
// The file read is --config FILE, else $KARTOITUS_CONFIG, else
// ./kartoitus.yaml when it exists ('' or none: no file). A flag given on
// the command line wins over the file; a command's own section over
// defaults. Keys are the flags' names without dashes; repeatable flags take
// a list. Decoding is strict: an unknown command or flag, a list for a
// single-valued flag or a value the flag refuses is an error naming the
// file, line and key. Relative paths are read from the working directory,
// as on the command line. --reveal-ids and --config are command-line only,
// and --pseudonymize takes @FILE or env:NAME there, never a key.

// config is a parsed kartoitus.yaml.
type config struct {
	path string
	// sections maps a flag set's name ("registers", "inventory read") to
	// its values; "" holds defaults.
	sections map[string][]configValue
}

type configValue struct {
	flag   string
	values []string
	line   int
}

// ConfigFile is the name discovered in the working directory.
const ConfigFile = "kartoitus.yaml"

// IgnoreFile is the ignore file discovered in the working directory.
const IgnoreFile = ".kartoitusignore.yaml"

// configPath returns the config file to read and whether it was named
// (a named file must exist; the discovered one may not).
func (s *session) configPath() (string, bool) {
	pick := func(v string) (string, bool) {
		if v == "" || strings.EqualFold(v, "none") {
			return "", true
		}
		return v, true
	}
	if s.configSet {
		return pick(s.configFlag)
	}
	if v := s.getenv("KARTOITUS_CONFIG"); v != "" {
		return pick(v)
	}
	return ConfigFile, false
}

// loadConfig reads the config file once per run.
func (s *session) loadConfig(e env) (*config, error) {
	if s.configDone {
		return s.config, nil
	}
	s.configDone = true
	path, named := s.configPath()
	if path == "" {
		return nil, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		if !named && errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
		return nil, unreadable(fmt.Errorf("config: %v", err))
	}
	cfg, err := parseConfig(path, b, describeAll())
	if err != nil {
		return nil, err
	}
	s.config = cfg
	e.verbosef("config %s", path)
	return cfg, nil
}

// parseConfig decodes and checks a config file against the flag sets of
// every command (describeAll).
func parseConfig(path string, b []byte, sets map[string]*flag.FlagSet) (*config, error) {
	cfg := &config{path: path, sections: map[string][]configValue{}}
	doc, err := strictyaml.Parse(b)
	if err != nil {
		return nil, unreadable(fmt.Errorf("%s: %v", path, err))
	}
	if len(doc.Content) == 0 {
		return cfg, nil // an empty file
	}
	root := doc.Content[0]
	if root.Kind != strictyaml.MappingNode {
		return nil, cfgErr(path, root.Line, "", "want a mapping of command names to flag values")
	}
	commandNames := map[string]bool{"defaults": true}
	for name := range sets {
		commandNames[strings.Fields(name)[0]] = true
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Value == "defaults" {
			if err := cfg.section(path, "", v, sets); err != nil {
				return nil, err
			}
			continue
		}
		if !commandNames[k.Value] {
			return nil, cfgErr(path, k.Line, "", "unknown command %q%s", k.Value, suggest(k.Value, sortedKeys(commandNames)))
		}
		if err := cfg.section(path, k.Value, v, sets); err != nil {
			return nil, err
		}
	}
	return cfg, nil
}

// section reads the flag values of one command (and its subcommands).
func (c *config) section(path, name string, n *strictyaml.Node, sets map[string]*flag.FlagSet) error {
	label := name
	if name == "" {
		label = "defaults"
	}
	if n.Kind != strictyaml.MappingNode {
		return cfgErr(path, n.Line, label, "want a mapping of flag names to values")
	}
	fs := sets[name]
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := strings.TrimLeft(k.Value, "-")
		if name != "" && v.Kind == strictyaml.MappingNode {
			if _, ok := sets[name+" "+key]; ok {
				if err := c.section(path, name+" "+key, v, sets); err != nil {
					return err
				}
				continue
			}
		}
		var f *flag.Flag
		if name == "" {
			// A default must be a flag of some command; its value is
			// checked against the first that has it.
			for _, setName := range sortedKeys(sets) {
				if f = sets[setName].Lookup(key); f != nil {
					break
				}
			}
		} else if fs != nil {
			f = fs.Lookup(key)
		}
		if f == nil {
			if name != "" && fs == nil {
				return cfgErr(path, k.Line, label, "%q: %s has no flags of its own; put them under a subcommand (%s)", k.Value, name, strings.Join(subcommandsOf(name, sets), ", "))
			}
			return cfgErr(path, k.Line, label, "unknown flag %q%s", k.Value, suggest(key, flagNames(name, fs, sets)))
		}
		switch key {
		case "reveal-ids", "config":
			return cfgErr(path, k.Line, label, "%s can only be given on the command line", key)
		}
		val := configValue{flag: key, line: k.Line}
		_, repeatable := f.Value.(list)
		switch v.Kind {
		case strictyaml.ScalarNode:
			val.values = []string{v.Value}
		case strictyaml.SequenceNode:
			if !repeatable {
				return cfgErr(path, v.Line, label, "%s takes one value, not a list", key)
			}
			for _, it := range v.Content {
				if it.Kind != strictyaml.ScalarNode {
					return cfgErr(path, it.Line, label, "%s: each item must be a single value", key)
				}
				val.values = append(val.values, it.Value)
			}
		default:
			return cfgErr(path, v.Line, label, "%s: want a value%s", key, map[bool]string{true: " or a list", false: ""}[repeatable])
		}
		for _, x := range val.values {
			if key == "pseudonymize" && !strings.HasPrefix(x, "@") && !strings.HasPrefix(x, "env:") {
				return cfgErr(path, v.Line, label, "pseudonymize: give @FILE or env:NAME in a config file, never the key itself")
			}
			// A config file is committed and shared: a database password
			// belongs in PGPASSWORD or ~/.pgpass. The value is not quoted.
			if key == "from" && urlHasPassword(x) {
				return cfgErr(path, v.Line, label, "from: give the URL without its password in a config file (the password from PGPASSWORD or ~/.pgpass)")
			}
			// The describe run's flag variables are scratch: Set checks
			// the value without touching a real run.
			if err := f.Value.Set(x); err != nil {
				return cfgErr(path, v.Line, label, "%s: invalid value %q: %v", key, x, err)
			}
		}
		c.sections[name] = append(c.sections[name], val)
	}
	return nil
}

// apply sets the flags of fs that the command line did not set, from the
// command's section, then defaults; it returns the names it set.
func (c *config) apply(fs *flag.FlagSet) error {
	if c == nil {
		return nil
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	vals := map[string]configValue{}
	for _, v := range c.sections[""] {
		vals[v.flag] = v
	}
	for _, v := range c.sections[fs.Name()] {
		vals[v.flag] = v
	}
	st, _ := fs.Output().(*flagState)
	for _, name := range sortedKeys(vals) {
		v := vals[name]
		if given[name] || fs.Lookup(name) == nil {
			continue
		}
		for _, x := range v.values {
			if err := fs.Set(name, x); err != nil {
				return cfgErr(c.path, v.line, fs.Name(), "%s: invalid value %q: %v", name, x, err)
			}
		}
		if st != nil {
			if st.fromConfig == nil {
				st.fromConfig = map[string]bool{}
			}
			st.fromConfig[name] = true
		}
	}
	return nil
}

// fromCommandLine reports whether a flag was given on the command line
// (not taken from the config file).
func fromCommandLine(fs *flag.FlagSet, name string) bool {
	if !flagWasSet(fs, name) {
		return false
	}
	st, _ := fs.Output().(*flagState)
	return st == nil || !st.fromConfig[name]
}

func cfgErr(path string, line int, section, format string, args ...any) error {
	where := path
	if line > 0 {
		where = fmt.Sprintf("%s:%d", path, line)
	}
	if section != "" {
		where += ": " + section
	}
	return usageErr("%s: %s", where, fmt.Sprintf(format, args...))
}

func suggest(s string, candidates []string) string {
	if best := closest(s, candidates); best != "" {
		return fmt.Sprintf(" (did you mean %s?)", best)
	}
	return ""
}

func flagNames(name string, fs *flag.FlagSet, sets map[string]*flag.FlagSet) []string {
	var out []string
	add := func(fs *flag.FlagSet) { fs.VisitAll(func(f *flag.Flag) { out = append(out, f.Name) }) }
	if name == "" {
		for _, fs := range sets {
			add(fs)
		}
	} else if fs != nil {
		add(fs)
	}
	return out
}

func subcommandsOf(name string, sets map[string]*flag.FlagSet) []string {
	var out []string
	for _, n := range sortedKeys(sets) {
		if rest, ok := strings.CutPrefix(n, name+" "); ok {
			out = append(out, rest)
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// describeAll runs every command and subcommand in describe mode and
// returns their flag sets by name ("registers", "inventory read"): the
// CLI's own description, behind config checks, the config schema and
// shell completion.
func describeAll() map[string]*flag.FlagSet {
	sets := map[string]*flag.FlagSet{}
	s := newSession()
	s.describe = func(fs *flag.FlagSet) { sets[fs.Name()] = fs }
	e := env{ctx: context.Background(), stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, rawStdout: io.Discard, s: s}
	for _, c := range commands() {
		runs := [][]string{nil}
		for _, sub := range c.subs {
			runs = append(runs, []string{sub})
		}
		for _, args := range runs {
			ee := e
			ee.args = args
			_ = c.run(ee) // errDescribed, or a usage error for a command without flags of its own
		}
	}
	return sets
}

// urlHasPassword reports a password in a connection URL, in its user
// part or as a password parameter. Text that is no URL counts as one: it
// cannot be checked.
func urlHasPassword(s string) bool {
	u, err := url.Parse(s)
	if err != nil {
		return true
	}
	_, inUser := u.User.Password()
	return inUser || u.Query().Has("password") || u.Query().Has("sslpassword")
}
