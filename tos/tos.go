// Package tos reads an organisation's records-management plans: the TOS
// (tiedonohjaussuunnitelma, electronic records) and the AMS
// (arkistonmuodostussuunnitelma, paper records), whether as columns of the
// inventory, a separate CSV/XLSX, the Helsinki JHS 191 workbook layout, or
// JHS 191 TOS XML; and writes JHS 191 TOS XML.
package tos

import (
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// PlanKind distinguishes TOS (electronic) from AMS (paper) entries.
type PlanKind string

const (
	TOS PlanKind = "tos"
	AMS PlanKind = "ams"
)

// Entry is one document-level row of a TOS or AMS.
type Entry struct {
	Source finding.Location `json:"source"`
	Kind   PlanKind         `json:"kind"`

	// Class is the task class code (tehtäväluokka, e.g. "05 02 03") and
	// ServiceTaskRaw its name or the service task as written.
	Class          string   `json:"class,omitempty"`
	ServiceTaskRaw string   `json:"service_task_raw,omitempty"`
	ServiceTasks   []string `json:"service_tasks,omitempty"`
	// TasksInferred is true when ServiceTasks come from the built-in
	// Helsinki class → service task table rather than a name the catalogue
	// knows.
	TasksInferred bool `json:"tasks_inferred,omitempty"`

	// DocumentRaw is the document type (JHS 191 7.1) and Name its
	// specifier (7.2 tarkenne) or local name.
	DocumentRaw string `json:"document_raw,omitempty"`
	Name        string `json:"name,omitempty"`
	// Code is the national document type (catalogue key) when the row names
	// one by code, OID or exact national name.
	Code string `json:"code,omitempty"`
	// Attachment marks Helsinki "Asiakirjan liitteen metatiedot" rows;
	// Parent is then the document the attachment belongs to.
	Attachment bool   `json:"attachment,omitempty"`
	Parent     string `json:"parent,omitempty"`
	// Phase and Action are the Helsinki workbook's käsittelyvaihe and
	// toimenpide the row sits under.
	Phase  string `json:"phase,omitempty"`
	Action string `json:"action,omitempty"`

	// Retention: years (-1 permanent) when HasRetention; raw text otherwise.
	RetentionRaw   string `json:"retention_raw,omitempty"`
	RetentionYears int    `json:"retention_years,omitempty"`
	HasRetention   bool   `json:"has_retention,omitempty"`
	// RetentionColumn is the header of the column the period came from.
	RetentionColumn string `json:"retention_column,omitempty"`
	// RetentionFromProcess is true when the row left the period empty and
	// it was taken from the process level ("Asian metatiedot", JHS 191 5.8).
	RetentionFromProcess bool `json:"retention_from_process,omitempty"`
	// RetentionBasis is 7.11 Säilytysajan peruste; RetentionStart 7.12
	// Säilytysajan laskentaperuste, and Start what it was understood as
	// ("" when empty or not understood).
	RetentionBasis string             `json:"retention_basis,omitempty"`
	RetentionStart string             `json:"retention_start,omitempty"`
	Start          sosmeta.StartEvent `json:"start,omitempty"`
	// StartColumn is the header of the column the start event came from.
	StartColumn string `json:"start_column,omitempty"`
	// Digitisation records a paper document's digitisation decision.
	Digitisation string `json:"digitisation,omitempty"`
	System       string `json:"system,omitempty"`

	// Publicity (julkisuusluokka), SecrecyBasis (salassapitoperuste),
	// PersonalData (henkilötietoluonne) and Storage (säilytystapa or paper
	// storage order) as written; the TOS draft carries them over.
	Publicity    string `json:"publicity,omitempty"`
	SecrecyBasis string `json:"secrecy_basis,omitempty"`
	PersonalData string `json:"personal_data,omitempty"`
	Storage      string `json:"storage,omitempty"`
}

// Plan is everything read from the TOS/AMS inputs.
type Plan struct {
	Entries  []Entry           `json:"entries"`
	Rejected []finding.Finding `json:"rejected"`
	// Notes are findings about rows that were accepted but had a cell the
	// reader could not use (an unknown code, an unused column).
	Notes   []finding.Finding `json:"notes,omitempty"`
	Tallies []finding.Tally   `json:"tallies"`
}

// Merge appends another plan's entries, findings and tallies.
func (p *Plan) Merge(q *Plan) {
	if q == nil {
		return
	}
	p.Entries = append(p.Entries, q.Entries...)
	p.Rejected = append(p.Rejected, q.Rejected...)
	p.Notes = append(p.Notes, q.Notes...)
	p.Tallies = append(p.Tallies, q.Tallies...)
}
