package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kartoitus/kartoitus/assess"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/internal/fi"
	"github.com/kartoitus/kartoitus/internal/textio"
	"github.com/kartoitus/kartoitus/output"
	"github.com/kartoitus/kartoitus/report"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// catalogueFlags select the catalogue: embedded by default, or a structures
// CSV written by `catalog import`, plus an overlay.
type catalogueFlags struct {
	catalog  string
	overlay  string
	encoding string
}

func (c *catalogueFlags) register(fs *flag.FlagSet) {
	// Every command that reads inputs loads the catalogue, so the flag
	// that forces the encoding of text inputs lives here.
	fs.StringVar(&c.encoding, "encoding", "", "read CSV inputs as `utf-8`, windows-1252 or utf-16 (default: detected line by line)")
	fs.StringVar(&c.catalog, "catalog", "", "structures CSV from 'kartoitus catalog import' (default: the embedded THL export)")
	fs.StringVar(&c.overlay, "overlay", "", "overlay `file` (YAML/JSON): local task/phase assignments, synonyms, archival rules")
}

// load returns the catalogue with the overlay applied.
func (c *catalogueFlags) load() (*sosmeta.Catalogue, error) {
	enc, err := textio.ParseEncoding(c.encoding)
	if err != nil {
		return nil, usageErr("--encoding: %v", err)
	}
	textio.SetForced(enc)
	return assess.LoadCatalogue(c.catalog, c.overlay)
}

// outputFlags are shared by the commands that report findings: one pass,
// as many outputs as asked (--format junit=reg.xml --format json=f.json
// --format table), the verdict once.
type outputFlags struct {
	lang    string
	failOn  string
	formats formatList
	out     string
	ignore  string
	dialect string
	// def is the format written when no --format is given.
	def string
	fs  *flag.FlagSet
}

// formatList is the repeatable --format flag: NAME or NAME=FILE.
type formatList []string

func (f *formatList) String() string { return strings.Join(*f, ",") }
func (f *formatList) Set(v string) error {
	if strings.TrimSpace(v) == "" {
		return fmt.Errorf("empty format")
	}
	*f = append(*f, v)
	return nil
}

// failOnHelp is the help text of every --fail-on.
const failOnHelp = "exit 1 when a finding is at or above this severity: error, warning, info, or never (report, never fail)"

func (o *outputFlags) register(fs *flag.FlagSet, defaultFormat string) {
	o.registerFormats(fs, defaultFormat)
	fs.StringVar(&o.out, "o", "", "write the report to `file` instead of standard output (the --format given without =FILE)")
}

// registerFormats registers the flags without -o (assess's -o is its
// report folder).
func (o *outputFlags) registerFormats(fs *flag.FlagSet, defaultFormat string) {
	o.def, o.fs = defaultFormat, fs
	if fs.Lookup("lang") == nil {
		fs.StringVar(&o.lang, "lang", "fi", "report language: fi or en")
	}
	fs.StringVar(&o.failOn, "fail-on", "error", failOnHelp)
	fs.Var(&o.formats, "format", "output format, repeatable: NAME writes to -o or standard output, NAME=FILE to a file (one pass, several outputs); NAME is "+
		report.FormatHelp(report.FindingsFormats)+" (default "+defaultFormat+")")
	fs.StringVar(&o.dialect, "csv-dialect", "excel", textio.DialectHelp)
	fs.StringVar(&o.ignore, "ignore", "", "ignore `file` (YAML): rule, optional fingerprint, reason, optional expiry (default: $KARTOITUS_IGNORE, else ./"+IgnoreFile+" if present; '' for none)")
}

// target is one output of a run.
type target struct {
	format report.Format
	// path is the file; "" is standard output.
	path string
	// explicit: named by --format (an implicit default is what -q drops).
	explicit bool
}

type parsedOutput struct {
	lang    finding.Lang
	failOn  finding.Severity
	targets []target
	// ignore is the ignore file's path: the pipeline reads and applies it.
	ignore string
	// csv is how the CSV files of the run are written.
	csv textio.Dialect
}

