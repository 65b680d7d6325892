// Package assess is the assessment as one staged library: load the inputs,
// run the analyses, and hand back one typed Result. Every command
// (inventory, map, retention, graph, registers, assess) calls Run with the
// stages it needs, so reading and merging TOS/AMS plans, accepted
// mappings, the ignore file, --fail-on and the findings verdict live here
// exactly once. Views of a Result (the report folder, the console, the
// HTML and XLSX view model) are in this package's other files.
package assess

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/analyzer"
	"github.com/kartoitus/kartoitus/analyzer/coverage"
	"github.com/kartoitus/kartoitus/analyzer/invregister"
	"github.com/kartoitus/kartoitus/analyzer/mapping"
	"github.com/kartoitus/kartoitus/analyzer/retention"
	"github.com/kartoitus/kartoitus/deploytest"
	"github.com/kartoitus/kartoitus/export"
	"github.com/kartoitus/kartoitus/export/parquetsrc"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/ident"
	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/onboarding"
	"github.com/kartoitus/kartoitus/profile"
	"github.com/kartoitus/kartoitus/report"
	"github.com/kartoitus/kartoitus/separation"
	"github.com/kartoitus/kartoitus/sosmeta"
	"github.com/kartoitus/kartoitus/stategraph"
	"github.com/kartoitus/kartoitus/tos"
)

// Stage is one step of the assessment; stages combine as a bit set.
type Stage uint16

const (
	// Inventory reads the inventories (rows become documents, rejected
	// rows or counted skips).
	Inventory Stage = 1 << iota
	// Plans reads the TOS and AMS files.
	Plans
	// Mapping maps documents to national types (with accepted mappings).
	Mapping
	// Coverage compares them with the catalogue per task and phase.
	Coverage
	// Registers checks the inventory's register column (REG1xx).
	Registers
	// Retention compares plans with the law and drafts the TOS.
	Retention
	// Gate streams the register export through the separation gate.
	Gate
	// Graphs builds the current/target/comparison models (not rendered).
	Graphs
	// DeployPlan applies the deployment-test plan rules to a pairs file.
	DeployPlan
	// Onboarding schedules Kela's onboarding steps back from go-live, with
	// readiness taken from the other stages' results.
	Onboarding
)

// All is every stage.
const All = Inventory | Plans | Mapping | Coverage | Registers | Retention | Gate | Graphs | DeployPlan | Onboarding

// needs lists each stage's prerequisites.
var needs = map[Stage]Stage{
	Mapping:   Inventory,
	Coverage:  Mapping,
	Registers: Mapping,
	Retention: Mapping | Plans,
	Graphs:    Coverage,
}

// closure adds every prerequisite of s.
func (s Stage) closure() Stage {
	for {
		next := s
		for st, n := range needs {
			if s&st != 0 {
				next |= n
			}
		}
		if next == s {
			return s
		}
		s = next
	}
}

// Has reports whether every stage of t is in s.
func (s Stage) Has(t Stage) bool { return s&t == t }

