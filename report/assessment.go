package report

import (
	"math"
	"sort"
	"strings"
	"time"

	"github.com/kartoitus/kartoitus/finding"
)

// AssessmentSchema versions the JSON form of Assessment. Bump the major
// number on breaking changes.
const AssessmentSchema = "kartoitus.assessment/v1"

// Assessment is the view model of the whole assessment: plain data that
// the HTML and XLSX reporters render. The assess command fills it from the
// analyzers' results with simple loops; report never imports the analyzers,
// so every value here is a string, a number or a finding.
//
// Typical filling:
//
//	a := report.NewAssessment(result, "Hoivapolku Oy")
//	a.Meta.Inputs = append(a.Meta.Inputs, report.InputFile{Role: report.RoleInventory, Path: path})
//	for _, t := range cat.Tasks { a.Tasks = append(a.Tasks, report.Label{ID: t.ID, Name: finding.T(t.FI, t.EN)}) }
//	for _, r := range analyzer.Rules { a.SetSection(r.ID, report.SectionRegisters) }
//	a.Mapping = append(a.Mapping, report.MappingRow{…})
//	c := a.CoverageCell(task, phase); c.Missing = append(c.Missing, report.DocRef{…})
//	a.Complete()
type Assessment struct {
	Schema string `json:"schema"`
	Meta   Meta   `json:"meta"`
	// Result holds every finding (rejected input rows included), the rules
	// that ran and the input tallies: the same data as findings.json.
	Result *Result `json:"result"`
	// RuleSections assigns rule IDs to report sections. Rules not listed
	// fall back to DefaultSection.
	RuleSections map[string]Section `json:"rule_sections,omitempty"`

	// Tasks and Phases name the service tasks and process phases, in the
	// order the report shows them (rows and columns of the coverage
	// matrix). Rows refer to them by ID.
	Tasks  []Label `json:"tasks"`
	Phases []Label `json:"phases"`
	// NationalTypes are the current national document types (ID the
	// code), the choices of the workbook's accepted-code drop-down. Not
	// in the JSON: the catalogue is the tool's, not the assessment's.
	NationalTypes []Label `json:"-"`

	// Summary is derived by Complete from everything else.
	Summary AssessmentSummary `json:"summary"`

	Mapping  []MappingRow  `json:"mapping"`
	Coverage []CoverageRow `json:"coverage"`
	TOSDraft []TOSDraftRow `json:"tos_draft"`
	// TOSDraftSheet is the TOS draft as laid out by the retention
	// analysis (the columns of tos-draft.csv), which the workbook writes
	// as its TOS draft sheet; nil writes no such sheet.
	TOSDraftSheet *SheetTable `json:"-"`
	Graphs        Graphs      `json:"graphs"`

	// DeployTest and Onboarding are the plans the run was given (a pairs
	// file; a go-live date or status file), as tables the pipeline filled
	// in the report's language; nil when not asked for.
	DeployTest *PlanSection `json:"deploy_test,omitempty"`
	Onboarding *PlanSection `json:"onboarding,omitempty"`
}

// Meta describes the run.
type Meta struct {
	Organisation string           `json:"organisation,omitempty"`
	Inputs       []InputFile      `json:"inputs"`
	Generated    time.Time        `json:"generated"`
	Lang         finding.Lang     `json:"lang"`
	Tool         string           `json:"tool"`
	Version      string           `json:"version"`
	FailOn       finding.Severity `json:"fail_on"`
	// RevealIDs turns off the reporters' last-line masking of
	// henkilötunnus-shaped text; set only when the user asks explicitly.
	RevealIDs bool `json:"reveal_ids,omitempty"`
}

// Input roles.
const (
	RoleInventory = "inventory"
	RoleExport    = "export"
	RoleTOS       = "tos"
	RoleAMS       = "ams"
	RolePairs     = "pairs"
	RolePlan      = "plan"
	RoleOverlay   = "overlay"
	RoleAccepted  = "accepted"
	RoleIgnore    = "ignore"
	RoleProfile   = "profile"
)

// InputFile is one file the assessment read.
type InputFile struct {
	Role string `json:"role"`
	Path string `json:"path"`
}