func (o *outputFlags) parse(e env) (parsedOutput, error) {
	p := parsedOutput{}
	lang := o.lang
	if f := o.fs.Lookup("lang"); f != nil {
		lang = f.Value.String()
	}
	var err error
	if p.lang, err = finding.ParseLang(lang); err != nil {
		return p, usageErr("--lang: %v", err)
	}
	if p.failOn, err = finding.ParseFailOn(o.failOn); err != nil {
		return p, usageErr("--fail-on: %v", err)
	}
	if p.csv, err = textio.ParseDialect(o.dialect); err != nil {
		return p, usageErr("--csv-dialect: %v", err)
	}
	if p.targets, err = o.targets(); err != nil {
		return p, err
	}
	for i := range p.targets {
		if p.targets[i].format.Name == "csv" {
			p.targets[i].format.Findings = report.CSV{Dialect: p.csv}
		}
	}
	p.ignore = o.ignoreFile(e)
	return p, nil
}

// targets resolves --format and -o into outputs: at most one to standard
// output, no file twice.
func (o *outputFlags) targets() ([]target, error) {
	specs := []string(o.formats)
	explicit := len(specs) > 0
	if !explicit {
		specs = []string{o.def}
	}
	var out []target
	stdout, files := "", map[string]string{}
	for _, spec := range specs {
		name, path, hasPath := strings.Cut(spec, "=")
		name = strings.TrimSpace(name)
		f, err := report.LookupFormat(name, report.FindingsFormats)
		if err != nil {
			return nil, usageErr("--format %s: %v", spec, err)
		}
		if hasPath && strings.TrimSpace(path) == "" {
			return nil, usageErr("--format %s: give a file after =, or drop the = for standard output", spec)
		}
		if !hasPath {
			path = o.out
		}
		if path == "-" {
			path = ""
		}
		if path == "" {
			if stdout != "" {
				return nil, usageErr("--format %s and --format %s both write to standard output; give one a file: --format %s=FILE%s", stdout, spec, f.Name, f.Ext)
			}
			stdout = spec
		} else {
			if prev, ok := files[path]; ok {
				return nil, usageErr("--format %s and --format %s both write %s", prev, spec, path)
			}
			files[path] = spec
		}
		out = append(out, target{format: f, path: path, explicit: explicit})
	}
	return out, nil
}

// ignoreFile is --ignore as given on the command line, else
// $KARTOITUS_IGNORE, else the config file's ignore, else
// ./.kartoitusignore.yaml when it exists; "" (or none) reads none.
func (o *outputFlags) ignoreFile(e env) string {
	return discoverIgnore(e, o.fs, o.ignore)
}

// discoverIgnore finds the ignore file for a flag set with an --ignore
// flag whose value is v.
func discoverIgnore(e env, fs *flag.FlagSet, v string) string {
	pick := func(v, how string) string {
		if strings.EqualFold(v, "none") {
			return ""
		}
		if v != "" {
			e.verbosef("ignore file %s (%s)", v, how)
		}
		return v
	}
	if fromCommandLine(fs, "ignore") {
		return pick(v, "--ignore")
	}
	getenv := os.Getenv
	if e.s != nil {
		getenv = e.s.getenv
	}
	if env := getenv("KARTOITUS_IGNORE"); env != "" {
		return pick(env, "$KARTOITUS_IGNORE")
	}
	if flagWasSet(fs, "ignore") {
		return pick(v, "config file")
	}
	if st, err := os.Stat(IgnoreFile); err == nil && st.Mode().IsRegular() {
		return pick(IgnoreFile, "found in the working directory")
	}
	return ""
}

// single returns the one output of a view that has one (map --view).
func (p parsedOutput) single(what string) (target, error) {
	if len(p.targets) != 1 {
		return target{}, usageErr("%s writes one output; give one --format", what)
	}
	return p.targets[0], nil
}

// config starts a pipeline configuration from the output flags.
func (p parsedOutput) config(cat *sosmeta.Catalogue) assess.Config {
	return assess.Config{Catalogue: cat, Ignore: p.ignore, FailOn: p.failOn}
}

// emit writes the run's findings report in every format asked for and
// returns its verdict.
func (o *outputFlags) emit(e env, p parsedOutput, command string, res *assess.Result) error {
	return o.emitWith(e, p, command, res, nil)
}

