package analyzer

import (
	"errors"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/sosmeta"
)

type opts struct{ N int }

func TestOptions(t *testing.T) {
	tests := []struct {
		name    string
		in      any
		want    int
		wantErr bool
	}{
		{"absent", nil, 0, false},
		{"value", opts{N: 3}, 3, false},
		{"pointer", &opts{N: 4}, 4, false},
		{"nil pointer", (*opts)(nil), 0, false},
		{"wrong type", "x", 0, true},
	}
	for _, tt := range tests {
		p := &Pass{Input: Input{Options: map[string]any{}}}
		if tt.in != nil {
			p.Options["a"] = tt.in
		}
		got, err := Options[opts](p, "a")
		if (err != nil) != tt.wantErr || got.N != tt.want {
			t.Errorf("%s: got %v, %v", tt.name, got, err)
		}
	}
}

func TestRunOrderAndResults(t *testing.T) {
	rule := finding.Rule{ID: "T001", Severity: finding.Warning}
	var order []string
	a := &Analyzer{Name: "a", Rules: []finding.Rule{rule}, Run: func(p *Pass) (any, error) {
		order = append(order, "a")
		p.Report(finding.New(rule, finding.T("x", "x"), finding.Location{}))
		return 41, nil
	}}
	b := &Analyzer{Name: "b", Requires: []*Analyzer{a}, Run: func(p *Pass) (any, error) {
		order = append(order, "b")
		return p.ResultOf[a].(int) + 1, nil
	}}
	res, err := Run(Input{Catalogue: sosmeta.MustDefault()}, b, a)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(order, "") != "ab" || res.ResultOf[b] != 42 || len(res.Findings) != 1 {
		t.Errorf("order %v, result %v, findings %d", order, res.ResultOf[b], len(res.Findings))
	}
	if len(res.Rules()) != 1 {
		t.Errorf("rules %v", res.Rules())
	}
}

func TestRunErrors(t *testing.T) {
	cat := sosmeta.MustDefault()
	undeclared := &Analyzer{Name: "u", Run: func(p *Pass) (any, error) {
		p.Report(finding.Finding{RuleID: "X999"})
		return nil, nil
	}}
	if _, err := Run(Input{Catalogue: cat}, undeclared); err == nil || !strings.Contains(err.Error(), "undeclared rule X999") {
		t.Errorf("undeclared rule: %v", err)
	}
	boom := errors.New("boom")
	failing := &Analyzer{Name: "f", Run: func(*Pass) (any, error) { return nil, boom }}
	if _, err := Run(Input{Catalogue: cat}, failing); !errors.Is(err, boom) {
		t.Errorf("failing analyzer: %v", err)
	}
	x := &Analyzer{Name: "x"}
	y := &Analyzer{Name: "y", Requires: []*Analyzer{x}}
	x.Requires = []*Analyzer{y}
	if _, err := Run(Input{Catalogue: cat}, x); err == nil || !strings.Contains(err.Error(), "cycle") {
		t.Errorf("cycle: %v", err)
	}
	if _, err := Run(Input{}, x); err == nil {
		t.Error("no catalogue accepted")
	}
}