// Label names a service task or phase in both report languages.
type Label struct {
	ID   string       `json:"id"`
	Name finding.Text `json:"name"`
}

// Section is a part of the report that findings are grouped into.
type Section string

const (
	SectionInput     Section = "input" // rejected rows, unreadable columns
	SectionMapping   Section = "mapping"
	SectionCoverage  Section = "coverage"
	SectionRegisters Section = "registers"
	SectionRetention Section = "retention"
	SectionGraphs    Section = "graphs"
	// SectionDeployTest: the register-use-right deployment test's plan.
	SectionDeployTest Section = "deploytest"
	// SectionOnboarding: the onboarding plan (Käyttöönoton valmius).
	SectionOnboarding Section = "onboarding"
	SectionOther      Section = "other"
)

// Sections lists the sections in report order.
var Sections = []Section{SectionMapping, SectionCoverage, SectionRegisters, SectionRetention, SectionGraphs, SectionDeployTest, SectionOnboarding, SectionInput, SectionOther}

// DefaultSection guesses a rule's section from its ID prefix, for rules
// the assess command did not assign with SetSection.
func DefaultSection(ruleID string) Section {
	id := strings.ToUpper(ruleID)
	has := func(ps ...string) bool {
		for _, p := range ps {
			if strings.HasPrefix(id, p) {
				return true
			}
		}
		return false
	}
	switch {
	case has("INP", "INV0", "TOSIN", "EXPIN", "IN0", "ROW"):
		return SectionInput
	case has("MAP"):
		return SectionMapping
	case has("COV"):
		return SectionCoverage
	case has("REG", "SEP", "EXP", "GATE", "HETU", "OID"):
		return SectionRegisters
	case has("RET", "TOS", "AMS"):
		return SectionRetention
	case has("GRA", "CONF", "STG"):
		return SectionGraphs
	}
	return SectionOther
}

// MappingRow is one inventory document and what it was mapped to.
type MappingRow struct {
	// Source is the inventory file, sheet and row.
	Source finding.Location `json:"source"`
	// Name is the local document name; NationalRaw the national type as
	// the inventory wrote it.
	Name        string `json:"name"`
	NationalRaw string `json:"national_raw,omitempty"`
	// Task and Phase are IDs (see Assessment.Tasks/Phases); the Raw
	// fields keep what the row said.
	Task     string `json:"task,omitempty"`
	TaskRaw  string `json:"task_raw,omitempty"`
	Phase    string `json:"phase,omitempty"`
	PhaseRaw string `json:"phase_raw,omitempty"`
	// Medium is "paper", "electronic", "both" or "".
	Medium string `json:"medium,omitempty"`
	System string `json:"system,omitempty"`
	// Register is the register as written; RegisterKind its class
	// ("social", "health", "legacy", "mixed" or "").
	Register     string `json:"register,omitempty"`
	RegisterKind string `json:"register_kind,omitempty"`
	// Code is the mapped national catalogue key ("15003", "group:1"); ""
	// when nothing reached the threshold.
	Code         string `json:"code,omitempty"`
	NationalName string `json:"national_name,omitempty"`
	// Method is the mapping method (accepted, code, exact, normalised,
	// synonym, fuzzy, none) and Confidence 0..1.
	Method     string      `json:"method"`
	Confidence float64     `json:"confidence"`
	Candidates []Candidate `json:"candidates,omitempty"`
	// Accepted is the accepted-mapping column as pre-filled for the user
	// (an accepted code, "-" for accepted as not national, or "" for the
	// user to fill in).
	Accepted string `json:"accepted,omitempty"`
}

// Mapped reports whether the row has a national type.
func (m MappingRow) Mapped() bool { return m.Code != "" }

// Candidate is one possible national type offered for a document.
type Candidate struct {
	Code       string  `json:"code"`
	Name       string  `json:"name"`
	Method     string  `json:"method"`
	Confidence float64 `json:"confidence"`
}

// CoverageRow is one service task of the coverage matrix.
type CoverageRow struct {
	Task  string         `json:"task"`
	Cells []CoverageCell `json:"cells"`
	// Figures is the task's coverage figure as analyzer/coverage computed
	// it; every output shows these, never a recount of the cells. Nil for
	// a hand-built row: then the cells are counted.
	Figures *CoverageFigures `json:"figures,omitempty"`
}

