package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/kartoitus/kartoitus/finding"
)

// GitHub writes GitHub Actions workflow commands: one annotation per
// finding (`::error file=…,line=…,title=…::message`; warnings as
// ::warning, info as ::notice), shown on the run and, for files in the
// repository, on the pull request's diff. A closing line says the
// verdict. Print it to the job's standard output.
type GitHub struct{}

func (GitHub) Write(w io.Writer, r *Result) error {
	l := r.Lang
	for _, f := range r.Findings {
		cmd := map[finding.Severity]string{finding.Error: "error", finding.Warning: "warning"}[f.Severity]
		if cmd == "" {
			cmd = "notice"
		}
		var props []string
		if p := r.filePath(f.Location.File); p != "" {
			props = append(props, "file="+ghProperty(p))
			if n := textLine(f.Location); n > 0 {
				props = append(props, fmt.Sprintf("line=%d", n))
			}
		}
		title := f.RuleID
		if ru := r.rule(f.RuleID); ru.Title.In(l) != "" {
			title += " " + ru.Title.In(l)
		}
		props = append(props, "title="+ghProperty(title))
		msg := oneLine(f.Message.In(l))
		if wh := where(f.Location, l); wh != "" {
			msg += " (" + wh + ")"
		}
		if f.Basis != "" {
			msg += " [" + f.Basis + "]"
		}
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", cmd, strings.Join(props, ","), ghData(msg)); err != nil {
			return err
		}
	}
	for _, n := range r.NotChecked {
		if _, err := fmt.Fprintf(w, "::warning title=%s::%s\n", ghProperty(n.Rule+" "+tr(l, "ei tarkistettu", "not checked")),
			ghData(tr(l, "puuttuvat sarakkeet: ", "missing columns: ")+strings.Join(n.Missing, ", "))); err != nil {
			return err
		}
	}
	cmd, verdict := "notice", tr(l, "läpäisee", "passes")
	if r.Summary.Failed {
		cmd, verdict = "error", tr(l, "ei läpäise", "fails")
	}
	s := r.Summary
	_, err := fmt.Fprintf(w, "::%s title=%s::%s\n", cmd, ghProperty("kartoitus "+r.Command+": "+verdict),
		ghData(fmt.Sprintf("%d %s: %s (--fail-on %s)",
			s.Total, plural(l, s.Total, "havainto", "havaintoa", "finding", "findings"), severityCounts(l, s), r.FailOn)))
	return err
}

// rule returns the run's rule by ID (a zero Rule when undeclared).
func (r *Result) rule(id string) finding.Rule {
	for _, ru := range r.Rules {
		if ru.ID == id {
			return ru
		}
	}
	return finding.Rule{ID: id}
}

// ghData escapes a workflow command's message as the Actions toolkit
// does: %, CR and LF.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value: the message
// escapes plus ':' and ','.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
