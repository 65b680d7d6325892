package retention

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/ident"
	"github.com/kartoitus/kartoitus/internal/textnorm"
	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/sosmeta"
	"github.com/kartoitus/kartoitus/tos"
)

// Draft is the TOS draft: what the records manager completes. It is a
// plain JSON-tagged value so other reports (XLSX, HTML) can render it.
type Draft struct {
	Rows []DraftRow `json:"rows"`
}

// DraftRow is one national document type (or annex document group) the
// organisation produces, in one service task, pre-filled with the law.
type DraftRow struct {
	// ServiceTask is the task ID ("" when the row applies to every task,
	// as for the client-relationship document); ServiceTaskFI/EN its name.
	ServiceTask   string `json:"service_task"`
	ServiceTaskFI string `json:"service_task_fi"`
	ServiceTaskEN string `json:"service_task_en"`
	// TaskInferred: the inventory gave no task; the type's default was used.
	TaskInferred bool `json:"task_inferred,omitempty"`

	// Key is the catalogue key ("11023", "group:1"); Code and CodeSystem
	// the national code and its code system OID; StructureOID the current
	// Sosmeta structure. All empty for annex document groups that have no
	// Sosmeta type (Tositteet …): NameFI is then the annex row's text.
	Key          string `json:"key,omitempty"`
	Code         string `json:"code,omitempty"`
	CodeSystem   string `json:"code_system,omitempty"`
	StructureOID string `json:"structure_oid,omitempty"`
	NameFI       string `json:"name_fi"`
	NameSV       string `json:"name_sv,omitempty"`
	Kind         string `json:"kind,omitempty"`
	// LocalNames are the inventory's names for it.
	LocalNames []string `json:"local_names"`
	Phase      string   `json:"phase,omitempty"`
	PhaseFI    string   `json:"phase_fi,omitempty"`
	PhaseEN    string   `json:"phase_en,omitempty"`
	// Medium: electronic, paper, both or unknown; Plans the plans the row
	// belongs in ("TOS", "AMS" or "TOS, AMS").
	Medium string `json:"medium"`
	Plans  string `json:"plans"`

	// The law. HasRule is false when no annex row applies (then the
	// period columns are empty and Status is no_rule).
	HasRule bool               `json:"has_rule"`
	Years   int                `json:"years"` // -1 permanent (JHS 191)
	Start   sosmeta.StartEvent `json:"start,omitempty"`
	StartFI string             `json:"start_fi,omitempty"`
	StartEN string             `json:"start_en,omitempty"`
	// Period is the annex wording verbatim; RuleID, RuleText and Basis
	// identify the row; RuleBy says how it was found.
	Period   string `json:"period,omitempty"`
	RuleID   string `json:"rule_id,omitempty"`
	RuleText string `json:"rule_text,omitempty"`
	RuleBy   Law    `json:"rule_by,omitempty"`
	Basis    string `json:"basis,omitempty"`
	// Also are rules that bind beside the row (Adoptiolaki § 92, R703-15's
	// earlier versions), each as "basis: period (ID)".
	Also []string `json:"also,omitempty"`
	// Archival names archival decisions ordering permanent retention;
	// Permanent is true when one of them keeps every document of the row.
	ArchivalFI string `json:"archival_fi,omitempty"`
	ArchivalEN string `json:"archival_en,omitempty"`
	Permanent  bool   `json:"permanent,omitempty"`

	// What the organisation's TOS/AMS (or inventory) says now.
	ExistingRetention string `json:"existing_retention,omitempty"`
	ExistingStart     string `json:"existing_start,omitempty"`
	ExistingBasis     string `json:"existing_basis,omitempty"`
	// ExistingSources are the plan rows (or inventory rows, for the
	// inventory's own columns) the existing values come from.
	ExistingSources []finding.Location `json:"existing_sources,omitempty"`
	// Status compares the existing entries with the law; Findings lists
	// the rule IDs reported for the row's documents.
	Status   Status   `json:"status"`
	Findings []string `json:"findings,omitempty"`

	// Left for the records manager, pre-filled from an existing entry
	// when it has them: julkisuusluokka, salassapitoperuste,
	// henkilötietoja, säilytystapa.
	Publicity    string `json:"publicity"`
	SecrecyBasis string `json:"secrecy_basis"`
	PersonalData string `json:"personal_data"`
	Storage      string `json:"storage"`
}

