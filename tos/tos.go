// Package tos reads an organisation's records-management plans: the TOS
// (tiedonohjaussuunnitelma, electronic records) and the AMS
// (arkistonmuodostussuunnitelma, paper records), whether as columns of the
// inventory, a separate CSV/XLSX, or the Helsinki JHS 191 workbook layout.
package tos

import "github.com/kartoitus/kartoitus/finding"

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

	// DocumentRaw is the document type (JHS 191 7.1) and Name its
	// specifier (7.2 tarkenne) or local name.
	DocumentRaw string `json:"document_raw,omitempty"`
	Name        string `json:"name,omitempty"`
	// Code is the national document type when the row names one.
	Code string `json:"code,omitempty"`

	// Retention: years (-1 permanent) when HasRetention; raw text otherwise.
	RetentionRaw   string `json:"retention_raw,omitempty"`
	RetentionYears int    `json:"retention_years,omitempty"`
	HasRetention   bool   `json:"has_retention,omitempty"`
	// RetentionBasis is 7.11 Säilytysajan peruste; RetentionStart 7.12
	// Säilytysajan laskentaperuste.
	RetentionBasis string `json:"retention_basis,omitempty"`
	RetentionStart string `json:"retention_start,omitempty"`
	// Digitisation records a paper document's digitisation decision.
	Digitisation string `json:"digitisation,omitempty"`
	System       string `json:"system,omitempty"`
}

// Plan is everything read from the TOS/AMS inputs.
type Plan struct {
	Entries  []Entry           `json:"entries"`
	Rejected []finding.Finding `json:"rejected"`
	Tallies  []finding.Tally   `json:"tallies"`
}
