// Package assess runs the whole assessment: it reads the inventory, the
// optional register export and TOS/AMS, runs every analysis, draws the
// graphs, and writes the folder a consultant hands over (index.html,
// report.xlsx, findings.json, findings.csv, graphs/*.svg, TOS draft and an
// accepted-mappings template).
package assess

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/analyzer"
	"github.com/kartoitus/kartoitus/analyzer/coverage"
	"github.com/kartoitus/kartoitus/analyzer/invregister"
	"github.com/kartoitus/kartoitus/analyzer/mapping"
	"github.com/kartoitus/kartoitus/analyzer/retention"
	"github.com/kartoitus/kartoitus/export"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/ident"
	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/report"
	"github.com/kartoitus/kartoitus/separation"
	"github.com/kartoitus/kartoitus/sosmeta"
	"github.com/kartoitus/kartoitus/stategraph"
	"github.com/kartoitus/kartoitus/tos"
)

// Options configure one assessment.
type Options struct {
	Inventories []string
	Export      string
	TOS         []string
	Out         string

	Catalogue *sosmeta.Catalogue
	Lang      finding.Lang
	FailOn    finding.Severity
	Ignore    *finding.IgnoreList

	// Accepted is an accepted-mappings file (CSV, or the XLSX report's
	// mapping sheet); Columns an inventory column-mapping file;
	// ExportMapping the export's column/value mapping file.
	Accepted      string
	Columns       string
	ExportMapping string
	Threshold     float64

	DeploymentTest bool
	// PseudonymKey, when set, replaces client ids in findings with a keyed
	// hash; otherwise they are masked.
	PseudonymKey []byte

	Organisation string
	// NoGraphs skips rendering (DOT is still written).
	NoGraphs bool
	Now      time.Time
}

// Outcome is what a run produced.
type Outcome struct {
	Assessment *report.Assessment
	// Files are the paths written, relative to Options.Out.
	Files []string
}

// analyzers is the explicit list the assessment runs (no registry).
var analyzers = []*analyzer.Analyzer{mapping.Analyzer, coverage.Analyzer, invregister.Analyzer, retention.Analyzer}

// Rules lists every rule an assessment may report.
func Rules() []finding.Rule {
	var rs []finding.Rule
	for _, a := range analyzers {
		rs = append(rs, a.Rules...)
	}
	rs = append(rs, inventory.Rules()...)
	rs = append(rs, tos.Rules...)
	rs = append(rs, separation.Rules()...)
	return rs
}