// draft builds one row per (national type or annex group, task) that some
// inventory document maps to. Documents with neither a national type nor
// an annex group by name are left out: they are mapping findings first.
func (a *analysis) draft(docs []DocumentResult) *Draft {
	rows := map[string]*DraftRow{}
	var order []string
	for _, r := range docs {
		if r.Status == StatusOrganiser {
			continue // the organiser's to plan (703/2023 § 23)
		}
		d := &a.inv.Documents[r.Doc]
		id := r.Key
		if id == "" {
			if r.RuleBy != LawByName || r.Rule == nil {
				continue
			}
			id = "rule:" + r.Rule.ID
		}
		id += "\x00" + r.Task
		row := rows[id]
		if row == nil {
			row = a.newRow(r)
			rows[id] = row
			order = append(order, id)
		}
		row.LocalNames = append(row.LocalNames, ident.Redact(d.Name))
		row.Medium = mergeMedium(row.Medium, d.Medium)
		row.TaskInferred = row.TaskInferred || r.TaskInferred
		row.Findings = append(row.Findings, r.Findings...)
		if r.Status.rank() < row.Status.rank() {
			row.Status = r.Status
		}
		for _, e := range r.Entries {
			a.existing(row, e)
		}
	}
	out := &Draft{Rows: []DraftRow{}}
	for _, id := range order {
		row := rows[id]
		slices.Sort(row.LocalNames)
		row.LocalNames = slices.Compact(row.LocalNames)
		slices.Sort(row.Findings)
		row.Findings = slices.Compact(row.Findings)
		row.Plans = plansFor(row.Medium)
		out.Rows = append(out.Rows, *row)
	}
	a.sortRows(out.Rows)
	return out
}

func (a *analysis) newRow(r DocumentResult) *DraftRow {
	row := &DraftRow{ServiceTask: r.Task, Status: StatusOK, LocalNames: []string{}}
	if t := a.cat.Task(r.Task); t != nil {
		row.ServiceTaskFI, row.ServiceTaskEN = t.FI, t.EN
	}
	if dt := a.cat.ByKey(r.Key); dt != nil {
		row.Key, row.Code, row.CodeSystem, row.StructureOID = dt.Key(), dt.Code, dt.CodeSystem, dt.StructureOID
		row.NameFI, row.NameSV, row.Kind = dt.NameFI, dt.NameSV, dt.Kind
		if p := a.cat.Phase(dt.Phase); p != nil {
			row.Phase, row.PhaseFI, row.PhaseEN = p.ID, p.FI, p.EN
		}
	} else if r.Key != "" {
		row.Key, row.Code = r.Key, r.Key // not in this catalogue: keep what mapping said
	} else if r.Rule != nil {
		row.NameFI = r.Rule.Text
	}
	if law := r.Rule; law != nil {
		row.HasRule, row.Years, row.Start = true, law.Years, law.Start
		row.StartFI, row.StartEN = tos.StartLabel(law.Start)
		row.Period, row.RuleID, row.RuleText, row.RuleBy, row.Basis = law.Period, law.ID, law.Text, r.RuleBy, law.Basis
	}
	for _, a := range r.Also {
		row.Also = append(row.Also, fmt.Sprintf("%s: %s (%s)", a.Basis, a.Period, a.ID))
	}
	if full, partial := splitArchival(r.Archival); len(full)+len(partial) > 0 {
		row.Permanent = len(full) > 0
		var fi, en []string
		for _, x := range full {
			fi = append(fi, x.ID+" ("+x.Basis+"): pysyvä säilytys")
			en = append(en, x.ID+" ("+x.Basis+"): permanent")
		}
		for _, x := range partial {
			one := []sosmeta.ArchivalRule{x}
			fi = append(fi, x.ID+" ("+x.Basis+"): pysyvä säilytys "+scopeFI(one))
			en = append(en, x.ID+" ("+x.Basis+"): permanent "+scopeEN(one))
		}
		row.ArchivalFI, row.ArchivalEN = strings.Join(fi, "; "), strings.Join(en, "; ")
	}
	return row
}

