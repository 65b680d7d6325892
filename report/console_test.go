package report

import (
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/finding"
)

func TestConsoleSummary(t *testing.T) {
	for _, l := range []finding.Lang{finding.FI, finding.EN} {
		a := fixtureAssessment(l)
		var b strings.Builder
		if err := (Console{MaxFindings: 3}).WriteAssessment(&b, a); err != nil {
			t.Fatal(err)
		}
		got := b.String()
		goldenFile(t, "console_"+string(l)+".txt", got)
		// The verdict agrees with the findings summary.
		failWord := map[finding.Lang]string{finding.FI: "EI LÄPÄISE", finding.EN: "FAILS"}[l]
		if a.Summary.Findings.Failed != strings.Contains(got, failWord) {
			t.Errorf("%s: verdict does not match Summary.Findings.Failed=%v:\n%s", l, a.Summary.Findings.Failed, got)
		}
		if len(a.Result.Findings) > 3 && !strings.Contains(got, "…") {
			t.Errorf("%s: more findings than MaxFindings but no ellipsis line", l)
		}
	}
}
