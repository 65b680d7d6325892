package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/internal/textio"
	"github.com/kartoitus/kartoitus/inventory"
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
	if c.catalog == "" && c.overlay == "" {
		return sosmeta.Default()
	}
	cat, err := sosmeta.Load(c.catalog)
	if err != nil {
		return nil, unreadable(err)
	}
	if c.overlay != "" {
		o, err := sosmeta.LoadOverlay(c.overlay)
		if err != nil {
			return nil, unreadable(err)
		}
		if err := cat.Apply(o); err != nil {
			return nil, unreadable(err)
		}
	}
	return cat, nil
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
	fs.StringVar(&o.format, "format", defaultFormat, "output format: table, json, csv or junit")
	fs.StringVar(&o.out, "o", "", "write the report to `file` instead of standard output")
	fs.StringVar(&o.ignore, "ignore", "", "ignore `file` (YAML): rule, optional fingerprint, reason, optional expiry")
}

type parsedOutput struct {
	lang     finding.Lang
	failOn   finding.Severity
	reporter report.Reporter
	ignore   *finding.IgnoreList
}

func (o *outputFlags) parse() (parsedOutput, error) {
	var p parsedOutput
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
	if o.ignore != "" {
		if p.ignore, err = finding.LoadIgnore(o.ignore); err != nil {
			return p, unreadable(err)
		}
	}
	return p, nil
}

// emit applies the ignore file, writes the report and returns
// kartoitus.ErrFindings when a finding is at or above --fail-on.
func (o *outputFlags) emit(e env, p parsedOutput, command string, inputs []finding.Tally, fs []finding.Finding, rules []finding.Rule) (*report.Result, error) {
	now := time.Now()
	kept, suppressed := p.ignore.Apply(fs, now)
	kept = append(kept, p.ignore.Unused(now)...)
	rules = append(rules, finding.RuleIgnoreUnused, finding.RuleIgnoreExpired)
	warnEncodings(e.stderr, inputs)
	res := report.NewResult(command, p.lang, p.failOn, finding.Run{Inputs: inputs, Findings: kept, Rules: rules, Suppressed: len(suppressed)})
	if err := writeTo(e.stdout, o.out, func(w io.Writer) error { return p.reporter.Write(w, res) }); err != nil {
		return res, err
	}
	if res.Summary.Failed {
		return res, fmt.Errorf("%w: %d at or above %s", kartoitus.ErrFindings, finding.AtOrAbove(res.Findings, p.failOn), p.failOn)
	}
	return res, nil
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

// writeTo writes to path, or to def when path is "" or "-".
func writeTo(def io.Writer, path string, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(def)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// readInventories reads inventory files as every command does: an optional
// column-mapping file, an optional comma-separated sheet filter, and the
// rule that an inventory with no documents is "nothing recognised" (exit 3).
func readInventories(cat *sosmeta.Catalogue, files []string, columns, sheets string) (*inventory.Inventory, error) {
	opts := inventory.Options{}
	if columns != "" {
		m, err := inventory.LoadMapping(columns)
		if err != nil {
			return nil, unreadable(err)
		}
		opts.Mapping = m
	}
	for _, s := range strings.Split(sheets, ",") {
		if s = strings.TrimSpace(s); s != "" {
			opts.Sheets = append(opts.Sheets, s)
		}
	}
	inv, err := inventory.ReadFiles(files, cat, opts)
	if err != nil {
		return nil, unreadable(err)
	}
	if len(inv.Documents) == 0 {
		return nil, fmt.Errorf("%w: %s: no documents read (%d rows rejected)", kartoitus.ErrNotRecognised, strings.Join(files, ", "), len(inv.Rejected))
	}
	return inv, nil
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