// CoverageFigures are one task's coverage figures (analyzer/coverage
// Totals): of Expected national types of the task, Covered are present and
// InPhase of those in their national phase; Outside documents of the task
// have no national type of the task; Misphased documents are kept in
// another phase than their type's national default.
type CoverageFigures struct {
	Expected  int `json:"expected"`
	Covered   int `json:"covered"`
	InPhase   int `json:"in_phase"`
	Outside   int `json:"outside"`
	Misphased int `json:"misphased"`
}

// Cell returns the row's cell for a phase, or nil.
func (r *CoverageRow) Cell(phase string) *CoverageCell {
	for i := range r.Cells {
		if r.Cells[i].Phase == phase {
			return &r.Cells[i]
		}
	}
	return nil
}

// CoverageCell is one (service task, phase) cell: the national types the
// inventory has, the ones it lacks, local documents with no national
// counterpart (or a type foreign to the task), and documents recorded in a
// different phase than the national default.
type CoverageCell struct {
	Phase     string   `json:"phase"`
	Present   []DocRef `json:"present,omitempty"`
	Missing   []DocRef `json:"missing,omitempty"`
	Extra     []DocRef `json:"extra,omitempty"`
	Misphased []DocRef `json:"misphased,omitempty"`
}

// Empty reports whether the cell has nothing to show.
func (c *CoverageCell) Empty() bool {
	return c == nil || len(c.Present)+len(c.Missing)+len(c.Extra)+len(c.Misphased) == 0
}

// DocRef names a national type and/or the local documents behind it.
type DocRef struct {
	Code  string   `json:"code,omitempty"`
	Name  string   `json:"name,omitempty"`
	Local []string `json:"local,omitempty"`
	// ExpectedPhase is the national default phase of a misphased document,
	// RecordedPhase the phase the inventory gives it (both are shown).
	ExpectedPhase string `json:"expected_phase,omitempty"`
	RecordedPhase string `json:"recorded_phase,omitempty"`
}

// CoverageCell returns the cell for (task, phase), creating the row and
// the cell when missing, so the assess command can fill with one loop.
func (a *Assessment) CoverageCell(task, phase string) *CoverageCell {
	var row *CoverageRow
	for i := range a.Coverage {
		if a.Coverage[i].Task == task {
			row = &a.Coverage[i]
			break
		}
	}
	if row == nil {
		a.Coverage = append(a.Coverage, CoverageRow{Task: task})
		row = &a.Coverage[len(a.Coverage)-1]
	}
	if c := row.Cell(phase); c != nil {
		return c
	}
	row.Cells = append(row.Cells, CoverageCell{Phase: phase})
	return &row.Cells[len(row.Cells)-1]
}

// TOS draft statuses, as analyzer/retention names them. Other values are
// shown as written.
const (
	TOSOK         = "ok"
	TOSMissing    = "missing"    // no TOS/AMS entry, or one without a period
	TOSDiffers    = "differs"    // an entry disagrees with the law or an archival decision
	TOSUnverified = "unverified" // an entry exists but cannot be compared
	TOSNoRule     = "no_rule"    // no annex row applies (service task unknown)
)

