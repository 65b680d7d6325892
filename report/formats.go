package report

import (
	"fmt"
	"strings"
)

// Format is one output format: a findings writer, a whole-assessment
// writer, or both. Formats is the one table behind every --format flag and
// its help text: a new format is its writer's file plus one row here.
type Format struct {
	Name string
	// Doc is the one-line help text.
	Doc string
	// Ext is the file name extension of the format.
	Ext        string
	Findings   Reporter
	Assessment AssessmentWriter
}

// Formats lists the output formats in help order.
var Formats = []Format{
	{Name: "table", Doc: "console table: inputs, rules, findings", Ext: ".txt", Findings: Table{}, Assessment: Console{}},
	{Name: "json", Doc: "findings.json (schema " + SchemaVersion + ")", Ext: ".json", Findings: JSON{}},
	{Name: "csv", Doc: "one finding per row", Ext: ".csv", Findings: CSV{}},
	{Name: "junit", Doc: "JUnit XML for CI test views", Ext: ".xml", Findings: JUnit{}},
	{Name: "html", Doc: "self-contained HTML page", Ext: ".html", Findings: HTML{}, Assessment: HTML{}},
	{Name: "xlsx", Doc: "Excel workbook", Ext: ".xlsx", Findings: XLSX{}, Assessment: XLSX{}},
}

// FormatKind selects findings or whole-assessment formats.
type FormatKind int

const (
	FindingsFormats FormatKind = iota
	AssessmentFormats
)

func (f Format) is(k FormatKind) bool {
	if k == AssessmentFormats {
		return f.Assessment != nil
	}
	return f.Findings != nil
}

// FormatNames lists the names of the formats of a kind, for help text.
func FormatNames(k FormatKind) []string {
	var out []string
	for _, f := range Formats {
		if f.is(k) {
			out = append(out, f.Name)
		}
	}
	return out
}

// FormatHelp is the --format help text for a kind: "table, json, …".
func FormatHelp(k FormatKind) string { return strings.Join(FormatNames(k), ", ") }

// LookupFormat returns the format of a kind by name (case-insensitive).
func LookupFormat(name string, k FormatKind) (Format, error) {
	for _, f := range Formats {
		if strings.EqualFold(f.Name, name) && f.is(k) {
			return f, nil
		}
	}
	return Format{}, fmt.Errorf("unknown format %q (want one of %s)", name, FormatHelp(k))
}

// ByName returns the findings reporter for a --format value.
func ByName(name string) (Reporter, error) {
	f, err := LookupFormat(name, FindingsFormats)
	if err != nil {
		return nil, err
	}
	return f.Findings, nil
}