// Config is what the user asked for.
type Config struct {
	// Catalogue is the national catalogue with any overlay applied
	// (LoadCatalogue); nil loads the embedded one.
	Catalogue *sosmeta.Catalogue

	Inventories []string
	// Columns is an inventory column-mapping file; Sheets limits workbook
	// reads to these sheets.
	Columns string
	Sheets  []string

	// TOS files may mix electronic and paper entries; every AMS row is paper.
	TOS []string
	AMS []string

	// Accepted is an accepted-mappings file (CSV, or the report
	// workbook's mapping sheet); Threshold the mapping confidence (0 =
	// the mapping default).
	Accepted  string
	Threshold float64
	// AllTasks covers every service task, not only the inventoried ones.
	AllTasks bool
	// Retention are the retention analysis's options (controller kind,
	// horizon).
	Retention retention.Options

	// Export is the register export ("-" reads ExportStdin);
	// ExportMapping its column/value mapping file; ExportSheet an XLSX
	// sheet.
	Export         string
	ExportStdin    io.Reader
	ExportMapping  string
	ExportSheet    string
	DeploymentTest bool
	IDs            separation.IDMode
	PseudonymKey   []byte
	MaxPerRule     int
	// AsOf: the export is the producer system's own, taken that day
	// (REG025); 0 otherwise.
	AsOf    export.Date
	Workers int
	// Memory and TempDir bound the gate's memory, and StreamGC tunes the
	// collector while its rows stream (separation.Config).
	StreamGC int
	Memory   int64
	TempDir  string
	// WrapExport wraps the export's byte stream (a progress bar).
	WrapExport func(io.Reader) io.Reader
	// OpenExport, when set, opens the export's CSV text in place of a
	// file (a database's COPY); Export then only names it in findings
	// and reports ("postgres:clients").
	OpenExport func(context.Context) (io.ReadCloser, error)

	// Pairs is a deployment-test pairs file (DeployPlan).
	Pairs string
	// Onboarding configures the onboarding plan (its Evidence is filled
	// from the run); a zero GoLive without a status file skips the stage.
	Onboarding onboarding.BuildOptions

	// Profile is the organisation profile file ("" = none): whose
	// register a document is, the organisers' kinds.
	Profile string

	// Ignore is the ignore file ("" = none); FailOn the verdict severity.
	Ignore string
	FailOn finding.Severity

	// Report selects the stages whose findings and rules the result
	// reports (0 = every stage that ran). A command that runs the mapping
	// only to type documents leaves Mapping out, for example.
	Report Stage
	Now    time.Time
}

// Result is everything a run produced.
type Result struct {
	Config Config
	// Ran are the stages that ran (the asked ones and their prerequisites).
	Ran       Stage
	Catalogue *sosmeta.Catalogue
	// Profile is the organisation profile; nil without one.
	Profile   *profile.Profile
	Inventory *inventory.Inventory
	// Plan is nil when no TOS or AMS file was given.
	Plan      *tos.Plan
	Accepted  *mapping.Accepted
	Mapping   *mapping.Result
	Coverage  *coverage.Result
	Registers *invregister.Result
	Retention *retention.Result
	Gate      *separation.Result
	Graphs    *stategraph.Set
	// DeployPlan is the deployment-test plan (nil without a pairs file);
	// Plan the onboarding plan (nil without a go-live date).
	DeployPlan *deploytest.PlanResult
	Onboard    *onboarding.Plan
	// Inputs are the files read, with their roles.
	Inputs []report.InputFile
	// Run is every reported finding (after the ignore file), the rules
	// that ran, the rules not checked and the input tallies; Summary counts
	// it against FailOn. Both are computed once, here.
	Run     finding.Run
	Summary finding.Summary
	// Sections assigns each reported rule to the report section of the
	// stage that declared it.
	Sections map[string]report.Section
}

// Verdict is nil, or kartoitus.ErrFindings when findings are at or above
// FailOn: the one place the findings exit is decided.
func (r *Result) Verdict() error {
	if !r.Summary.Failed {
		return nil
	}
	return fmt.Errorf("%w: %d at or above %s", kartoitus.ErrFindings, r.Summary.AtOrAbove(r.Config.FailOn), r.Config.FailOn)
}

// Report wraps the run in a report envelope for command.
// Its Paths are the input files as given (the ignore file last), so the
// CI formats can point at them.
func (r *Result) Report(command string, lang finding.Lang) *report.Result {
	rep := report.NewResult(command, lang, r.Config.FailOn, r.Run)
	var ignore []string
	for _, in := range r.Inputs {
		switch {
		case in.Path == "-":
		case in.Role == report.RoleIgnore:
			ignore = append(ignore, in.Path)
		default:
			rep.Paths = append(rep.Paths, in.Path)
		}
	}
	rep.Paths = append(rep.Paths, ignore...)
	return rep
}

// Keys returns the national type of every inventory document ("" when
// unmapped), in inventory order.
func (r *Result) Keys() []string {
	if r.Inventory == nil {
		return nil
	}
	keys := make([]string, len(r.Inventory.Documents))
	for i := range keys {
		if m := r.Mapping.ByDoc(i); m != nil {
			keys[i] = m.Key
		}
	}
	return keys
}

