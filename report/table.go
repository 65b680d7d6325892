package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/kartoitus/kartoitus/finding"
)

// Table writes the console summary: inputs accounted for, counts per rule,
// then the findings themselves (at most MaxRows; the rest are counted).
type Table struct {
	MaxRows int
}

func (t Table) Write(w io.Writer, r *Result) error {
	l := r.Lang
	max := t.MaxRows
	if max == 0 {
		max = 50
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	if len(r.Inputs) > 0 {
		fmt.Fprintln(tw, tr(l, "SYÖTE\tLUETTU\tHYVÄKSYTTY\tHYLÄTTY\tOHITETTU", "INPUT\tREAD\tACCEPTED\tREJECTED\tSKIPPED"))
		for _, in := range r.Inputs {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\n", in.Source, in.Read, in.Accepted, in.Rejected, in.Skipped)
		}
		fmt.Fprintln(tw)
	}
	fmt.Fprintln(tw, tr(l, "SÄÄNTÖ\tVAKAVUUS\tHAVAINTOJA\tKUVAUS", "RULE\tSEVERITY\tFINDINGS\tTITLE"))
	for _, ru := range r.Rules {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", ru.ID, severityName(l, ru.Severity), r.Summary.ByRule[ru.ID], ru.Title.In(l))
	}
	fmt.Fprintln(tw)
	if len(r.NotChecked) > 0 {
		fmt.Fprintln(tw, tr(l, "EI TARKISTETTU\tPUUTTUVAT SARAKKEET\tKUVAUS", "NOT CHECKED\tMISSING COLUMNS\tTITLE"))
		for _, n := range r.NotChecked {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", n.Rule, strings.Join(n.Missing, ", "), n.Title.In(l))
		}
		fmt.Fprintln(tw)
	}
	if len(r.Findings) > 0 {
		fmt.Fprintln(tw, tr(l, "SÄÄNTÖ\tVAKAVUUS\tSIJAINTI\tHAVAINTO", "RULE\tSEVERITY\tLOCATION\tFINDING"))
		for i, f := range r.Findings {
			if i == max {
				n := len(r.Findings) - max
				fmt.Fprintf(tw, "…\t\t\t%s\n", tr(l, fmt.Sprintf("%s lisää (katso --format json tai csv)", count(l, n, "havainto", "havaintoa", "", "")),
					fmt.Sprintf("%d more %s (see --format json or csv)", n, plural(l, n, "", "", "finding", "findings"))))
				break
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", f.RuleID, severityName(l, f.Severity), f.Location.In(l), oneLine(f.Message.In(l)))
		}
		fmt.Fprintln(tw)
	}
	if len(r.Omitted) > 0 {
		ids := make([]string, 0, len(r.Omitted))
		for id := range r.Omitted {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			n := r.Omitted[id]
			fmt.Fprint(tw, tr(l, fmt.Sprintf("%s: %s lisää laskettu mutta ei listattu (raja per sääntö)\n", id, count(l, n, "havainto", "havaintoa", "", "")),
				fmt.Sprintf("%s: %d more %s counted but not listed (per-rule limit)\n", id, n, plural(l, n, "", "", "finding", "findings"))))
		}
		fmt.Fprintln(tw)
	}
	fmt.Fprintf(tw, tr(l, "Yhteensä %s: %s", "Total %s: %s"),
		count(l, r.Summary.Total, "havainto", "havaintoa", "finding", "findings"), severityCounts(l, r.Summary))
	if r.Suppressed > 0 {
		fmt.Fprintf(tw, tr(l, " (%d ohitettu)", " (%d ignored)"), r.Suppressed)
	}
	fmt.Fprintln(tw)
	return tw.Flush()
}

func tr(l finding.Lang, fi, en string) string {
	if l == finding.EN {
		return en
	}
	return fi
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func ruleStub(id string) finding.Rule { return finding.Rule{ID: id} }