// TOSDraftRow is one row of the draft TOS: what the law requires for a
// national document type in a service task, next to what the
// organisation's plan says today, with the JHS 191 items the records
// manager completes.
type TOSDraftRow struct {
	Task string `json:"task"`
	// TaskInferred: the inventory gave no task; the type's default was used.
	TaskInferred bool     `json:"task_inferred,omitempty"`
	Code         string   `json:"code,omitempty"`
	NationalName string   `json:"national_name,omitempty"`
	LocalNames   []string `json:"local_names,omitempty"`
	Phase        string   `json:"phase,omitempty"`
	Medium       string   `json:"medium,omitempty"`
	// Plans is the plan the row belongs in: "TOS", "AMS" or "TOS, AMS".
	Plans string `json:"plans,omitempty"`
	// Years is the law's period: -1 permanent, 0 no fixed period. When
	// RuleID and Period are empty no annex row applies.
	Years int `json:"years"`
	// Start is the start event ID (case_closed, client_death, …).
	Start string `json:"start,omitempty"`
	// Period is the annex wording, verbatim.
	Period string `json:"period,omitempty"`
	// RuleID is the annex row (e.g. R703-04) and Basis its legal source.
	RuleID string `json:"rule_id,omitempty"`
	Basis  string `json:"basis,omitempty"`
	// Archival names an archival decision ordering permanent retention.
	Archival finding.Text `json:"archival,omitempty"`
	// Existing is the current TOS/AMS period as found ("6 v"), with its
	// start event, basis and the plan rows it was found on.
	Existing        string             `json:"existing,omitempty"`
	ExistingStart   string             `json:"existing_start,omitempty"`
	ExistingBasis   string             `json:"existing_basis,omitempty"`
	ExistingSources []finding.Location `json:"existing_sources,omitempty"`
	Status          string             `json:"status"`
	// Findings are the rule IDs reported for the row's documents.
	Findings []string `json:"findings,omitempty"`
	// Pre-filled from an existing entry when it has them; the records
	// manager completes the rest in the workbook.
	Publicity    string `json:"publicity,omitempty"`
	SecrecyBasis string `json:"secrecy_basis,omitempty"`
	PersonalData string `json:"personal_data,omitempty"`
	Storage      string `json:"storage,omitempty"`
}

// SheetTable is a table laid out by the analysis that owns it, written
// to the workbook as it is.
type SheetTable struct {
	Columns []SheetColumn
	Rows    [][]string
}

// SheetColumn is one column of a SheetTable.
type SheetColumn struct {
	Header string
	Width  float64
	// Edit marks a column the user fills in, Choices its drop-down values
	// and Numeric one whose whole numbers are written as numbers.
	Edit    bool
	Numeric bool
	Choices []string
	// Status: the column shows the row's TOS-draft status (the page
	// colours it as the status says).
	Status bool
}

// Graphs holds SVG markup rendered by the graph package. The HTML report
// inlines it after sanitising; the XLSX report does not carry graphs.
type Graphs struct {
	Overview string      `json:"overview,omitempty"`
	Tasks    []TaskGraph `json:"tasks,omitempty"`
	// OverviewFile is where the overview's SVG was written, relative to
	// the page (graphs/overview.svg); empty if not written.
	OverviewFile string `json:"overview_file,omitempty"`
}

// TaskGraph is one service task's current-state, target-state and
// comparison graphs with conformance figures.
type TaskGraph struct {
	Task       string   `json:"task"`
	Current    string   `json:"current,omitempty"`
	Target     string   `json:"target,omitempty"`
	Comparison string   `json:"comparison,omitempty"`
	Figures    []Figure `json:"figures,omitempty"`
	// The files the graphs were written to, relative to the page: the
	// page links them as the full-size view, and shows a large graph
	// from its file instead of inlining it.
	CurrentFile    string `json:"current_file,omitempty"`
	TargetFile     string `json:"target_file,omitempty"`
	ComparisonFile string `json:"comparison_file,omitempty"`
}

// Figure is one named number, e.g. coverage 0.8 (Percent) or 3 missing.
type Figure struct {
	ID      string       `json:"id"`
	Label   finding.Text `json:"label"`
	Value   float64      `json:"value"`
	Percent bool         `json:"percent,omitempty"`
	// Term is the analysts' name of the figure (pm4py's "fitness"), shown
	// as a tooltip: the label itself stays in plain words.
	Term string `json:"term,omitempty"`
}

