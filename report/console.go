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
		fmt.Fprintf(tw, "  %s: %d/%s, %s, %s\n", name, t.Present,
			count(l, t.Expected, "kansallinen tyyppi", "kansallista tyyppiä", "national type", "national types"),
			count(l, t.Extra, "ylimääräinen", "ylimääräistä", "extra", "extra"),
			tr(l, fmt.Sprintf("%d eri vaiheessa", t.Misphased), fmt.Sprintf("%d mis-phased", t.Misphased)))
	}
	fmt.Fprintf(tw, tr(l, "TOS-luonnoksessa %s, joista %d avoinna.\n", "TOS draft: %s, %d open.\n"),
		count(l, s.TOSDraftRows, "rivi", "riviä", "row", "rows"), s.TOSDraftOpen)
	fmt.Fprintln(tw)
	fs := a.Result.Findings
	if len(fs) > 0 {
		fmt.Fprintln(tw, tr(l, "VAKAVIMMAT HAVAINNOT", "MOST SEVERE FINDINGS"))
		for i, f := range fs {
			if i == max {
				fmt.Fprintf(tw, tr(l, "… ja %d muuta raportissa\n", "… and %d more in the report\n"), len(fs)-max)
				break
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", f.RuleID, severityName(l, f.Severity), f.Location.In(l), oneLine(f.Message.In(l)))
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
		verdict = fmt.Sprintf(tr(l, "EI LÄPÄISE: %s vähintään tasolla %s", "FAILS: %s at or above %s"),
			count(l, n, "havainto", "havaintoa", "finding", "findings"), severityLevel(l, a.Result.FailOn))
	}
	fmt.Fprintf(tw, tr(l, "Yhteensä %s (%s). %s\n", "Total %s (%s). %s\n"),
		count(l, s.Findings.Total, "havainto", "havaintoa", "finding", "findings"), severityCounts(l, s.Findings), verdict)
	return tw.Flush()
}
