package analyzer

import (
	"errors"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/sosmeta"
)

type opts struct{ N int }

func TestRunOrderOptionsAndResults(t *testing.T) {
	rule := finding.Rule{ID: "T001", Severity: finding.Warning}
	var order []string
	a := &Analyzer[opts, int]{Name: "a", Rules: []finding.Rule{rule}, Run: func(p *Pass, o opts) (int, error) {
		order = append(order, "a")
		p.Report(finding.New(rule, finding.T("x", "x"), finding.Location{}))
		return 40 + o.N, nil
	}}
	b := &Analyzer[struct{}, string]{Name: "b", Requires: []Node{a}, Run: func(p *Pass, _ struct{}) (string, error) {
		order = append(order, "b")
		v, ok := a.Result(p)
		if !ok {
			return "", errors.New("no result of a")
		}
		return strings.Repeat("x", v), nil
	}}
	unrelated := &Analyzer[struct{}, int]{Name: "c"}
	res, err := Execute(Input{Catalogue: sosmeta.MustDefault()}, []Option{a.With(opts{N: 2})}, b, a)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(order, "") != "ab" {
		t.Errorf("order %v", order)
	}
	if v, ok := a.Result(res); !ok || v != 42 {
		t.Errorf("a's result %v %v, want 42 from the bound options", v, ok)
	}
	if v, ok := b.Result(res); !ok || len(v) != 42 {
		t.Errorf("b's result %q %v", v, ok)
	}
	if _, ok := unrelated.Result(res); ok {
		t.Error("an analyzer that did not run has a result")
	}
	if len(res.Findings) != 1 || len(res.Rules()) != 1 {
		t.Errorf("findings %d, rules %v", len(res.Findings), res.Rules())
	}

	// Without a bound option the analyzer gets its zero options.
	order = nil
	res, err = Execute(Input{Catalogue: sosmeta.MustDefault()}, nil, a)
	if v, _ := a.Result(res); err != nil || v != 40 {
		t.Errorf("zero options: %v %v", v, err)
	}
}

func TestRunErrors(t *testing.T) {
	cat := sosmeta.MustDefault()
	undeclared := &Analyzer[struct{}, any]{Name: "u", Run: func(p *Pass, _ struct{}) (any, error) {
		p.Report(finding.Finding{RuleID: "X999"})
		return nil, nil
	}}
	if _, err := Execute(Input{Catalogue: cat}, nil, undeclared); err == nil || !strings.Contains(err.Error(), "undeclared rule X999") {
		t.Errorf("undeclared rule: %v", err)
	}
	boom := errors.New("boom")
	failing := &Analyzer[struct{}, any]{Name: "f", Run: func(*Pass, struct{}) (any, error) { return nil, boom }}
	if _, err := Execute(Input{Catalogue: cat}, nil, failing); !errors.Is(err, boom) {
		t.Errorf("failing analyzer: %v", err)
	}
	panicking := &Analyzer[struct{}, any]{Name: "p", Run: func(*Pass, struct{}) (any, error) { panic("bug") }}
	if _, err := Execute(Input{Catalogue: cat}, nil, panicking); !errors.Is(err, kartoitus.ErrInternal) || !strings.Contains(err.Error(), "bug") {
		t.Errorf("panicking analyzer: %v", err)
	}
	x := &Analyzer[struct{}, any]{Name: "x"}
	y := &Analyzer[struct{}, any]{Name: "y", Requires: []Node{x}}
	x.Requires = []Node{y}
	if _, err := Execute(Input{Catalogue: cat}, nil, x); err == nil || !strings.Contains(err.Error(), "cycle") {
		t.Errorf("cycle: %v", err)
	}
	if _, err := Execute(Input{}, nil, x); err == nil {
		t.Error("no catalogue accepted")
	}
}
