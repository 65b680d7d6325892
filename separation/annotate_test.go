package separation

import (
	"testing"

	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/report"
)

// Findings counted beyond the per-rule cap must count in the summary and
// the verdict; rules that could not run must be listed as not checked.
func TestAnnotate(t *testing.T) {
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
		Omitted:    map[string]int{errCheck.ID: 5, warnCheck.ID: 2},
		NotChecked: []NotChecked{{Rule: warnCheck.ID, Missing: []string{"case_id"}}},
		Stats:      Stats{Rows: 10, Documents: 9},
	}
	r := report.NewResult("registers", finding.EN, finding.Error, nil, nil, nil)
	if r.Summary.Failed {
		t.Fatal("empty result failed")
	}
	res.Annotate(r)
	if r.Summary.Total != 7 || r.Summary.Error != 5 || r.Summary.Warning != 2 || !r.Summary.Failed {
		t.Errorf("summary after annotate: %+v", r.Summary)
	}
	if len(r.NotChecked) != 1 || r.NotChecked[0].Title.EN == "" {
		t.Errorf("not checked: %+v", r.NotChecked)
	}
	if r.Figures["export_documents"] != 9 {
		t.Errorf("figures: %v", r.Figures)
	}
}
