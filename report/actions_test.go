package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/finding"
)

// TestActions: every finding (omitted ones included) is in exactly one
// actor's list, worst first, and each link points at a section the page
// has.
func TestActions(t *testing.T) {
	a := fixtureAssessment(finding.FI)
	groups := a.Actions()
	if len(groups) == 0 {
		t.Fatal("no actions")
	}
	total := len(a.Result.Findings)
	for _, n := range a.Result.Omitted {
		total += n
	}
	sum := 0
	var page bytes.Buffer
	if err := (HTML{}).WriteAssessment(&page, a); err != nil {
		t.Fatal(err)
	}
	for _, g := range groups {
		n := 0
		for i, x := range g.Actions {
			n += x.Count
			if i > 0 && x.Severity > g.Actions[i-1].Severity {
				t.Errorf("%s: %s (%v) after %s (%v): not worst first", g.Actor, x.Rule.ID, x.Severity, g.Actions[i-1].Rule.ID, g.Actions[i-1].Severity)
			}
			if ActorOf(x.Rule.ID) != g.Actor {
				t.Errorf("%s listed under %s", x.Rule.ID, g.Actor)
			}
			anchor := string(x.Section)
			if x.Section == SectionInput {
				anchor = "rejected"
			}
			if !strings.Contains(page.String(), `<section id="`+anchor+`"`) {
				t.Errorf("%s links to #%s, which the page lacks", x.Rule.ID, anchor)
			}
		}
		if n != g.Total {
			t.Errorf("%s: items sum to %d, total %d", g.Actor, n, g.Total)
		}
		sum += n
	}
	if sum != total {
		t.Errorf("actions count %d findings, the result has %d (with omitted)", sum, total)
	}
	for _, tt := range []struct {
		rule string
		want Actor
	}{{"RET005", ActorRecords}, {"REG101", ActorRecords}, {"REG020", ActorVendor}, {"EXP001", ActorVendor}, {"COV001", ActorService},
		{"MAP002", ActorService}, {"DPT003", ActorManagement}, {"PLN001", ActorManagement}} {
		if got := ActorOf(tt.rule); got != tt.want {
			t.Errorf("ActorOf(%s) = %s, want %s", tt.rule, got, tt.want)
		}
	}
}

// TestFindingsTableCap: a findings table lists at most maxTableRows, the
// most serious first, and says how many more are in the files.
func TestFindingsTableCap(t *testing.T) {
	var fs []finding.Finding
	for i := 0; i < maxTableRows+40; i++ {
		sev := finding.Info
		if i%50 == 0 {
			sev = finding.Error
		}
		fs = append(fs, finding.Finding{RuleID: "RET001", Severity: sev})
	}
	v := newFindingsView("tbl-x", fs)
	if len(v.Shown) != maxTableRows || v.More != 40 {
		t.Fatalf("shown %d, more %d", len(v.Shown), v.More)
	}
	errors := 0
	for _, f := range v.Shown[:6] {
		if f.Severity == finding.Error {
			errors++
		}
	}
	if errors != 6 {
		t.Errorf("the errors do not come first: %d of the first 6", errors)
	}
	if small := newFindingsView("tbl-y", fs[:10]); small.More != 0 || len(small.Shown) != 10 {
		t.Errorf("a short table is capped: %+v", small.More)
	}
}