// Run performs the assessment and writes the folder. A non-nil error that
// is not kartoitus.ErrFindings means the folder may be incomplete.
func Run(ctx context.Context, o Options) (*Outcome, error) {
	if len(o.Inventories) == 0 {
		return nil, fmt.Errorf("%w: give at least one --inventory", kartoitus.ErrUsage)
	}
	if o.Out == "" {
		return nil, fmt.Errorf("%w: give --out DIR", kartoitus.ErrUsage)
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	cat := o.Catalogue
	var inputs []report.InputFile

	// Inventory: an inventory with nothing recognised stops the run (exit 3).
	invOpts := inventory.Options{}
	if o.Columns != "" {
		m, err := inventory.LoadMapping(o.Columns)
		if err != nil {
			return nil, unreadable(err)
		}
		invOpts.Mapping = m
	}
	inv, err := inventory.ReadFiles(o.Inventories, cat, invOpts)
	if err != nil {
		return nil, err
	}
	for _, p := range o.Inventories {
		inputs = append(inputs, report.InputFile{Role: report.RoleInventory, Path: p})
	}
	findings := append([]finding.Finding{}, inv.Rejected...)
	findings = append(findings, inv.Warnings...)
	tallies := append([]finding.Tally{}, inv.Tallies...)

	// TOS / AMS.
	var plan *tos.Plan
	if len(o.TOS) > 0 {
		plan = &tos.Plan{}
		for _, p := range o.TOS {
			pl, err := tos.ReadFile(p, cat, tos.Options{})
			if err != nil {
				return nil, err
			}
			plan.Entries = append(plan.Entries, pl.Entries...)
			plan.Rejected = append(plan.Rejected, pl.Rejected...)
			plan.Tallies = append(plan.Tallies, pl.Tallies...)
			inputs = append(inputs, report.InputFile{Role: report.RoleTOS, Path: p})
		}
		findings = append(findings, plan.Rejected...)
		tallies = append(tallies, plan.Tallies...)
	}

	// Inventory analyses.
	mopts := mapping.Options{Threshold: o.Threshold}
	if o.Accepted != "" {
		acc, err := mapping.ReadAccepted(o.Accepted, cat)
		if err != nil {
			return nil, unreadable(err)
		}
		mopts.Accepted = acc
		inputs = append(inputs, report.InputFile{Role: report.RoleAccepted, Path: o.Accepted})
	}
	res, err := analyzer.Run(analyzer.Input{
		Catalogue: cat, Inventory: inv, TOS: plan, Lang: o.Lang,
		Options: map[string]any{"mapping": mopts},
	}, analyzers...)
	if err != nil {
		return nil, err
	}
	findings = append(findings, res.Findings...)
	rules := append(res.Rules(), inventory.Rules()...)
	if plan != nil {
		rules = append(rules, tos.Rules...)
	}

	// Register export: streamed; its findings are already capped per rule.
	var gate *separation.Result
	if o.Export != "" {
		gate, err = runGate(o, cat)
		if err != nil {
			return nil, err
		}
		inputs = append(inputs, report.InputFile{Role: report.RoleExport, Path: o.Export})
		findings = append(findings, gate.Findings...)
		tallies = append(tallies, gate.Tally)
		rules = append(rules, gate.Rules...)
	}

	// Ignore file: the gate applied it while streaming; the rest here.
	kept, suppressed := o.Ignore.Apply(findings, o.Now)
	kept = append(kept, o.Ignore.Unused(o.Now)...)
	rules = append(rules, finding.RuleIgnoreUnused, finding.RuleIgnoreExpired)
	run := finding.Run{Inputs: tallies, Findings: kept, Suppressed: len(suppressed), Rules: rules}
	if gate != nil {
		g := gate.Run()
		g.Inputs, g.Findings, g.Rules = nil, nil, nil // already in tallies, findings and rules
		run.Merge(g)
	}
	result := report.NewResult("assess", o.Lang, o.FailOn, run)

	mres := res.ResultOf[mapping.Analyzer].(*mapping.Result)
	cres := res.ResultOf[coverage.Analyzer].(*coverage.Result)
	rres := res.ResultOf[retention.Analyzer].(*retention.Result)

	a := report.NewAssessment(result, o.Organisation)
	a.Meta.Inputs = inputs
	fillLabels(a, cat)
	fillSections(a, res, gate, plan != nil)
	fillMapping(a, cat, inv, mres)
	fillCoverage(a, cat, inv, cres)
	fillDraft(a, rres)

	keys := make([]string, len(inv.Documents))
	for i := range keys {
		if m := mres.ByDoc(i); m != nil {
			keys[i] = m.Key
		}
	}
	out := &Outcome{Assessment: a}
	w := &writer{dir: o.Out, out: out}
	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return nil, err
	}
	if err := drawGraphs(ctx, a, cat, inv, keys, o, w); err != nil {
		return nil, err
	}
	a.Complete()
	if err := writeReports(a, cat, inv, mres, rres, w); err != nil {
		return nil, err
	}
	if result.Summary.Failed {
		return out, fmt.Errorf("%w: %d at or above %s", kartoitus.ErrFindings, finding.AtOrAbove(result.Findings, o.FailOn), o.FailOn)
	}
	return out, nil
}

func runGate(o Options, cat *sosmeta.Catalogue) (*separation.Result, error) {
	var m *export.Mapping
	if o.ExportMapping != "" {
		var err error
		if m, err = export.LoadMapping(o.ExportMapping); err != nil {
			return nil, unreadable(err)
		}
	}
	r, err := export.Open(o.Export, export.Options{Mapping: m, Now: o.Now})
	if err != nil {
		return nil, err
	}
	defer r.Close()
	cfg := separation.Config{
		Catalogue: cat, Mapping: m, File: filepath.Base(o.Export),
		DeploymentTest: o.DeploymentTest, Ignore: o.Ignore, Now: o.Now, Workers: 2,
	}
	if len(o.PseudonymKey) > 0 {
		cfg.IDs, cfg.Pseudonymizer = separation.Pseudonymize, ident.NewPseudonymizer(o.PseudonymKey)
	}
	res, err := separation.Run(r, cfg)
	if res != nil {
		res.Tally.Encoding, res.Tally.Delimiter, res.Tally.EncodingLine = r.Text().Describe()
	}
	return res, err
}

func fillLabels(a *report.Assessment, cat *sosmeta.Catalogue) {
	for _, t := range cat.Tasks {
		a.Tasks = append(a.Tasks, report.Label{ID: t.ID, Name: finding.T(t.FI, t.EN)})
	}
	for _, p := range cat.Phases {
		a.Phases = append(a.Phases, report.Label{ID: p.ID, Name: finding.T(p.FI, p.EN)})
	}
}

