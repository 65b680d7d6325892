package report

import (
	"encoding/json"
	"io"
)

// CodeQuality writes a GitLab Code Quality report (the Code Climate
// issue subset GitLab reads from artifacts:reports:codequality): one
// issue per finding with its file, line and fingerprint, shown in the
// merge request's widget.
type CodeQuality struct{}

type cqIssue struct {
	Description string     `json:"description"`
	CheckName   string     `json:"check_name"`
	Fingerprint string     `json:"fingerprint"`
	Severity    string     `json:"severity"`
	Location    cqLocation `json:"location"`
}

type cqLocation struct {
	Path  string  `json:"path"`
	Lines cqLines `json:"lines"`
}

type cqLines struct {
	Begin int `json:"begin"`
}

func (CodeQuality) Write(w io.Writer, r *Result) error {
	l := r.Lang
	issues := make([]cqIssue, 0, len(r.Findings))
	for _, f := range r.Findings {
		p := r.filePath(f.Location.File)
		if p == "" {
			p = r.primaryPath()
		}
		// GitLab needs a line; a workbook row or a whole-input finding
		// points at line 1 and says where in the description.
		line := max(textLine(f.Location), 1)
		desc := oneLine(f.Message.In(l))
		if wh := where(f.Location, l); wh != "" {
			desc += " (" + wh + ")"
		}
		sev := map[string]string{"error": "critical", "warning": "major"}[f.Severity.String()]
		if sev == "" {
			sev = "info"
		}
		fp := f.Fingerprint
		if fp == "" {
			fp = f.RuleID
		}
		issues = append(issues, cqIssue{Description: f.RuleID + ": " + desc, CheckName: f.RuleID, Fingerprint: fp,
			Severity: sev, Location: cqLocation{Path: p, Lines: cqLines{Begin: line}}})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(issues)
}
