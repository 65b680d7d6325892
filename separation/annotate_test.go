package separation

import (
	"testing"

	"github.com/kartoitus/kartoitus/finding"
)

// Findings counted beyond the per-rule cap must count in the summary and
// the verdict; rules that could not run must be listed as not checked.
func TestResultRun(t *testing.T) {
	var errCheck, warnCheck *Check
	for _, c := range Checks {
		if c.Severity == finding.Error && errCheck == nil {
			errCheck = c
		}
		if c.Severity == finding.Warning && warnCheck == nil {
			warnCheck = c
		}
	}
	res := &Result{
		Rules:      []finding.Rule{errCheck.Rule, warnCheck.Rule},
		Omitted:    map[string]int{errCheck.ID: 5, warnCheck.ID: 2},
		NotChecked: []finding.NotChecked{{Rule: warnCheck.ID, Title: warnCheck.Title, Missing: []string{"case_id"}}},
		Stats:      Stats{Rows: 10, Documents: 9},
	}
	run := res.Run()
	s := run.Summary(finding.Error)
	if s.Total != 7 || s.Error != 5 || s.Warning != 2 || !s.Failed {
		t.Errorf("summary: %+v", s)
	}
	if s := run.Summary(finding.Warning); !s.Failed {
		t.Errorf("warnings alone must fail --fail-on warning: %+v", s)
	}
	if len(run.NotChecked) != 1 || run.NotChecked[0].Title.EN == "" {
		t.Errorf("not checked: %+v", run.NotChecked)
	}
	if run.Figures["export_documents"] != 9 {
		t.Errorf("figures: %v", run.Figures)
	}
	res.Omitted = nil
	if s := res.Run().Summary(finding.Error); s.Failed || s.Total != 0 {
		t.Errorf("nothing found, yet %+v", s)
	}
}