// AssessmentSummary is the summary section, derived by Complete.
type AssessmentSummary struct {
	// Findings copies Result.Summary, so the page and findings.json agree.
	Findings Summary `json:"findings"`
	// Sections counts findings per report section, in report order.
	Sections []SectionCount `json:"sections"`

	// Input rows over every input (Result.Inputs).
	RowsRead     int `json:"rows_read"`
	RowsAccepted int `json:"rows_accepted"`
	RowsRejected int `json:"rows_rejected"`
	RowsSkipped  int `json:"rows_skipped"`

	// Documents are the inventory documents analysed (mapping rows).
	Documents     int           `json:"documents"`
	Mapped        int           `json:"mapped"`
	MappedPercent int           `json:"mapped_percent"`
	ByMethod      []MethodCount `json:"by_method"`

	// Coverage totals over every cell.
	PresentTypes   int `json:"present_types"`
	MissingTypes   int `json:"missing_types"`
	ExtraDocuments int `json:"extra_documents"`
	Misphased      int `json:"misphased"`
	// Tasks gives coverage per service task of the coverage matrix, in
	// Assessment.Tasks order.
	Tasks []TaskFitness `json:"tasks"`

	RegisterErrors   int `json:"register_errors"`
	RegisterFindings int `json:"register_findings"`
	// RetentionGaps counts retention errors and warnings (not notes).
	RetentionGaps int `json:"retention_gaps"`
	RejectedRows  int `json:"rejected_rows"`
	TOSDraftRows  int `json:"tos_draft_rows"`
	TOSDraftOpen  int `json:"tos_draft_open"` // rows whose status is not ok
}

// SectionCount counts one section's findings.
type SectionCount struct {
	Section Section `json:"section"`
	Total   int     `json:"total"`
	Error   int     `json:"error"`
	Warning int     `json:"warning"`
	Info    int     `json:"info"`
}

// MethodCount counts mapping rows by method.
type MethodCount struct {
	Method string `json:"method"`
	Count  int    `json:"count"`
}

// TaskFitness is the share of a task's expected national types present.
type TaskFitness struct {
	Task     string `json:"task"`
	Present  int    `json:"present"`
	Expected int    `json:"expected"`
	// Percent is Present/Expected rounded; -1 when nothing is expected.
	Percent int `json:"percent"`
	// InPhase of the present types have a document in their national phase.
	InPhase int `json:"in_phase"`
	// Extra documents of the task have no national type of the task.
	Extra int `json:"extra"`
	// Misphased documents are kept in another phase than the national one.
	Misphased int `json:"misphased"`
}

// Methods lists mapping methods in order of trust (as analyzer/mapping).
var Methods = []string{"accepted", "code", "exact", "normalised", "synonym", "fuzzy", "local", "none"}

// PlanSection is a plan as the report shows it: a table and, for the
// onboarding plan, its timeline picture (SVG, sanitised when rendered).
// The pipeline fills it from the plan's own result (report sits beside
// deploytest and onboarding in the layers, so it does not read them).
type PlanSection struct {
	Columns []string   `json:"columns"`
	Rows    [][]string `json:"rows"`
	SVG     string     `json:"-"`
}

// NewAssessment starts a view model from a findings Result.
func NewAssessment(r *Result, organisation string) *Assessment {
	if r == nil {
		r = NewResult("assess", finding.FI, finding.Error, finding.Run{})
	}
	return &Assessment{
		Schema: AssessmentSchema,
		Meta: Meta{
			Organisation: organisation,
			Inputs:       []InputFile{},
			Generated:    r.Generated,
			Lang:         r.Lang,
			Tool:         r.Tool,
			Version:      r.Version,
			FailOn:       r.FailOn,
		},
		Result:       r,
		RuleSections: map[string]Section{},
	}
}

// SetSection assigns a rule to a report section.
func (a *Assessment) SetSection(ruleID string, s Section) {
	if a.RuleSections == nil {
		a.RuleSections = map[string]Section{}
	}
	a.RuleSections[ruleID] = s
}

// SectionOf returns the section a rule's findings are shown in.
func (a *Assessment) SectionOf(ruleID string) Section {
	if s, ok := a.RuleSections[ruleID]; ok {
		return s
	}
	return DefaultSection(ruleID)
}

// FindingsIn returns the findings of one section, in Result order.
func (a *Assessment) FindingsIn(s Section) []finding.Finding {
	var out []finding.Finding
	if a.Result == nil {
		return out
	}
	for _, f := range a.Result.Findings {
		if a.SectionOf(f.RuleID) == s {
			out = append(out, f)
		}
	}
	return out
}

// RegisterFindings are the findings of the register rule families.
func (a *Assessment) RegisterFindings() []finding.Finding { return a.FindingsIn(SectionRegisters) }

// RetentionFindings are the retention gaps.
func (a *Assessment) RetentionFindings() []finding.Finding { return a.FindingsIn(SectionRetention) }