// LoadCatalogue returns the embedded catalogue, or a structures CSV from
// 'catalog import', with an overlay applied.
func LoadCatalogue(catalog, overlay string) (*sosmeta.Catalogue, error) {
	if catalog == "" && overlay == "" {
		return sosmeta.Default()
	}
	cat, err := sosmeta.Load(catalog)
	if err != nil {
		return nil, Unreadable(err)
	}
	if overlay != "" {
		o, err := sosmeta.LoadOverlay(overlay)
		if err != nil {
			return nil, Unreadable(err)
		}
		if err := cat.Apply(o); err != nil {
			return nil, Unreadable(err)
		}
	}
	return cat, nil
}

// stageSection is the report section of each stage's rules.
var stageSection = map[Stage]report.Section{
	Inventory: report.SectionInput, Plans: report.SectionInput, Mapping: report.SectionMapping,
	Coverage: report.SectionCoverage, Registers: report.SectionRegisters, Retention: report.SectionRetention,
	Gate: report.SectionRegisters, DeployPlan: report.SectionDeployTest, Onboarding: report.SectionOnboarding,
}

// Run performs the stages (and their prerequisites). A returned error is
// the run's failure: kartoitus.ErrUsage, ErrUnreadable or ErrNotRecognised
// for the inputs, ErrInternal for the tool; the findings verdict is
// Result.Verdict, not an error here.
func Run(ctx context.Context, cfg Config, stages Stage) (*Result, error) {
	if cfg.Now.IsZero() {
		cfg.Now = time.Now()
	}
	stages = stages.closure()
	if cfg.Report == 0 {
		cfg.Report = stages
	}
	res := &Result{Config: cfg, Ran: stages, Catalogue: cfg.Catalogue, Sections: map[string]report.Section{}}
	if res.Catalogue == nil {
		cat, err := sosmeta.Default()
		if err != nil {
			return nil, internal(err)
		}
		res.Catalogue = cat
	}
	var ignore *finding.IgnoreList // nil ignores nothing
	if cfg.Ignore != "" {
		var err error
		if ignore, err = finding.LoadIgnore(cfg.Ignore); err != nil {
			return nil, Unreadable(err)
		}
		res.Inputs = append(res.Inputs, report.InputFile{Role: report.RoleIgnore, Path: cfg.Ignore})
	}
	if cfg.Profile != "" {
		p, err := profile.Read(cfg.Profile)
		if err != nil {
			return nil, Unreadable(err)
		}
		res.Profile = p
		res.Config.Retention.Profile = p
		res.Inputs = append(res.Inputs, report.InputFile{Role: report.RoleProfile, Path: cfg.Profile})
	}
	var collected []collect
	add := func(st Stage, run finding.Run) {
		collected = append(collected, collect{st, run})
	}

	if stages.Has(Inventory) {
		run, err := res.readInventory()
		if err != nil {
			return nil, err
		}
		add(Inventory, run)
	}
	if stages.Has(Plans) {
		run, err := res.readPlans()
		if err != nil {
			return nil, err
		}
		add(Plans, run)
	}
	if stages&(Mapping|Coverage|Registers|Retention) != 0 {
		runs, err := res.analyse()
		if err != nil {
			return nil, err
		}
		collected = append(collected, runs...)
	}
	if stages.Has(Graphs) {
		set, err := stategraph.Build(res.Catalogue, res.Inventory.Documents, res.Keys(), res.Coverage)
		if err != nil {
			return nil, internal(err)
		}
		res.Graphs = set
	}
	if stages.Has(Gate) && cfg.Export != "" {
		run, err := res.runGate(ctx, ignore)
		if err != nil {
			return nil, err
		}
		add(Gate, run)
	}
	if stages.Has(DeployPlan) && cfg.Pairs != "" {
		pairs, err := deploytest.ReadPairsFile(cfg.Pairs)
		if err != nil {
			return nil, Unreadable(err)
		}
		res.DeployPlan = deploytest.Plan(pairs, deploytest.PlanConfig{Today: cfg.Onboarding.Today, FailOn: cfg.FailOn})
		res.Inputs = append(res.Inputs, report.InputFile{Role: report.RolePairs, Path: cfg.Pairs})
		add(DeployPlan, finding.Run{Inputs: res.DeployPlan.Inputs, Findings: res.DeployPlan.Findings, Rules: res.DeployPlan.Rules})
	}
	if stages.Has(Onboarding) && (!cfg.Onboarding.GoLive.IsZero() || cfg.Onboarding.StatusFile != "") {
		bo := cfg.Onboarding
		bo.Evidence = res.Evidence()
		p, err := onboarding.Build(bo)
		if err != nil {
			return nil, err
		}
		res.Onboard = p
		for _, f := range []string{bo.StatusFile, bo.StaffFile} {
			if f != "" {
				res.Inputs = append(res.Inputs, report.InputFile{Role: report.RolePlan, Path: f})
			}
		}
		add(Onboarding, finding.Run{Inputs: p.Inputs, Findings: p.Findings, Rules: onboarding.Rules()})
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%w: %v", kartoitus.ErrInternal, err)
	}

	// The reported stages' findings, then the ignore file over all of them
	// (the gate applied it while streaming, so its counts stay exact).
	var run finding.Run
	for _, c := range collected {
		if cfg.Report&c.stage == 0 {
			continue
		}
		for _, r := range c.run.Rules {
			res.Sections[r.ID] = stageSection[c.stage]
		}
		run.Merge(c.run)
	}
	kept, suppressed := ignore.Apply(run.Findings, cfg.Now)
	run.Findings = append(kept, ignore.Unused(cfg.Now)...)
	run.Suppressed += len(suppressed)
	if ignore != nil {
		run.Rules = append(run.Rules, finding.RuleIgnoreUnused, finding.RuleIgnoreExpired)
	}
	res.Run = run
	res.Summary = run.Summary(cfg.FailOn)
	return res, nil
}

