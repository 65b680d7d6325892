// Package analyzer runs the inventory analyses. Like golang.org/x/tools
// go/analysis, each analysis is an Analyzer value in its own package
// (analyzer/mapping, analyzer/coverage, …) with a name, documentation, the
// rules it reports, and explicit dependencies whose results it reads from
// Pass.ResultOf. There is no global registry: the caller passes the list.
package analyzer

import (
	"errors"
	"fmt"
	"sort"

	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/sosmeta"
	"github.com/kartoitus/kartoitus/tos"
)

// Analyzer is one analysis.
type Analyzer struct {
	Name string
	// Doc: first line is a one-line summary.
	Doc string
	// Rules are every rule the analyzer may report.
	Rules []finding.Rule
	// Requires lists analyzers whose results Run reads.
	Requires []*Analyzer
	// Run performs the analysis. An error means the analysis itself failed;
	// findings go through Pass.Report.
	Run func(*Pass) (any, error)
}

// Input is what every analysis may look at.
type Input struct {
	Catalogue *sosmeta.Catalogue
	Inventory *inventory.Inventory
	// TOS is nil when no TOS/AMS was given (and the inventory carries no
	// TOS columns).
	TOS *tos.Plan
	// Lang is the report language; analyzers write both anyway.
	Lang finding.Lang
	// Options carries per-analyzer settings by analyzer name.
	Options map[string]any
}

// Pass is handed to Analyzer.Run.
type Pass struct {
	Analyzer *Analyzer
	Input
	// ResultOf holds the results of the analyzers in Requires.
	ResultOf map[*Analyzer]any
	report   func(finding.Finding)
}

// Report records a finding.
func (p *Pass) Report(f finding.Finding) { p.report(f) }

// Results of a run.
type Results struct {
	// ResultOf holds every analyzer's result.
	ResultOf map[*Analyzer]any
	Findings []finding.Finding
	// Order is the order analyzers ran in.
	Order []*Analyzer
}

// Rules returns every rule of the analyzers that ran.
func (r *Results) Rules() []finding.Rule {
	var out []finding.Rule
	for _, a := range r.Order {
		out = append(out, a.Rules...)
	}
	return out
}

// Run runs the analyzers and their dependencies once each, dependencies
// first. A failing analyzer stops the run.
func Run(in Input, analyzers ...*Analyzer) (*Results, error) {
	if in.Catalogue == nil {
		return nil, errors.New("analyzer: no catalogue")
	}
	order, err := topo(analyzers)
	if err != nil {
		return nil, err
	}
	res := &Results{ResultOf: map[*Analyzer]any{}, Order: order}
	for _, a := range order {
		pass := &Pass{Analyzer: a, Input: in, ResultOf: map[*Analyzer]any{}}
		for _, dep := range a.Requires {
			pass.ResultOf[dep] = res.ResultOf[dep]
		}
		known := map[string]bool{}
		for _, r := range a.Rules {
			known[r.ID] = true
		}
		var ruleErr error
		pass.report = func(f finding.Finding) {
			if !known[f.RuleID] && ruleErr == nil {
				ruleErr = fmt.Errorf("analyzer %s reported undeclared rule %s", a.Name, f.RuleID)
			}
			res.Findings = append(res.Findings, f)
		}
		out, err := a.Run(pass)
		if err != nil {
			return nil, fmt.Errorf("analyzer %s: %w", a.Name, err)
		}
		if ruleErr != nil {
			return nil, ruleErr
		}
		res.ResultOf[a] = out
	}
	return res, nil
}

func topo(roots []*Analyzer) ([]*Analyzer, error) {
	var order []*Analyzer
	state := map[*Analyzer]int{} // 1 visiting, 2 done
	var visit func(a *Analyzer, path []string) error
	visit = func(a *Analyzer, path []string) error {
		switch state[a] {
		case 1:
			return fmt.Errorf("analyzer dependency cycle: %v", append(path, a.Name))
		case 2:
			return nil
		}
		state[a] = 1
		deps := append([]*Analyzer(nil), a.Requires...)
		sort.SliceStable(deps, func(i, j int) bool { return deps[i].Name < deps[j].Name })
		for _, d := range deps {
			if err := visit(d, append(path, a.Name)); err != nil {
				return err
			}
		}
		state[a] = 2
		order = append(order, a)
		return nil
	}
	for _, a := range roots {
		if err := visit(a, nil); err != nil {
			return nil, err
		}
	}
	return order, nil
}

// Options returns the analyzer's settings from Input.Options[name]: a T, a
// *T, or nothing (the zero T). Any other type is an error, so a caller
// passing the wrong settings finds out.
func Options[T any](p *Pass, name string) (T, error) {
	var zero T
	o, ok := p.Input.Options[name]
	if !ok || o == nil {
		return zero, nil
	}
	switch v := o.(type) {
	case T:
		return v, nil
	case *T:
		if v == nil {
			return zero, nil
		}
		return *v, nil
	}
	return zero, fmt.Errorf("options: want %T, got %T", zero, o)
}
