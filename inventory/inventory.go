// Package inventory reads an organisation's current-state document
// inventory (the Kansa-koulu "nykytilan kartoitus" style workbook, or the
// same content as CSV) into Documents. Columns are found by header meaning,
// not position; every row becomes a Document or a rejected-row finding.
package inventory

import (
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/registers"
)

// Medium says whether a document is kept on paper, electronically or both.
type Medium string

const (
	MediumUnknown    Medium = ""
	MediumPaper      Medium = "paper"
	MediumElectronic Medium = "electronic"
	MediumBoth       Medium = "both"
)

// Paper reports whether the document exists (also) on paper.
func (m Medium) Paper() bool { return m == MediumPaper || m == MediumBoth }

// Electronic reports whether the document exists (also) electronically.
func (m Medium) Electronic() bool { return m == MediumElectronic || m == MediumBoth }

// Document is one row of the inventory: a client document the organisation
// produces today. Raw fields keep what the row said; resolved fields hold
// what the catalogue made of it (empty when it could not).
type Document struct {
	// Source is the file, sheet and row the document came from.
	Source finding.Location `json:"source"`

	// ServiceTaskRaw is the service task as written (a column or the sheet
	// name); ServiceTasks are the resolved current task IDs, default first.
	ServiceTaskRaw string   `json:"service_task_raw,omitempty"`
	ServiceTasks   []string `json:"service_tasks,omitempty"`

	// Name is the local document name.
	Name string `json:"name"`
	// NationalRaw is the national document type as written: a Sosmeta name,
	// code or OID. Mapping decides what it means.
	NationalRaw string `json:"national_raw,omitempty"`

	// PhaseRaw is the process phase as written; Phase its resolved ID.
	PhaseRaw string `json:"phase_raw,omitempty"`
	Phase    string `json:"phase,omitempty"`

	Medium    Medium `json:"medium,omitempty"`
	MediumRaw string `json:"medium_raw,omitempty"`
	System    string `json:"system,omitempty"`
	// RegisterRaw is the register as written; Register its class.
	RegisterRaw string         `json:"register_raw,omitempty"`
	Register    registers.Kind `json:"register,omitempty"`
	// BasisRaw is the processing basis as written; Basis its kind (None
	// without the column). Controller is the controller as written.
	BasisRaw   string          `json:"basis_raw,omitempty"`
	Basis      registers.Basis `json:"basis,omitempty"`
	Controller string          `json:"controller,omitempty"`

	// TOS and AMS references (row IDs, codes or "x") when the inventory
	// carries them.
	TOSRef string `json:"tos_ref,omitempty"`
	AMSRef string `json:"ams_ref,omitempty"`
	// Retention as written; RetentionYears is set when HasRetention
	// (-1 = permanent).
	RetentionRaw   string `json:"retention_raw,omitempty"`
	RetentionYears int    `json:"retention_years,omitempty"`
	HasRetention   bool   `json:"has_retention,omitempty"`
	// RetentionStart is the start event as written (laskentaperuste).
	RetentionStart string `json:"retention_start,omitempty"`

	Notes string `json:"notes,omitempty"`
}

// Task returns the default (first) resolved service task, or "".
func (d *Document) Task() string {
	if len(d.ServiceTasks) == 0 {
		return ""
	}
	return d.ServiceTasks[0]
}

// Inventory is everything read from one or more inventory files.
type Inventory struct {
	Documents []Document `json:"documents"`
	// Rejected holds one finding per row that could not become a Document.
	Rejected []finding.Finding `json:"rejected"`
	// Tallies account for every row of every sheet read.
	Tallies []finding.Tally `json:"tallies"`
	// Warnings are about rows that were read but not fully understood (an
	// unknown service task, phase, medium, retention or register, a masked
	// personal identity code) and about sheets not read.
	Warnings []finding.Finding `json:"warnings"`
	// Sheets says how each sheet (or CSV file) was understood: skipped or
	// read, header row, and what each column was taken to hold.
	Sheets []Sheet `json:"sheets"`
}
