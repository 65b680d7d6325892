package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/kartoitus/kartoitus/assess"
	"github.com/kartoitus/kartoitus/finding"
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

// outputFlags are shared by the commands that report findings.
type outputFlags struct {
	lang   string
	failOn string
	format string
	out    string
	ignore string
}

func (o *outputFlags) register(fs *flag.FlagSet, defaultFormat string) {
	fs.StringVar(&o.lang, "lang", "fi", "report language: fi or en")
	fs.StringVar(&o.failOn, "fail-on", "error", "exit 1 when a finding is at or above this severity: error, warning or info")
	fs.StringVar(&o.format, "format", defaultFormat, "output format: "+report.FormatHelp(report.FindingsFormats))
	fs.StringVar(&o.out, "o", "", "write the report to `file` instead of standard output")
	fs.StringVar(&o.ignore, "ignore", "", "ignore `file` (YAML): rule, optional fingerprint, reason, optional expiry")
}

type parsedOutput struct {
	lang     finding.Lang
	failOn   finding.Severity
	reporter report.Reporter
	// ignore is the ignore file's path: the pipeline reads and applies it.
	ignore string
}

func (o *outputFlags) parse() (parsedOutput, error) {
	p := parsedOutput{ignore: o.ignore}
	var err error
	if p.lang, err = finding.ParseLang(o.lang); err != nil {
		return p, usageErr("--lang: %v", err)
	}
	if p.failOn, err = finding.ParseSeverity(o.failOn); err != nil {
		return p, usageErr("--fail-on: %v", err)
	}
	if p.reporter, err = report.ByName(o.format); err != nil {
		return p, usageErr("--format: %v", err)
	}
	return p, nil
}

// config starts a pipeline configuration from the output flags.
func (p parsedOutput) config(cat *sosmeta.Catalogue) assess.Config {
	return assess.Config{Catalogue: cat, Ignore: p.ignore, FailOn: p.failOn}
}

// emit writes the run's findings report and returns its verdict.
func (o *outputFlags) emit(e env, p parsedOutput, command string, res *assess.Result) error {
	r := res.Report(command, p.lang)
	warnEncodings(e.stderr, r.Inputs)
	if err := e.writeTo(o.out, func(w io.Writer) error { return p.reporter.Write(w, r) }); err != nil {
		return internalErr(err)
	}
	return res.Verdict()
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