type collect struct {
	stage Stage
	run   finding.Run
}

func (r *Result) readInventory() (finding.Run, error) {
	cfg := r.Config
	if len(cfg.Inventories) == 0 {
		return finding.Run{}, fmt.Errorf("%w: give at least one inventory (--inventory FILE)", kartoitus.ErrUsage)
	}
	opts := inventory.Options{Sheets: cfg.Sheets}
	if cfg.Columns != "" {
		m, err := inventory.LoadMapping(cfg.Columns)
		if err != nil {
			return finding.Run{}, Unreadable(err)
		}
		opts.Mapping = m
	}
	inv, err := inventory.ReadFiles(cfg.Inventories, r.Catalogue, opts)
	if err != nil {
		return finding.Run{}, Unreadable(err)
	}
	if len(inv.Documents) == 0 {
		return finding.Run{}, fmt.Errorf("%w: %s: no documents read (%d rows rejected)", kartoitus.ErrNotRecognised,
			strings.Join(cfg.Inventories, ", "), len(inv.Rejected))
	}
	r.Inventory = inv
	for _, p := range cfg.Inventories {
		r.Inputs = append(r.Inputs, report.InputFile{Role: report.RoleInventory, Path: p})
	}
	return finding.Run{
		Inputs:   append([]finding.Tally(nil), inv.Tallies...),
		Findings: append(append([]finding.Finding(nil), inv.Rejected...), inv.Warnings...),
		Rules:    inventory.Rules(),
	}, nil
}

// readPlans reads and merges every TOS and AMS file: rejected rows and the
// notes on accepted rows both count, as in every command.
func (r *Result) readPlans() (finding.Run, error) {
	cfg := r.Config
	if len(cfg.TOS)+len(cfg.AMS) == 0 {
		return finding.Run{}, nil
	}
	plan := &tos.Plan{}
	read := func(paths []string, kind tos.PlanKind, role string) error {
		for _, p := range paths {
			pl, err := tos.ReadFile(p, r.Catalogue, tos.Options{Kind: kind})
			if err != nil {
				return Unreadable(err)
			}
			plan.Merge(pl)
			r.Inputs = append(r.Inputs, report.InputFile{Role: role, Path: p})
		}
		return nil
	}
	if err := read(cfg.TOS, "", report.RoleTOS); err != nil {
		return finding.Run{}, err
	}
	if err := read(cfg.AMS, tos.AMS, report.RoleAMS); err != nil {
		return finding.Run{}, err
	}
	r.Plan = plan
	return finding.Run{
		Inputs:   append([]finding.Tally(nil), plan.Tallies...),
		Findings: append(append([]finding.Finding(nil), plan.Rejected...), plan.Notes...),
		Rules:    tos.Rules,
	}, nil
}

