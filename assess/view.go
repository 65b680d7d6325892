package assess

import (
	"github.com/kartoitus/kartoitus/analyzer/mapping"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/report"
)

// View builds the assessment's view model (report.Assessment) from a
// Result: plain data the HTML, XLSX and console writers render. Every
// figure is copied from the analyses' results, never recomputed.
func (r *Result) View(command string, lang finding.Lang, organisation string) *report.Assessment {
	a := report.NewAssessment(r.Report(command, lang), organisation)
	a.Meta.Inputs = append([]report.InputFile{}, r.Inputs...)
	cat := r.Catalogue
	for _, t := range cat.Tasks {
		a.Tasks = append(a.Tasks, report.Label{ID: t.ID, Name: finding.T(t.FI, t.EN)})
	}
	for _, p := range cat.Phases {
		a.Phases = append(a.Phases, report.Label{ID: p.ID, Name: finding.T(p.FI, p.EN)})
	}
	for id, s := range r.Sections {
		a.SetSection(id, s)
	}
	for _, d := range r.Catalogue.CurrentTypes() {
		if !d.IsGroup() {
			a.NationalTypes = append(a.NationalTypes, report.Label{ID: d.Key(), Name: finding.T(d.NameFI, d.NameFI)})
		}
	}
	r.fillMapping(a)
	r.fillCoverage(a)
	r.fillDraft(a)
	r.fillPlans(a, lang)
	a.Complete()
	return a
}

func (r *Result) fillMapping(a *report.Assessment) {
	if r.Inventory == nil || r.Mapping == nil {
		return
	}
	cat := r.Catalogue
	for i := range r.Inventory.Documents {
		d := &r.Inventory.Documents[i]
		row := report.MappingRow{
			Source: d.Source, Name: d.Name, NationalRaw: d.NationalRaw,
			Task: d.Task(), TaskRaw: d.ServiceTaskRaw, Phase: d.Phase, PhaseRaw: d.PhaseRaw,
			Medium: string(d.Medium), System: d.System, Register: d.RegisterRaw, RegisterKind: string(d.Register),
			Method: string(mapping.MethodNone),
		}
		if m := r.Mapping.ByDoc(i); m != nil {
			row.Method, row.Confidence = string(m.Method), m.Confidence
			if m.Method == mapping.MethodAccepted && m.Key == "" {
				// An accepted "not national" is a decision too: without the
				// "-" the sheet passed back would forget it.
				row.Accepted = "-"
			}
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

func (r *Result) fillCoverage(a *report.Assessment) {
	if r.Coverage == nil {
		return
	}
	cat, docs := r.Catalogue, r.Inventory.Documents
	name := func(key string) string {
		if dt := cat.ByKey(key); dt != nil {
			return dt.NameFI
		}
		return key
	}
	local := func(idx []int) []string {
		var out []string
		for _, i := range idx {
			if i >= 0 && i < len(docs) {
				out = append(out, docs[i].Name)
			}
		}
		return out
	}
	for _, t := range r.Coverage.Tasks {
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
				cell.Misphased = append(cell.Misphased, report.DocRef{Code: m.Key, Name: name(m.Key), Local: local([]int{m.Doc}), ExpectedPhase: m.National, RecordedPhase: m.Local})
			}
		}
		for i := range a.Coverage {
			if a.Coverage[i].Task == t.Task {
				tt := t.Totals
				a.Coverage[i].Figures = &report.CoverageFigures{Expected: tt.Expected, Covered: tt.Covered,
					InPhase: tt.InPhase, Outside: tt.Outside, Misphased: tt.Misphased}
			}
		}
	}
}

func (r *Result) fillDraft(a *report.Assessment) {
	rr := r.Retention
	if rr == nil || rr.Draft == nil {
		return
	}
	sheet := &report.SheetTable{Rows: rr.Draft.Records(a.Meta.Lang)}
	for _, c := range rr.Draft.Layout(a.Meta.Lang) {
		sheet.Columns = append(sheet.Columns, report.SheetColumn{Header: c.Header, Width: c.Width, Edit: c.Blank, Numeric: c.Numeric, Choices: c.Choices, Status: c.Status})
	}
	a.TOSDraftSheet = sheet
	for _, d := range rr.Draft.Rows {
		a.TOSDraft = append(a.TOSDraft, report.TOSDraftRow{
			Task: d.ServiceTask, TaskInferred: d.TaskInferred, Code: d.Key, NationalName: d.NameFI,
			LocalNames: d.LocalNames, Phase: d.Phase, Medium: d.Medium, Plans: d.Plans,
			Years: d.Years, Start: string(d.Start), Period: d.Period, RuleID: d.RuleID, Basis: d.Basis,
			Archival: finding.T(d.ArchivalFI, d.ArchivalEN),
			Existing: d.ExistingRetention, ExistingStart: d.ExistingStart, ExistingBasis: d.ExistingBasis,
			ExistingSources: d.ExistingSources, Status: string(d.Status), Findings: d.Findings,
		})
	}
}