// fillSections puts every rule in the report section of the analysis
// that declared it, so no rule-ID prefix convention is needed.
func fillSections(a *report.Assessment, res *analyzer.Results, gate *separation.Result, withTOS bool) {
	sec := map[*analyzer.Analyzer]report.Section{
		mapping.Analyzer: report.SectionMapping, coverage.Analyzer: report.SectionCoverage,
		invregister.Analyzer: report.SectionRegisters, retention.Analyzer: report.SectionRetention,
	}
	for _, an := range res.Order {
		for _, r := range an.Rules {
			a.SetSection(r.ID, sec[an])
		}
	}
	for _, r := range inventory.Rules() {
		a.SetSection(r.ID, report.SectionInput)
	}
	if withTOS {
		for _, r := range tos.Rules {
			a.SetSection(r.ID, report.SectionInput)
		}
	}
	if gate != nil {
		for _, r := range gate.Rules {
			a.SetSection(r.ID, report.SectionRegisters)
		}
	}
}

func fillMapping(a *report.Assessment, cat *sosmeta.Catalogue, inv *inventory.Inventory, mr *mapping.Result) {
	for i := range inv.Documents {
		d := &inv.Documents[i]
		row := report.MappingRow{
			Source: d.Source, Name: d.Name, NationalRaw: d.NationalRaw,
			Task: d.Task(), TaskRaw: d.ServiceTaskRaw, Phase: d.Phase, PhaseRaw: d.PhaseRaw,
			Medium: string(d.Medium), System: d.System, Register: d.RegisterRaw, RegisterKind: string(d.Register),
			Method: string(mapping.MethodNone),
		}
		if m := mr.ByDoc(i); m != nil {
			row.Method, row.Confidence = string(m.Method), m.Confidence
			if m.Key != "" {
				row.Code = m.Key
				if dt := cat.ByKey(m.Key); dt != nil {
					row.NationalName = dt.NameFI
				}
				if m.Method == mapping.MethodAccepted {
					row.Accepted = m.Key
				}
			}
			for _, c := range m.Candidates {
				rc := report.Candidate{Code: c.Key, Method: string(c.Method), Confidence: c.Confidence}
				if dt := cat.ByKey(c.Key); dt != nil {
					rc.Name = dt.NameFI
				}
				row.Candidates = append(row.Candidates, rc)
			}
		}
		a.Mapping = append(a.Mapping, row)
	}
}

func fillCoverage(a *report.Assessment, cat *sosmeta.Catalogue, inv *inventory.Inventory, cr *coverage.Result) {
	name := func(key string) string {
		if dt := cat.ByKey(key); dt != nil {
			return dt.NameFI
		}
		return key
	}
	local := func(idx []int) []string {
		var out []string
		for _, i := range idx {
			if i >= 0 && i < len(inv.Documents) {
				out = append(out, inv.Documents[i].Name)
			}
		}
		return out
	}
	for _, t := range cr.Tasks {
		for _, c := range t.Cells {
			cell := a.CoverageCell(t.Task, c.Phase)
			for _, p := range c.Present {
				cell.Present = append(cell.Present, report.DocRef{Code: p.Key, Name: name(p.Key), Local: local(p.Docs)})
			}
			for _, k := range c.Missing {
				cell.Missing = append(cell.Missing, report.DocRef{Code: k, Name: name(k)})
			}
			for _, i := range c.Extra {
				cell.Extra = append(cell.Extra, report.DocRef{Local: local([]int{i})})
			}
			for _, m := range c.Misphased {
				cell.Misphased = append(cell.Misphased, report.DocRef{Code: m.Key, Name: name(m.Key), Local: local([]int{m.Doc}), ExpectedPhase: m.National})
			}
		}
	}
}

func fillDraft(a *report.Assessment, rr *retention.Result) {
	if rr == nil || rr.Draft == nil {
		return
	}
	for _, r := range rr.Draft.Rows {
		a.TOSDraft = append(a.TOSDraft, report.TOSDraftRow{
			Task: r.ServiceTask, TaskInferred: r.TaskInferred, Code: r.Key, NationalName: r.NameFI,
			LocalNames: r.LocalNames, Phase: r.Phase, Medium: r.Medium, Plans: r.Plans,
			Years: r.Years, Start: string(r.Start), Period: r.Period, RuleID: r.RuleID, Basis: r.Basis,
			Archival: finding.T(r.ArchivalFI, r.ArchivalEN),
			Existing: r.ExistingRetention, ExistingStart: r.ExistingStart, ExistingBasis: r.ExistingBasis,
			ExistingSources: r.ExistingSources, Status: string(r.Status), Findings: r.Findings,
		})
	}
}

