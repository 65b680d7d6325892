// Package report writes findings in every output format behind one
// Reporter interface: console table, JSON (versioned schema), CSV and JUnit
// XML. The assessment's HTML and XLSX reports build on the same Result.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/kartoitus/kartoitus/finding"
)

// SchemaVersion of findings.json. Bump the major number on breaking changes.
const SchemaVersion = "kartoitus.findings/v1"

// Result is what every reporter renders.
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
	// Omitted counts, per rule, findings that were counted but not listed
	// (producers cap findings per rule on very large inputs). Summary
	// includes them.
	Omitted map[string]int `json:"omitted,omitempty"`
	// Figures are named counts of the run that are not findings, e.g. the
	// register gate's documents and client relationships.
	Figures map[string]int `json:"figures,omitempty"`
}

// NotChecked is a rule that did not run and the columns it lacked.
type NotChecked struct {
	Rule    string       `json:"rule"`
	Title   finding.Text `json:"title"`
	Missing []string     `json:"missing_columns"`
}

// AddOmitted records n findings of rule that were counted but not kept,
// and adds them to the summary (counts per severity, per rule, Failed).
func (r *Result) AddOmitted(rule finding.Rule, n int) {
	if n <= 0 {
		return
	}
	if r.Omitted == nil {
		r.Omitted = map[string]int{}
	}
	r.Omitted[rule.ID] += n
	r.Summary.Total += n
	switch rule.Severity {
	case finding.Error:
		r.Summary.Error += n
	case finding.Warning:
		r.Summary.Warning += n
	default:
		r.Summary.Info += n
	}
	if r.Summary.ByRule == nil {
		r.Summary.ByRule = map[string]int{}
	}
	r.Summary.ByRule[rule.ID] += n
	if rule.Severity >= r.FailOn {
		r.Summary.Failed = true
	}
}

// Summary counts findings.
type Summary struct {
	Total   int            `json:"total"`
	Error   int            `json:"error"`
	Warning int            `json:"warning"`
	Info    int            `json:"info"`
	ByRule  map[string]int `json:"by_rule"`
	// Failed is true when some finding is at or above FailOn.
	Failed bool `json:"failed"`
}

// NewResult sorts the findings and computes the summary.
func NewResult(command string, lang finding.Lang, failOn finding.Severity, inputs []finding.Tally, fs []finding.Finding, rules []finding.Rule) *Result {
	finding.Sort(fs)
	if fs == nil {
		fs = []finding.Finding{}
	}
	if inputs == nil {
		inputs = []finding.Tally{}
	}
	r := &Result{
		Schema: SchemaVersion, Tool: "kartoitus", Version: Version, Command: command,
		Generated: time.Now().UTC().Truncate(time.Second), Lang: lang, FailOn: failOn,
		Inputs: inputs, Findings: fs, Rules: SortRules(rules),
	}
	r.Summary = Summarise(fs, failOn)
	return r
}

// Version is set by the CLI (from build info) before reports are written.
var Version = "dev"

// Summarise counts findings by severity and rule.
func Summarise(fs []finding.Finding, failOn finding.Severity) Summary {
	s := Summary{Total: len(fs), ByRule: map[string]int{}}
	for _, f := range fs {
		switch f.Severity {
		case finding.Error:
			s.Error++
		case finding.Warning:
			s.Warning++
		default:
			s.Info++
		}
		s.ByRule[f.RuleID]++
		if f.Severity >= failOn {
			s.Failed = true
		}
	}
	return s
}

// SortRules returns rules sorted by ID without duplicates.
func SortRules(rs []finding.Rule) []finding.Rule {
	seen := map[string]bool{}
	out := make([]finding.Rule, 0, len(rs))
	for _, r := range rs {
		if seen[r.ID] {
			continue
		}
		seen[r.ID] = true
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Reporter writes a Result in one format.
type Reporter interface {
	Write(w io.Writer, r *Result) error
}

// Formats maps --format names to reporters.
var Formats = map[string]Reporter{
	"table": Table{},
	"json":  JSON{},
	"csv":   CSV{},
	"junit": JUnit{},
}

// ByName returns the reporter for a --format value.
func ByName(name string) (Reporter, error) {
	r, ok := Formats[strings.ToLower(name)]
	if !ok {
		names := make([]string, 0, len(Formats))
		for n := range Formats {
			names = append(names, n)
		}
		sort.Strings(names)
		return nil, fmt.Errorf("unknown format %q (want one of %s)", name, strings.Join(names, ", "))
	}
	return r, nil
}