// emitWith is emit with a command's own writer for some formats (the
// inventory's document list, the assessment's console summary); a nil
// writer falls back to the format's reporter.
func (o *outputFlags) emitWith(e env, p parsedOutput, command string, res *assess.Result, own func(name string) func(io.Writer) error) error {
	r := res.Report(command, p.lang)
	warnEncodings(e.stderr, r.Inputs)
	for _, in := range r.Inputs {
		e.verbosef(tr(p.lang, "luettu %s: %s (hyväksytty %d, hylätty %d, ohitettu %d)", "read %s: %s (%d accepted, %d rejected, %d skipped)"),
			in.Source, count(p.lang, in.Read, "rivi", "riviä", "row", "rows"), in.Accepted, in.Rejected, in.Skipped)
	}
	if res.Gate != nil && res.Gate.Stats.Spilled > 0 {
		mb := float64(res.Gate.Stats.Spilled) / (1 << 20)
		e.verbosef(tr(p.lang, "muistiraja ylittyi: %s Mt tilaa siirtyi salattuun väliaikaistiedostoon (tulos on sama)",
			"memory budget passed: %s MB of state went to an encrypted temporary file (same result)"), tr(p.lang, fi.Decimal(mb, 1), fi.DecimalEN(mb, 1)))
	}
	for _, t := range p.targets {
		if t.path == "" && !t.explicit && e.quiet() {
			continue // -q: the default console report is not asked for
		}
		write := func(w io.Writer) error { return t.format.Findings.Write(w, r) }
		if own != nil {
			if w := own(t.format.Name); w != nil {
				write = w
			}
		}
		if t.path != "" {
			// A CI job names reports/kartoitus.sarif before reports/ exists.
			if err := os.MkdirAll(filepath.Dir(t.path), 0o755); err != nil {
				return unreadable(fmt.Errorf("--format %s=%s: %v", t.format.Name, t.path, err))
			}
		}
		if err := e.writeTo(t.path, write); err != nil {
			return internalErr(fmt.Errorf("--format %s: %w", t.format.Name, err))
		}
		if t.path != "" {
			e.verbosef(tr(p.lang, "kirjoitettiin %s (%s)", "wrote %s (%s)"), t.path, t.format.Name)
		}
	}
	if e.s != nil {
		e.verbosef(tr(p.lang, "%s (vähintään tasolla %s: %d), aikaa kului %s", "%s (%[3]d at or above --fail-on %[2]s) in %[4]s"),
			count(p.lang, r.Summary.Total, "havainto", "havaintoa", "finding", "findings"), report.EnumName(p.lang, "severity", p.failOn.String()), r.Summary.AtOrAbove(p.failOn),
			elapsed(p.lang, time.Since(e.s.start)))
	}
	return res.Verdict()
}

// elapsed writes a run's duration: "3 min 56,7 s" in Finnish (decimal
// comma), Go's "3m56.745s" in English.
func elapsed(lang finding.Lang, d time.Duration) string {
	if lang != finding.FI {
		return d.Round(time.Millisecond).String()
	}
	if d < time.Minute {
		return fi.Decimal(d.Seconds(), 2) + " s"
	}
	m := int(d / time.Minute)
	return fmt.Sprintf("%d min %s s", m, fi.Decimal((d-time.Duration(m)*time.Minute).Seconds(), 1))
}

// warnEncodings tells, for each text input read in two encodings, the
// first line that disagreed with how the file began.
func warnEncodings(w io.Writer, inputs []finding.Tally) {
	for _, t := range inputs {
		switch {
		case t.EncodingLine == 0:
		case t.Encoding == string(textio.Mixed):
			fmt.Fprintf(w, "kartoitus: warning: %s mixes UTF-8 and Windows-1252 (first disagreeing line %d); each line was read in its own encoding: check ä, ö and å, and save the file in one encoding\n",
				t.Source, t.EncodingLine)
		default:
			fmt.Fprintf(w, "kartoitus: warning: %s looked like UTF-8 up to line %d, which is Windows-1252; it was read as Windows-1252 (force it with --encoding)\n",
				t.Source, t.EncodingLine)
		}
	}
}

// writeTo writes to path atomically, or to stdout when path is "" or
// "-", through the redaction point (package output).
func (e env) writeTo(path string, write func(io.Writer) error) error {
	return output.WriteFile(e.stdout, path, e.reveal, write)
}

// splitList splits a comma-separated flag value, dropping blanks.
func splitList(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