// drawGraphs renders every task's current, target and comparison graph
// plus the overview into graphs/ and into the view model.
func drawGraphs(ctx context.Context, a *report.Assessment, cat *sosmeta.Catalogue, inv *inventory.Inventory, keys []string, o Options, w *writer) error {
	set, err := stategraph.Build(cat, inv.Documents, keys)
	if err != nil {
		return err
	}
	gopts := stategraph.Options{Lang: o.Lang}
	var rnd *stategraph.Renderer
	if !o.NoGraphs {
		if rnd, err = stategraph.NewRenderer(ctx); err != nil {
			return fmt.Errorf("graph renderer: %w", err)
		}
		defer rnd.Close()
	}
	render := func(name string, dot []byte) (string, error) {
		if err := w.write(filepath.Join("graphs", name+".dot"), dot); err != nil {
			return "", err
		}
		if rnd == nil {
			return "", nil
		}
		var svg strings.Builder
		if err := rnd.Render(ctx, dot, stategraph.FormatSVG, &svg); err != nil {
			return "", fmt.Errorf("render %s: %w", name, err)
		}
		return svg.String(), w.write(filepath.Join("graphs", name+".svg"), []byte(svg.String()))
	}
	for _, tg := range set.Tasks {
		g := report.TaskGraph{Task: tg.Task.ID}
		for _, v := range []struct {
			view stategraph.View
			dst  *string
			name string
		}{{stategraph.Current, &g.Current, "current"}, {stategraph.Target, &g.Target, "target"}, {stategraph.Comparison, &g.Comparison, "comparison"}} {
			var dot strings.Builder
			if err := stategraph.WriteDOT(&dot, tg.Model(v.view), gopts); err != nil {
				return err
			}
			svg, err := render(tg.Task.ID+"-"+v.name, []byte(dot.String()))
			if err != nil {
				return err
			}
			*v.dst = svg
		}
		c := tg.Conformance
		g.Figures = []report.Figure{
			{ID: "fitness", Label: finding.T("Kattavuus (fitness)", "Fitness"), Value: c.Fitness, Percent: true},
			{ID: "matched", Label: finding.T("Oikeassa vaiheessa", "In the right phase"), Value: float64(c.Matched)},
			{ID: "misphased", Label: finding.T("Eri vaiheessa", "Mis-phased"), Value: float64(c.Misphased)},
			{ID: "missing", Label: finding.T("Puuttuu", "Missing"), Value: float64(c.Missing)},
			{ID: "extra", Label: finding.T("Vain nykytilassa", "Only in current state"), Value: float64(c.Extra)},
		}
		a.Graphs.Tasks = append(a.Graphs.Tasks, g)
	}
	if set.Overview != nil {
		var dot strings.Builder
		if err := stategraph.WriteOverviewDOT(&dot, set.Overview, gopts); err != nil {
			return err
		}
		svg, err := render("overview", []byte(dot.String()))
		if err != nil {
			return err
		}
		a.Graphs.Overview = svg
	}
	return nil
}

// writer writes files under the output folder and records them.
type writer struct {
	dir string
	out *Outcome
}

func (w *writer) write(rel string, b []byte) error {
	p := filepath.Join(w.dir, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		return err
	}
	w.out.Files = append(w.out.Files, rel)
	return nil
}

func (w *writer) create(rel string, fill func(f *os.File) error) error {
	p := filepath.Join(w.dir, rel)
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	if err := fill(f); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", rel, err)
	}
	if err := f.Close(); err != nil {
		return err
	}
	w.out.Files = append(w.out.Files, rel)
	return nil
}

func writeReports(a *report.Assessment, cat *sosmeta.Catalogue, inv *inventory.Inventory, mr *mapping.Result, rr *retention.Result, w *writer) error {
	steps := []struct {
		name string
		fill func(f *os.File) error
	}{
		{"findings.json", func(f *os.File) error { return report.JSON{}.Write(f, a.Result) }},
		{"findings.csv", func(f *os.File) error { return report.CSV{}.Write(f, a.Result) }},
		{"index.html", func(f *os.File) error { return report.HTML{}.WriteAssessment(f, a) }},
		{"report.xlsx", func(f *os.File) error { return report.XLSX{}.WriteAssessment(f, a) }},
		{"accepted-mappings.csv", func(f *os.File) error {
			return mapping.WriteAccepted(f, mapping.TemplateRows(cat, inv.Documents, mr, nil))
		}},
	}
	if rr != nil && rr.Draft != nil {
		steps = append(steps, struct {
			name string
			fill func(f *os.File) error
		}{"tos-draft.csv", func(f *os.File) error { return rr.Draft.WriteCSV(f, a.Meta.Lang) }})
	}
	for _, s := range steps {
		if err := w.create(s.name, s.fill); err != nil {
			return err
		}
	}
	sort.Strings(w.out.Files)
	return nil
}

func unreadable(err error) error {
	for _, s := range []error{kartoitus.ErrUnreadable, kartoitus.ErrNotRecognised, kartoitus.ErrUsage} {
		if errors.Is(err, s) {
			return err
		}
	}
	return fmt.Errorf("%w: %v", kartoitus.ErrUnreadable, err)
}