// analyse runs the inventory analyzers the stages ask for.
func (r *Result) analyse() ([]collect, error) {
	cfg := r.Config
	mopts := mapping.Options{Threshold: cfg.Threshold}
	if cfg.Accepted != "" {
		acc, err := mapping.ReadAccepted(cfg.Accepted, r.Catalogue)
		if err != nil {
			return nil, Unreadable(err)
		}
		mopts.Accepted = acc
		r.Accepted = acc
		r.Inputs = append(r.Inputs, report.InputFile{Role: report.RoleAccepted, Path: cfg.Accepted})
	}
	want := []analyzer.Node{mapping.Analyzer}
	for _, s := range []struct {
		st Stage
		a  analyzer.Node
	}{{Coverage, coverage.Analyzer}, {Registers, invregister.Analyzer}, {Retention, retention.Analyzer}} {
		if r.Ran.Has(s.st) {
			want = append(want, s.a)
		}
	}
	run, err := analyzer.Execute(analyzer.Input{Catalogue: r.Catalogue, Inventory: r.Inventory, TOS: r.Plan},
		[]analyzer.Option{mapping.Analyzer.With(mopts), coverage.Analyzer.With(coverage.Options{AllTasks: cfg.AllTasks, Producer: r.producer()}),
			retention.Analyzer.With(cfg.Retention)}, want...)
	if err != nil {
		return nil, internal(err)
	}
	r.Mapping, _ = mapping.Analyzer.Result(run)
	r.Coverage, _ = coverage.Analyzer.Result(run)
	r.Registers, _ = invregister.Analyzer.Result(run)
	r.Retention, _ = retention.Analyzer.Result(run)

	// Each analyzer's findings belong to its stage.
	stageOf := map[string]Stage{}
	var out []collect
	for _, n := range run.Order {
		st := map[string]Stage{"mapping": Mapping, "coverage": Coverage, "invregister": Registers, "retention": Retention}[n.Info().Name]
		c := collect{stage: st, run: finding.Run{Rules: n.Info().Rules}}
		for _, ru := range n.Info().Rules {
			stageOf[ru.ID] = st
		}
		if st == Mapping && mopts.Accepted != nil {
			c.run.Inputs = []finding.Tally{mopts.Accepted.Tally}
		}
		if st == Coverage && r.Coverage != nil {
			c.run.Figures = coverageFigures(r.Coverage)
		}
		out = append(out, c)
	}
	for _, f := range run.Findings {
		for i := range out {
			if out[i].stage == stageOf[f.RuleID] {
				out[i].run.Findings = append(out[i].run.Findings, f)
			}
		}
	}
	return out, nil
}

// coverageFigures are each task's coverage figure for findings.json, the
// same numbers every other output shows.
func coverageFigures(c *coverage.Result) map[string]int {
	out := map[string]int{}
	for _, t := range c.Tasks {
		if t.Task == "" {
			continue
		}
		p := "coverage." + t.Task + "."
		out[p+"expected"], out[p+"covered"], out[p+"in_phase"], out[p+"outside"] =
			t.Totals.Expected, t.Totals.Covered, t.Totals.InPhase, t.Totals.Outside
	}
	return out
}