// RejectedRows are the input section's findings: rows that could not be
// read, and notes on cells of rows that were read.
func (a *Assessment) RejectedRows() []finding.Finding { return a.FindingsIn(SectionInput) }

// RulesIn returns the rules that ran in a section.
func (a *Assessment) RulesIn(s Section) []finding.Rule {
	var out []finding.Rule
	if a.Result == nil {
		return out
	}
	for _, r := range a.Result.Rules {
		if a.SectionOf(r.ID) == s {
			out = append(out, r)
		}
	}
	return out
}

// completed is a completed copy of a: a writer completes what it is given
// without changing it, so several writers can render one assessment at
// once (assess writes the page and the workbook side by side).
func (a *Assessment) completed() *Assessment {
	c := *a
	c.Complete()
	return &c
}

// Complete derives the summary and fills defaults. Call it after filling;
// the reporters call it too, so it is idempotent.
func (a *Assessment) Complete() {
	if a.Schema == "" {
		a.Schema = AssessmentSchema
	}
	if a.Result == nil {
		a.Result = NewResult("assess", a.Meta.Lang, a.Meta.FailOn, finding.Run{})
	}
	if a.Meta.Generated.IsZero() {
		a.Meta.Generated = a.Result.Generated
	}
	if a.Meta.Lang == "" {
		a.Meta.Lang = a.Result.Lang
	}
	if a.Meta.Tool == "" {
		a.Meta.Tool = a.Result.Tool
	}
	if a.Meta.Version == "" {
		a.Meta.Version = a.Result.Version
	}
	if a.Meta.Inputs == nil {
		a.Meta.Inputs = []InputFile{}
	}
	for _, s := range []*[]Label{&a.Tasks, &a.Phases} {
		if *s == nil {
			*s = []Label{}
		}
	}
	if a.Mapping == nil {
		a.Mapping = []MappingRow{}
	}
	if a.Coverage == nil {
		a.Coverage = []CoverageRow{}
	}
	if a.TOSDraft == nil {
		a.TOSDraft = []TOSDraftRow{}
	}
	a.Summary = a.summarise()
}

