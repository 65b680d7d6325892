package finding

import "testing"

func TestRunSummaryAndMerge(t *testing.T) {
	errRule := Rule{ID: "X001", Severity: Error}
	warnRule := Rule{ID: "X002", Severity: Warning}
	a := Run{
		Inputs:   []Tally{{Source: "a", Read: 2, Accepted: 2}},
		Findings: []Finding{New(warnRule, T("w", "w"), Location{}, "1")},
		Rules:    []Rule{warnRule},
	}
	b := Run{
		Inputs:     []Tally{{Source: "b", Read: 5, Accepted: 5}},
		Rules:      []Rule{errRule},
		Omitted:    map[string]int{"X001": 3},
		Suppressed: 1,
		NotChecked: []NotChecked{{Rule: "X003", Missing: []string{"case_id"}}},
		Figures:    map[string]int{"rows": 5},
	}
	if s := a.Summary(Error); s.Failed || s.Total != 1 || s.Warning != 1 {
		t.Errorf("a alone: %+v", s)
	}
	a.Merge(b)
	s := a.Summary(Error)
	if !s.Failed || s.Total != 4 || s.Error != 3 || s.ByRule["X001"] != 3 {
		t.Errorf("merged: %+v", s)
	}
	if a.Suppressed != 1 || len(a.Inputs) != 2 || len(a.NotChecked) != 1 || a.Figures["rows"] != 5 {
		t.Errorf("merge lost parts: %+v", a)
	}
	a.Merge(b)
	if a.Omitted["X001"] != 6 || a.Figures["rows"] != 10 {
		t.Errorf("second merge: %v %v", a.Omitted, a.Figures)
	}
	if got := SortRules([]Rule{warnRule, errRule, warnRule}); len(got) != 2 || got[0].ID != "X001" {
		t.Errorf("SortRules = %v", got)
	}
}