func (r *Result) runGate(ctx context.Context, ignore *finding.IgnoreList) (finding.Run, error) {
	cfg := r.Config
	var m *export.Mapping
	if cfg.ExportMapping != "" {
		var err error
		if m, err = export.LoadMapping(cfg.ExportMapping); err != nil {
			return finding.Run{}, Unreadable(err)
		}
	}
	opts := export.Options{Mapping: m, Sheet: cfg.ExportSheet, Wrap: cfg.WrapExport, Now: cfg.Now}
	gcfg := separation.Config{
		Catalogue: r.Catalogue, Mapping: m, DeploymentTest: cfg.DeploymentTest, IDs: cfg.IDs,
		MaxPerRule: cfg.MaxPerRule, Workers: cfg.Workers, Ignore: ignore, Now: cfg.Now, AsOf: cfg.AsOf,
		Organisers: r.Profile.OrganiserKinds(), Memory: cfg.Memory, TempDir: cfg.TempDir,
		StreamGC: cfg.StreamGC,
	}
	if r.Profile.NoOwnRegister() {
		gcfg.NoOwnRegister = r.Profile.Own()
	}
	if len(cfg.PseudonymKey) > 0 {
		gcfg.IDs, gcfg.Pseudonymizer = separation.Pseudonymize, ident.NewPseudonymizer(cfg.PseudonymKey)
	}
	var rd *export.Reader
	var err error
	switch {
	case cfg.OpenExport != nil:
		gcfg.File = cfg.Export
		src, oerr := cfg.OpenExport(ctx)
		if oerr != nil {
			return finding.Run{}, Unreadable(oerr)
		}
		defer src.Close()
		rd, err = export.NewCSVReader(src, opts)
	case cfg.Export == "-":
		gcfg.File = "stdin"
		if cfg.ExportStdin == nil {
			return finding.Run{}, fmt.Errorf("%w: no standard input to read the export from", kartoitus.ErrUsage)
		}
		rd, err = export.NewCSVReader(cfg.ExportStdin, opts)
	case isParquet(cfg.Export):
		// A data lake's Parquet file, read as the CSV text of its rows.
		gcfg.File = filepath.Base(cfg.Export)
		src, oerr := parquetsrc.Open(cfg.Export)
		if oerr != nil {
			return finding.Run{}, Unreadable(oerr)
		}
		defer src.Close()
		rd, err = export.NewCSVReader(src, opts)
	default:
		gcfg.File = filepath.Base(cfg.Export)
		rd, err = export.Open(cfg.Export, opts)
	}
	if err != nil {
		return finding.Run{}, Unreadable(err)
	}
	defer rd.Close()
	g, err := separation.Run(rd, gcfg)
	if err != nil {
		return finding.Run{}, Unreadable(err)
	}
	// Decided line by line, so final only now that every row is read.
	g.Tally.Encoding, g.Tally.Delimiter, g.Tally.EncodingLine = rd.Text().Describe()
	r.Gate = g
	r.Inputs = append(r.Inputs, report.InputFile{Role: report.RoleExport, Path: cfg.Export})
	return g.Run(), nil
}

// Unreadable wraps kartoitus.ErrUnreadable unless err already carries one
// of the sentinels (so a reader's ErrNotRecognised keeps exit code 3).
func Unreadable(err error) error {
	if err == nil {
		return nil
	}
	for _, s := range []error{kartoitus.ErrUnreadable, kartoitus.ErrNotRecognised, kartoitus.ErrUsage, kartoitus.ErrFindings, kartoitus.ErrInternal} {
		if errors.Is(err, s) {
			return err
		}
	}
	return fmt.Errorf("%w: %w", kartoitus.ErrUnreadable, err)
}

// internal wraps kartoitus.ErrInternal unless err already carries a
// sentinel: an analysis that failed is the tool's failure, not the input's.
func internal(err error) error {
	if err == nil {
		return nil
	}
	for _, s := range []error{kartoitus.ErrUnreadable, kartoitus.ErrNotRecognised, kartoitus.ErrUsage, kartoitus.ErrInternal} {
		if errors.Is(err, s) {
			return err
		}
	}
	return fmt.Errorf("%w: %w", kartoitus.ErrInternal, err)
}

// producer reports whether the profile says the organisation is not the
// organising authority: a private provider, or (kind not given) one whose
// roles are producing for others. Coverage then leaves the authority's
// documents out of its target. Without a profile every type is expected.
func (r *Result) producer() bool {
	p := r.Profile
	if p == nil {
		return false
	}
	if public, ok := p.Public(); ok {
		return !public
	}
	return !p.Has(profile.RoleOrganiser) && (p.Has(profile.RoleProducer) || p.Has(profile.RoleSubcontractor))
}

// isParquet reports whether a file starts with Parquet's magic bytes.
func isParquet(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false // export.Open reports it
	}
	defer f.Close()
	var head [4]byte
	n, _ := io.ReadFull(f, head[:])
	return parquetsrc.IsParquet(head[:n])
}
