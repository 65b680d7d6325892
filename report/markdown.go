package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/kartoitus/kartoitus/finding"
)

// Markdown writes a summary for $GITHUB_STEP_SUMMARY or a merge-request
// note: the verdict, the inputs accounted for, the rules with findings,
// the rules not checked, and the first findings (at most MaxRows, in a
// collapsed block; the rest are counted).
type Markdown struct {
	MaxRows int
}

func (m Markdown) Write(w io.Writer, r *Result) error {
	l := r.Lang
	max := m.MaxRows
	if max == 0 {
		max = 50
	}
	s := r.Summary
	var b strings.Builder
	verdict := tr(l, "LÄPÄISEE", "PASSES")
	if s.Failed {
		verdict = tr(l, "EI LÄPÄISE", "FAILS")
	}
	fmt.Fprintf(&b, "### kartoitus %s: %s\n\n", mdCell(r.Command), verdict)
	fmt.Fprintf(&b, "%d %s: %s.", s.Total, plural(l, s.Total, "havainto", "havaintoa", "finding", "findings"), severityCounts(l, s))
	if r.FailOn == finding.Never {
		b.WriteString(tr(l, " Ajo ei epäonnistu havaintojen vuoksi (--fail-on never).", " The run does not fail on findings (--fail-on never)."))
	} else {
		fmt.Fprintf(&b, tr(l, " Vähintään tasolla %s: %d (--fail-on %s).", " At or above %s: %d (--fail-on %s)."), severityName(l, r.FailOn), s.AtOrAbove(r.FailOn), r.FailOn)
	}
	if r.Suppressed > 0 {
		fmt.Fprintf(&b, tr(l, " %d ohitettu ignore-tiedostolla.", " %d ignored by the ignore file."), r.Suppressed)
	}
	b.WriteString("\n\n")

	if len(r.Inputs) > 0 {
		b.WriteString(tr(l, "| Syöte | Luettu | Hyväksytty | Hylätty | Ohitettu |\n", "| Input | Read | Accepted | Rejected | Skipped |\n"))
		b.WriteString("|---|---:|---:|---:|---:|\n")
		for _, in := range r.Inputs {
			fmt.Fprintf(&b, "| %s | %d | %d | %d | %d |\n", mdCell(in.Source), in.Read, in.Accepted, in.Rejected, in.Skipped)
		}
		b.WriteString("\n")
	}

	clean := 0
	var withFindings []finding.Rule
	for _, ru := range r.Rules {
		if s.ByRule[ru.ID] > 0 {
			withFindings = append(withFindings, ru)
		} else {
			clean++
		}
	}
	if len(withFindings) > 0 {
		b.WriteString(tr(l, "| Sääntö | Vakavuus | Havaintoja | Kuvaus | Peruste |\n", "| Rule | Severity | Findings | Title | Basis |\n"))
		b.WriteString("|---|---|---:|---|---|\n")
		for _, ru := range withFindings {
			basis := ru.Basis
			if ru.Inferred && basis != "" {
				basis += tr(l, " (päätelmä)", " (inferred)")
			}
			fmt.Fprintf(&b, "| %s | %s | %d | %s | %s |\n", ru.ID, severityName(l, ru.Severity), s.ByRule[ru.ID], mdCell(ru.Title.In(l)), mdCell(basis))
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, tr(l, "%d %s tarkistettu ilman havaintoja.\n\n", "%d %s checked and clean.\n\n"),
		clean, plural(l, clean, "sääntö", "sääntöä", "rule", "rules"))

	if len(r.NotChecked) > 0 {
		fmt.Fprintf(&b, tr(l, "**Ei tarkistettu** (%d): puuttuvat sarakkeet eivät ole puhdas tulos.\n\n", "**Not checked** (%d): missing columns are not a clean result.\n\n"), len(r.NotChecked))
		b.WriteString(tr(l, "| Sääntö | Puuttuvat sarakkeet | Kuvaus |\n", "| Rule | Missing columns | Title |\n"))
		b.WriteString("|---|---|---|\n")
		for _, n := range r.NotChecked {
			fmt.Fprintf(&b, "| %s | %s | %s |\n", n.Rule, mdCell(strings.Join(n.Missing, ", ")), mdCell(n.Title.In(l)))
		}
		b.WriteString("\n")
	}

	if len(r.Findings) > 0 {
		shown := min(len(r.Findings), max)
		fmt.Fprintf(&b, "<details><summary>%s</summary>\n\n", fmt.Sprintf(tr(l, "Havainnot (%d/%d)", "Findings (%d of %d)"), shown, s.Total))
		b.WriteString(tr(l, "| Sääntö | Vakavuus | Sijainti | Havainto |\n", "| Rule | Severity | Location | Finding |\n"))
		b.WriteString("|---|---|---|---|\n")
		for _, f := range r.Findings[:shown] {
			loc := f.Location
			loc.File = r.filePath(loc.File)
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", f.RuleID, severityName(l, f.Severity), mdCell(loc.In(l)), mdCell(f.Message.In(l)))
		}
		if more := s.Total - shown; more > 0 {
			fmt.Fprintf(&b, tr(l, "\n%d %s lisää: katso --format json tai csv.\n", "\n%d more %s: see --format json or csv.\n"),
				more, plural(l, more, "havainto", "havaintoa", "finding", "findings"))
		}
		b.WriteString("\n</details>\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mdCell makes text safe in a Markdown table cell: one line, pipes
// escaped, HTML markup shown as text.
func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(oneLine(s))
}
