// Package report writes findings in every output format behind one
// Reporter interface: console table, JSON (versioned schema), CSV and JUnit
// XML. The assessment's HTML and XLSX reports build on the same Result.
package report

import (
	"io"
	"time"

	"github.com/kartoitus/kartoitus/finding"
)

// SchemaVersion of findings.json. Bump the major number on breaking changes.
const SchemaVersion = "kartoitus.findings/v1"

// Result is what every reporter renders: the envelope (schema, tool,
// command, language, fail-on) around one merged finding.Run and its
// summary. The JSON field order is the findings.json schema.
type Result struct {
	Schema    string            `json:"schema"`
	Tool      string            `json:"tool"`
	Version   string            `json:"version"`
	Command   string            `json:"command"`
	Generated time.Time         `json:"generated"`
	Lang      finding.Lang      `json:"lang"`
	FailOn    finding.Severity  `json:"fail_on"`
	Inputs    []finding.Tally   `json:"inputs"`
	Summary   Summary           `json:"summary"`
	Findings  []finding.Finding `json:"findings"`
	// Suppressed counts findings removed by the ignore file.
	Suppressed int `json:"suppressed"`
	// Rules lists every rule that ran, found something or not, so "clean"
	// is distinguishable from "not checked".
	Rules []finding.Rule `json:"rules"`
	// NotChecked lists rules that could not run on this input because a
	// column they need is absent: never to be read as "clean".
	NotChecked []NotChecked `json:"not_checked,omitempty"`
	// Omitted counts, per rule, findings that were counted but not listed.
	// Summary includes them.
	Omitted map[string]int `json:"omitted,omitempty"`
	// Figures are named counts of the run that are not findings.
	Figures map[string]int `json:"figures,omitempty"`
}

// NotChecked is a rule that did not run and the columns it lacked.
type NotChecked = finding.NotChecked

// Summary counts findings (finding.Run.Summary computes it).
type Summary = finding.Summary

// Summarise counts findings by severity and rule.
func Summarise(fs []finding.Finding, failOn finding.Severity) Summary {
	return finding.Summarise(fs, failOn)
}

// SortRules returns rules sorted by ID without duplicates.
func SortRules(rs []finding.Rule) []finding.Rule { return finding.SortRules(rs) }

// NewResult wraps a run: findings sorted, rules sorted and deduplicated,
// the summary computed once (omitted findings included).
func NewResult(command string, lang finding.Lang, failOn finding.Severity, run finding.Run) *Result {
	finding.Sort(run.Findings)
	if run.Findings == nil {
		run.Findings = []finding.Finding{}
	}
	if run.Inputs == nil {
		run.Inputs = []finding.Tally{}
	}
	run.Rules = finding.SortRules(run.Rules)
	r := &Result{
		Schema: SchemaVersion, Tool: "kartoitus", Version: Version, Command: command,
		Generated: time.Now().UTC().Truncate(time.Second), Lang: lang, FailOn: failOn,
		Inputs: run.Inputs, Findings: run.Findings, Suppressed: run.Suppressed, Rules: run.Rules,
		NotChecked: run.NotChecked, Omitted: run.Omitted, Figures: run.Figures,
	}
	r.Summary = run.Summary(failOn)
	return r
}

// Run returns the result's contents as a finding.Run.
func (r *Result) Run() finding.Run {
	return finding.Run{Inputs: r.Inputs, Findings: r.Findings, Suppressed: r.Suppressed, Rules: r.Rules,
		NotChecked: r.NotChecked, Omitted: r.Omitted, Figures: r.Figures}
}

// Version is set by the CLI (from build info) before reports are written.
var Version = "dev"

// Reporter writes the findings of a Result in one format.
type Reporter interface {
	Write(w io.Writer, r *Result) error
}

// AssessmentWriter writes a whole assessment (findings, mapping, coverage,
// retention draft, graphs) in one format.
type AssessmentWriter interface {
	WriteAssessment(w io.Writer, a *Assessment) error
}