// existing adds what an applicable entry says to the row's "now" columns.
func (a *analysis) existing(row *DraftRow, e tos.Entry) {
	addUnique := func(field *string, v string) {
		v = ident.Redact(strings.TrimSpace(v))
		if v == "" {
			return
		}
		for _, p := range strings.Split(*field, " | ") {
			if p == v {
				return
			}
		}
		if *field == "" {
			*field = v
		} else {
			*field += " | " + v
		}
	}
	addUnique(&row.ExistingRetention, e.RetentionRaw)
	addUnique(&row.ExistingStart, e.RetentionStart)
	addUnique(&row.ExistingBasis, e.RetentionBasis)
	if !slices.Contains(row.ExistingSources, e.Source) {
		row.ExistingSources = append(row.ExistingSources, e.Source)
	}
	fill := func(field *string, v string) {
		if *field == "" {
			*field = ident.Redact(strings.TrimSpace(v))
		}
	}
	fill(&row.Publicity, e.Publicity)
	fill(&row.SecrecyBasis, e.SecrecyBasis)
	fill(&row.PersonalData, e.PersonalData)
	fill(&row.Storage, e.Storage)
}

func mergeMedium(cur string, m inventory.Medium) string {
	el, pa := cur == "electronic" || cur == "both", cur == "paper" || cur == "both"
	el, pa = el || m.Electronic(), pa || m.Paper()
	switch {
	case el && pa:
		return "both"
	case el:
		return "electronic"
	case pa:
		return "paper"
	}
	return "unknown"
}

// plansFor: paper belongs in the AMS, electronic in the TOS; a document of
// unknown medium is taken to be electronic, as in the checks.
func plansFor(medium string) string {
	switch medium {
	case "both":
		return "TOS, AMS"
	case "paper":
		return "AMS"
	}
	return "TOS"
}

// sortRows orders by service task (catalogue order; rows for every task
// first), phase, then code (client types numerically, then groups, then
// annex groups without a type).
func (a *analysis) sortRows(rows []DraftRow) {
	taskIdx := func(id string) int {
		if id == "" {
			return -1
		}
		for i, t := range a.cat.Tasks {
			if t.ID == id {
				return i
			}
		}
		return len(a.cat.Tasks)
	}
	codeRank := func(r DraftRow) (int, string) {
		switch {
		case r.Key == "":
			return 2, textnorm.Fold(r.NameFI)
		case strings.HasPrefix(r.Key, "group:"):
			return 1, pad(r.Code)
		}
		return 0, pad(r.Code)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		x, y := rows[i], rows[j]
		if ti, tj := taskIdx(x.ServiceTask), taskIdx(y.ServiceTask); ti != tj {
			return ti < tj
		}
		if pi, pj := phaseRank(a.cat, x.Phase), phaseRank(a.cat, y.Phase); pi != pj {
			return pi < pj
		}
		ri, ci := codeRank(x)
		rj, cj := codeRank(y)
		if ri != rj {
			return ri < rj
		}
		return ci < cj
	})
}

// pad makes numeric codes sort numerically as strings.
func pad(code string) string {
	if len(code) >= 12 {
		return code
	}
	return strings.Repeat("0", 12-len(code)) + code
}

// phaseRank puts rows without a phase (annex groups) after every phase.
func phaseRank(cat *sosmeta.Catalogue, id string) int {
	if o := cat.PhaseOrder(id); o > 0 {
		return o
	}
	return len(cat.Phases) + 1
}