func (a *Assessment) summarise() AssessmentSummary {
	r := a.Result
	// The page shows the same figures as findings.json; a Result built by
	// hand without NewResult gets them counted here.
	s := AssessmentSummary{Findings: r.Summary}
	if r.Summary.ByRule == nil {
		s.Findings = Summarise(r.Findings, r.FailOn)
	}

	bySec := map[Section]*SectionCount{}
	for _, sec := range Sections {
		bySec[sec] = &SectionCount{Section: sec}
	}
	for _, f := range r.Findings {
		sec := a.SectionOf(f.RuleID)
		c := bySec[sec]
		if c == nil {
			c = bySec[SectionOther]
		}
		c.Total++
		switch f.Severity {
		case finding.Error:
			c.Error++
		case finding.Warning:
			c.Warning++
		default:
			c.Info++
		}
	}
	// Findings counted but not listed (a per-rule cap on huge inputs)
	// still count in their section, as they do in Result.Summary.
	sevOf := map[string]finding.Severity{}
	for _, ru := range r.Rules {
		sevOf[ru.ID] = ru.Severity
	}
	for id, n := range r.Omitted {
		c := bySec[a.SectionOf(id)]
		if c == nil {
			c = bySec[SectionOther]
		}
		c.Total += n
		switch sevOf[id] {
		case finding.Error:
			c.Error += n
		case finding.Warning:
			c.Warning += n
		default:
			c.Info += n
		}
	}
	for _, sec := range Sections {
		s.Sections = append(s.Sections, *bySec[sec])
	}
	s.RegisterFindings = bySec[SectionRegisters].Total
	s.RegisterErrors = bySec[SectionRegisters].Error
	// Notes (info) such as "longer than the law" are not gaps.
	s.RetentionGaps = bySec[SectionRetention].Error + bySec[SectionRetention].Warning
	// Rejected rows are the readers' tallies (an input warning such as an
	// unrecognised task rejects nothing).
	for _, t := range r.Inputs {
		s.RejectedRows += t.Rejected
	}

	for _, t := range r.Inputs {
		s.RowsRead += t.Read
		s.RowsAccepted += t.Accepted
		s.RowsRejected += t.Rejected
		s.RowsSkipped += t.Skipped
	}

	s.Documents = len(a.Mapping)
	methods := map[string]int{}
	for _, m := range a.Mapping {
		if m.Mapped() {
			s.Mapped++
		}
		method := m.Method
		if method == "" {
			method = "none"
		}
		methods[method]++
	}
	s.MappedPercent = percent(s.Mapped, s.Documents)
	for _, m := range Methods {
		if n := methods[m]; n > 0 {
			s.ByMethod = append(s.ByMethod, MethodCount{Method: m, Count: n})
			delete(methods, m)
		}
	}
	var rest []string
	for m := range methods {
		rest = append(rest, m)
	}
	sort.Strings(rest)
	for _, m := range rest {
		s.ByMethod = append(s.ByMethod, MethodCount{Method: m, Count: methods[m]})
	}

	// One entry per task the coverage covers, in Assessment.Tasks order.
	for _, row := range a.coverageRows() {
		tf := TaskFitness{Task: row.Task}
		if f := row.Figures; f != nil {
			tf.Present, tf.Expected, tf.InPhase, tf.Extra, tf.Misphased = f.Covered, f.Expected, f.InPhase, f.Outside, f.Misphased
		}
		for _, c := range row.Cells {
			if row.Figures == nil {
				tf.Present += len(c.Present)
				tf.Expected += len(c.Present) + len(c.Missing)
				tf.Extra += len(c.Extra)
				tf.Misphased += len(c.Misphased)
			}
			s.PresentTypes += len(c.Present)
			s.MissingTypes += len(c.Missing)
			s.ExtraDocuments += len(c.Extra)
			s.Misphased += len(c.Misphased)
		}
		tf.Percent = percent(tf.Present, tf.Expected)
		if tf.Expected == 0 {
			tf.Percent = -1
		}
		s.Tasks = append(s.Tasks, tf)
	}

	s.TOSDraftRows = len(a.TOSDraft)
	for _, t := range a.TOSDraft {
		if t.Status != TOSOK {
			s.TOSDraftOpen++
		}
	}
	if s.ByMethod == nil {
		s.ByMethod = []MethodCount{}
	}
	if s.Tasks == nil {
		s.Tasks = []TaskFitness{}
	}
	return s
}

// percent is n/of as a rounded whole percentage (0 when of is 0).
func percent(n, of int) int {
	if of <= 0 {
		return 0
	}
	return int(math.Round(100 * float64(n) / float64(of)))
}

// TaskName returns a task's name in l, or its ID when unknown.
func (a *Assessment) TaskName(id string, l finding.Lang) string {
	return labelName(a.Tasks, id, l)
}

// PhaseName returns a phase's name in l, or its ID when unknown.
func (a *Assessment) PhaseName(id string, l finding.Lang) string {
	return labelName(a.Phases, id, l)
}

func labelName(ls []Label, id string, l finding.Lang) string {
	for _, x := range ls {
		if x.ID == id {
			if n := x.Name.In(l); n != "" {
				return n
			}
			return id
		}
	}
	return id
}

// coveragePhases returns the phase IDs of the matrix columns: the declared
// phases, then any phase a cell uses that was not declared (e.g. "").
func (a *Assessment) coveragePhases() []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range a.Phases {
		out = append(out, p.ID)
		seen[p.ID] = true
	}
	for _, row := range a.Coverage {
		for _, c := range row.Cells {
			if !seen[c.Phase] {
				seen[c.Phase] = true
				out = append(out, c.Phase)
			}
		}
	}
	return out
}

// coverageRows returns the rows in Assessment.Tasks order, then any other.
func (a *Assessment) coverageRows() []*CoverageRow {
	var out []*CoverageRow
	used := map[int]bool{}
	for _, t := range a.Tasks {
		for i := range a.Coverage {
			if !used[i] && a.Coverage[i].Task == t.ID {
				out = append(out, &a.Coverage[i])
				used[i] = true
			}
		}
	}
	for i := range a.Coverage {
		if !used[i] {
			out = append(out, &a.Coverage[i])
		}
	}
	return out
}
