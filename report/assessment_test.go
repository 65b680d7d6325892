package report

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/finding"
)

func TestAssessmentSummary(t *testing.T) {
	a := fixtureAssessment(finding.FI)
	s := a.Summary
	checks := []struct {
		name      string
		got, want int
	}{
		{"documents", s.Documents, 8},
		{"mapped", s.Mapped, 6},
		{"mapped percent", s.MappedPercent, 75},
		{"present types", s.PresentTypes, 3},
		{"missing types", s.MissingTypes, 4},
		{"extra documents", s.ExtraDocuments, 3},
		{"misphased", s.Misphased, 1},
		{"register errors (2 counted but not listed)", s.RegisterErrors, 4},
		{"register findings", s.RegisterFindings, 4},
		{"retention gaps", s.RetentionGaps, 2},
		{"rejected rows", s.RejectedRows, 1},
		{"rows read", s.RowsRead, 409},
		{"rows rejected", s.RowsRejected, 1},
		{"TOS draft rows", s.TOSDraftRows, 5},
		{"TOS draft open", s.TOSDraftOpen, 4},
		{"findings total", s.Findings.Total, 10},
		{"findings error", s.Findings.Error, 6},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
	wantMethods := []MethodCount{{"exact", 1}, {"synonym", 3}, {"fuzzy", 2}, {"none", 2}}
	if !reflect.DeepEqual(s.ByMethod, wantMethods) {
		t.Errorf("by method = %v, want %v", s.ByMethod, wantMethods)
	}
	wantTasks := []TaskFitness{
		{Task: "older_people", Present: 2, Expected: 4, Percent: 50, Extra: 2, Misphased: 1},
		{Task: "disability", Present: 1, Expected: 3, Percent: 33, Extra: 1},
	}
	if !reflect.DeepEqual(s.Tasks, wantTasks) {
		t.Errorf("tasks = %+v, want %+v", s.Tasks, wantTasks)
	}
	// Every finding, listed or only counted, is in exactly one section.
	total := -2 // the two omitted REG004 findings
	for _, sc := range s.Sections {
		total += sc.Total
		if sc.Total != sc.Error+sc.Warning+sc.Info {
			t.Errorf("section %s: %d != %d+%d+%d", sc.Section, sc.Total, sc.Error, sc.Warning, sc.Info)
		}
	}
	if total != len(a.Result.Findings) {
		t.Errorf("sections count %d findings, result has %d", total, len(a.Result.Findings))
	}
	// The figures must equal findings.json's.
	if s.Findings.Total != a.Result.Summary.Total || s.Findings.Error != a.Result.Summary.Error {
		t.Errorf("summary %+v differs from result %+v", s.Findings, a.Result.Summary)
	}
	// Complete is idempotent.
	before, _ := json.Marshal(a)
	a.Complete()
	after, _ := json.Marshal(a)
	if string(before) != string(after) {
		t.Error("Complete is not idempotent")
	}
}

func TestAssessmentEmpty(t *testing.T) {
	a := &Assessment{}
	a.Complete()
	if a.Result == nil || a.Summary.Documents != 0 || a.Summary.MappedPercent != 0 || a.Schema != AssessmentSchema {
		t.Errorf("empty assessment: %+v", a.Summary)
	}
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	// Lists are [] not null, so consumers of the JSON need no null checks.
	for _, key := range []string{`"mapping":[]`, `"coverage":[]`, `"tos_draft":[]`, `"tasks":[]`, `"by_method":[]`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("JSON lacks %s: %s", key, b)
		}
	}
}

func TestDefaultSection(t *testing.T) {
	tests := []struct {
		rule string
		want Section
	}{
		{"INV001", SectionInput}, {"INP002", SectionInput}, {"MAP006", SectionMapping}, {"COV001", SectionCoverage},
		{"REG012", SectionRegisters}, {"SEP003", SectionRegisters}, {"EXP001", SectionRegisters},
		{"RET004", SectionRetention}, {"TOS002", SectionRetention}, {"GRA001", SectionGraphs}, {"IGN001", SectionOther}, {"", SectionOther},
	}
	for _, tc := range tests {
		if got := DefaultSection(tc.rule); got != tc.want {
			t.Errorf("DefaultSection(%q) = %s, want %s", tc.rule, got, tc.want)
		}
	}
	a := NewAssessment(nil, "")
	a.SetSection("EXP001", SectionInput)
	if a.SectionOf("EXP001") != SectionInput || a.SectionOf("EXP002") != SectionRegisters {
		t.Error("SetSection should override the default for that rule only")
	}
}

func TestCoverageCell(t *testing.T) {
	a := NewAssessment(nil, "")
	a.Tasks = []Label{{ID: "b"}, {ID: "a"}}
	a.Phases = []Label{{ID: "p1"}, {ID: "p2"}}
	a.CoverageCell("a", "p2").Missing = append(a.CoverageCell("a", "p2").Missing, DocRef{Code: "1"})
	a.CoverageCell("a", "p2").Missing = append(a.CoverageCell("a", "p2").Missing, DocRef{Code: "2"})
	a.CoverageCell("b", "p1").Present = append(a.CoverageCell("b", "p1").Present, DocRef{Code: "3"})
	a.CoverageCell("c", "x")
	if len(a.Coverage) != 3 || len(a.Coverage[0].Cells) != 1 || len(a.Coverage[0].Cells[0].Missing) != 2 {
		t.Fatalf("coverage = %+v", a.Coverage)
	}
	var order []string
	for _, r := range a.coverageRows() {
		order = append(order, r.Task)
	}
	if !reflect.DeepEqual(order, []string{"b", "a", "c"}) {
		t.Errorf("row order %v, want declared tasks first", order)
	}
	if got := a.coveragePhases(); !reflect.DeepEqual(got, []string{"p1", "p2", "x"}) {
		t.Errorf("phases %v", got)
	}
	if !a.CoverageCell("c", "x").Empty() || a.CoverageCell("a", "p2").Empty() {
		t.Error("Empty is wrong")
	}
}
