package main

import (
	"encoding/json"
	"fmt"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/report"
)

// runDiff compares two assessments (folders or findings.json files), e.g.
// before and after a workshop. Exit 1 when the newer one has new findings
// at or above --fail-on, so a CI job can forbid regressions.
func runDiff(e env) error {
	fs := newFlags(e, "diff", "diff [flags] OLD NEW\n\nOLD and NEW are assessment folders (from 'assess --out') or findings.json files.")
	lang := fs.String("lang", "fi", "output language: fi or en")
	format := fs.String("format", "table", "output format: table or json")
	failOn := fs.String("fail-on", "error", "exit 1 when a NEW finding is at or above this severity")
	if err := parseFlags(fs, e.args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return usageErr("diff: want two arguments, OLD and NEW")
	}
	l, err := finding.ParseLang(*lang)
	if err != nil {
		return usageErr("--lang: %v", err)
	}
	sev, err := finding.ParseFailOn(*failOn)
	if err != nil {
		return usageErr("--fail-on: %v", err)
	}
	oldR, err := report.ReadResult(fs.Arg(0))
	if err != nil {
		return unreadable(err)
	}
	newR, err := report.ReadResult(fs.Arg(1))
	if err != nil {
		return unreadable(err)
	}
	d := report.Compare(fs.Arg(0), oldR, fs.Arg(1), newR)
	switch *format {
	case "table":
		err = report.WriteDiffTable(e.stdout, d, l)
	case "json":
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(d)
	default:
		return usageErr("--format: %q (want table or json)", *format)
	}
	if err != nil {
		return err
	}
	if n := finding.AtOrAbove(d.Added, sev); n > 0 {
		return fmt.Errorf("%w: %d new at or above %s", kartoitus.ErrFindings, n, sev)
	}
	return nil
}
