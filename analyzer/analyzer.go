// Package analyzer runs the inventory analyses. Like golang.org/x/tools
// go/analysis, each analysis is an Analyzer value in its own package
// (analyzer/mapping, analyzer/coverage, …) with a name, documentation, the
// rules it reports, and explicit dependencies whose results it reads. Unlike
// go/analysis the framework is typed: an Analyzer declares its options type
// O and result type R, options are bound with With, and results are read
// with Result — no string-keyed options map, no unchecked type assertion in
// an analysis. There is no global registry: the caller passes the list.
package analyzer

import (
	"errors"
	"fmt"
	"sort"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/sosmeta"
	"github.com/kartoitus/kartoitus/tos"
)

// Node is an analyzer of any option and result type, as the runner and
// dependency lists see it. Only *Analyzer[O, R] implements it.
type Node interface {
	Info() Info
	requires() []Node
	run(p *Pass, opts any) (any, error)
	zeroOptions() any
}

// Info describes an analyzer for documentation and reports.
type Info struct {
	Name string
	// Doc: first line is a one-line summary.
	Doc   string
	Rules []finding.Rule
}

// Analyzer is one analysis with options O and result R.
type Analyzer[O, R any] struct {
	Name string
	Doc  string
	// Rules are every rule the analyzer may report.
	Rules []finding.Rule
	// Requires lists analyzers whose results Run reads (with Result).
	Requires []Node
	// Run performs the analysis. An error means the analysis itself failed;
	// findings go through Pass.Report.
	Run func(p *Pass, opts O) (R, error)
}

// Info implements Node.
func (a *Analyzer[O, R]) Info() Info { return Info{Name: a.Name, Doc: a.Doc, Rules: a.Rules} }

func (a *Analyzer[O, R]) requires() []Node { return a.Requires }
func (a *Analyzer[O, R]) zeroOptions() any { var o O; return o }

func (a *Analyzer[O, R]) run(p *Pass, opts any) (any, error) {
	return a.Run(p, opts.(O)) // With is the only way options are set: always an O
}

// Option binds options to an analyzer.
type Option struct {
	node Node
	opts any
}

// With binds o to the analyzer for one Run.
func (a *Analyzer[O, R]) With(o O) Option { return Option{node: a, opts: o} }

// Results is what a result can be read from: a Pass (the results of the
// analyzers it requires) or a whole run's Results.
type Results interface {
	resultOf(Node) (any, bool)
}

// Result returns the analyzer's result from rs, and false when the
// analyzer did not run (or, in a Pass, is not in Requires).
func (a *Analyzer[O, R]) Result(rs Results) (R, bool) {
	v, ok := rs.resultOf(a)
	if !ok {
		var zero R
		return zero, false
	}
	return v.(R), true // stored by run from a's own Run: always an R
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
}

// Pass is handed to Analyzer.Run.
type Pass struct {
	Analyzer Info
	Input
	deps   map[Node]any
	report func(finding.Finding)
}

func (p *Pass) resultOf(n Node) (any, bool) {
	v, ok := p.deps[n]
	return v, ok
}

// Report records a finding.
func (p *Pass) Report(f finding.Finding) { p.report(f) }

// Run is the outcome of running analyzers.
type Run struct {
	results  map[Node]any
	Findings []finding.Finding
	// Order is the order analyzers ran in.
	Order []Node
}

func (r *Run) resultOf(n Node) (any, bool) {
	v, ok := r.results[n]
	return v, ok
}

// Rules returns every rule of the analyzers that ran.
func (r *Run) Rules() []finding.Rule {
	var out []finding.Rule
	for _, a := range r.Order {
		out = append(out, a.Info().Rules...)
	}
	return out
}

// Execute runs the analyzers and their dependencies once each,
// dependencies first, with the bound options (an analyzer without an
// Option gets its zero options). A failing analyzer stops the run.
func Execute(in Input, opts []Option, analyzers ...Node) (*Run, error) {
	if in.Catalogue == nil {
		return nil, errors.New("analyzer: no catalogue")
	}
	order, err := topo(analyzers)
	if err != nil {
		return nil, err
	}
	bound := map[Node]any{}
	for _, o := range opts {
		bound[o.node] = o.opts
	}
	res := &Run{results: map[Node]any{}, Order: order}
	for _, a := range order {
		info := a.Info()
		pass := &Pass{Analyzer: info, Input: in, deps: map[Node]any{}}
		for _, dep := range a.requires() {
			pass.deps[dep] = res.results[dep]
		}
		known := map[string]bool{}
		for _, r := range info.Rules {
			known[r.ID] = true
		}
		var ruleErr error
		pass.report = func(f finding.Finding) {
			if !known[f.RuleID] && ruleErr == nil {
				ruleErr = fmt.Errorf("analyzer %s reported undeclared rule %s", info.Name, f.RuleID)
			}
			res.Findings = append(res.Findings, f)
		}
		o, ok := bound[a]
		if !ok {
			o = a.zeroOptions()
		}
		out, err := runSafely(a, pass, o)
		if err != nil {
			return nil, fmt.Errorf("analyzer %s: %w", info.Name, err)
		}
		if ruleErr != nil {
			return nil, ruleErr
		}
		res.results[a] = out
	}
	return res, nil
}

// runSafely runs one analyzer, turning a panic (a bug) into an error that
// wraps kartoitus.ErrInternal, so the CLI reports it with its own exit code
// instead of a stack trace.
func runSafely(a Node, pass *Pass, o any) (out any, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %v", kartoitus.ErrInternal, r)
		}
	}()
	return a.run(pass, o)
}

func topo(roots []Node) ([]Node, error) {
	var order []Node
	state := map[Node]int{} // 1 visiting, 2 done
	var visit func(a Node, path []string) error
	visit = func(a Node, path []string) error {
		switch state[a] {
		case 1:
			return fmt.Errorf("analyzer dependency cycle: %v", append(path, a.Info().Name))
		case 2:
			return nil
		}
		state[a] = 1
		deps := append([]Node(nil), a.requires()...)
		sort.SliceStable(deps, func(i, j int) bool { return deps[i].Info().Name < deps[j].Info().Name })
		for _, d := range deps {
			if err := visit(d, append(path, a.Info().Name)); err != nil {
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
