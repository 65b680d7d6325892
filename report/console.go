package report

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/kartoitus/kartoitus/finding"
)

// Console writes the assessment's console summary: the verdict, input rows,
// findings per report section, the headline figures and the most severe
// findings. The full lists are in the report folder; the console says
// where to look rather than repeating them.
type Console struct {
	// MaxFindings is how many findings are listed (default 15).
	MaxFindings int
}

// WriteAssessment writes the summary of a completed assessment.
func (c Console) WriteAssessment(w io.Writer, a *Assessment) error {
	a.Complete()
	l := a.Meta.Lang
	s := a.Summary
	max := c.MaxFindings
	if max == 0 {
		max = 15
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	title := ui(l, "title")
	if a.Meta.Organisation != "" {
		title += ": " + a.Meta.Organisation
	}
	fmt.Fprintln(tw, title)
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, tr(l, "SYÖTE\tLUETTU\tHYVÄKSYTTY\tHYLÄTTY\tOHITETTU", "INPUT\tREAD\tACCEPTED\tREJECTED\tSKIPPED"))
	for _, in := range a.Result.Inputs {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\n", in.Source, in.Read, in.Accepted, in.Rejected, in.Skipped)
	}
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, tr(l, "OSIO\tVIRHE\tVAROITUS\tHUOMIO", "SECTION\tERROR\tWARNING\tINFO"))
	for _, sc := range s.Sections {
		if sc.Total == 0 {
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\n", enum(l, "section", string(sc.Section)), sc.Error, sc.Warning, sc.Info)
	}
	fmt.Fprintln(tw)
	fmt.Fprintf(tw, tr(l, "Asiakirjoja %d, kansalliseen tyyppiin kohdistettu %d (%d %%).\n", "Documents %d, mapped to a national type %d (%d %%).\n"),
		s.Documents, s.Mapped, s.MappedPercent)
	for _, t := range s.Tasks {
		if t.Expected == 0 && t.Present == 0 && t.Extra == 0 {
			continue
		}
		name := a.TaskName(t.Task, l)
		if t.Task == "" {
			name = ui(l, "task.none")
		}
		fmt.Fprintf(tw, tr(l, "  %s: %d/%d kansallista tyyppiä, %d ylimääräistä, %d eri vaiheessa\n", "  %s: %d/%d national types, %d extra, %d mis-phased\n"),
			name, t.Present, t.Expected, t.Extra, t.Misphased)
	}
	fmt.Fprintf(tw, tr(l, "TOS-luonnoksessa %d riviä, joista %d avoinna.\n", "TOS draft: %d rows, %d open.\n"), s.TOSDraftRows, s.TOSDraftOpen)
	fmt.Fprintln(tw)
	fs := a.Result.Findings
	if len(fs) > 0 {
		fmt.Fprintln(tw, tr(l, "VAKAVIMMAT HAVAINNOT", "MOST SEVERE FINDINGS"))
		for i, f := range fs {
			if i == max {
				fmt.Fprintf(tw, tr(l, "… ja %d muuta raportissa\n", "… and %d more in the report\n"), len(fs)-max)
				break
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", f.RuleID, f.Severity, f.Location.In(l), oneLine(f.Message.In(l)))
		}
		fmt.Fprintln(tw)
	}
	verdict := tr(l, "LÄPÄISEE", "PASSES")
	if s.Findings.Failed {
		// Counted from the summary, which includes findings counted but
		// not listed (the register gate caps listed findings per rule).
		n := s.Findings.Error
		switch a.Result.FailOn {
		case finding.Warning:
			n += s.Findings.Warning
		case finding.Info:
			n = s.Findings.Total
		}
		verdict = fmt.Sprintf(tr(l, "EI LÄPÄISE: %d havaintoa vähintään tasolla %s", "FAILS: %d findings at or above %s"),
			n, a.Result.FailOn)
	}
	fmt.Fprintf(tw, tr(l, "Yhteensä %d havaintoa (%d virhettä, %d varoitusta, %d huomiota). %s\n", "Total %d findings (%d errors, %d warnings, %d info). %s\n"),
		s.Findings.Total, s.Findings.Error, s.Findings.Warning, s.Findings.Info, verdict)
	return tw.Flush()
}
