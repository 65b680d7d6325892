package retention

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/internal/textio"
	"github.com/kartoitus/kartoitus/internal/xlsxprint"
)

// draftColumn is one column of the written draft.
type draftColumn struct {
	fi, en string
	width  float64
	value  func(r *DraftRow, l finding.Lang) string
	// blank marks the columns left for the records manager.
	blank bool
	// numeric columns are written as numbers.
	numeric bool
	// choices are a blank column's drop-down values (JHS 191 lists).
	choices []string
}

func pick(l finding.Lang, fi, en string) string {
	if l == finding.EN && en != "" {
		return en
	}
	return fi
}

// draftColumns is the draft's one layout: tos-draft.csv, `retention
// --draft` (CSV and XLSX) and the TOS draft sheet of report.xlsx all
// write these columns in this order.
var draftColumns = []draftColumn{
	{"Palvelutehtävä", "Service task", 24, func(r *DraftRow, l finding.Lang) string {
		if r.ServiceTask == "" {
			return pick(l, "kaikki palvelutehtävät", "every service task")
		}
		s := pick(l, r.ServiceTaskFI, r.ServiceTaskEN)
		if r.TaskInferred {
			s += pick(l, " (päätelty)", " (inferred)")
		}
		return s
	}, false, false, nil},
	{"Koodi", "Code", 8, func(r *DraftRow, _ finding.Lang) string { return r.Code }, false, false, nil},
	{"Koodisto", "Code system", 20, func(r *DraftRow, _ finding.Lang) string { return r.CodeSystem }, false, false, nil},
	{"Valtakunnallinen asiakirjatyyppi", "National document type", 45, func(r *DraftRow, _ finding.Lang) string { return r.NameFI }, false, false, nil},
	{"Nimi ruotsiksi", "Name in Swedish", 35, func(r *DraftRow, _ finding.Lang) string { return r.NameSV }, false, false, nil},
	{"Asiakirjan laji", "Document kind", 14, func(r *DraftRow, _ finding.Lang) string { return r.Kind }, false, false, nil},
	{"Paikalliset nimet", "Local names", 35, func(r *DraftRow, _ finding.Lang) string { return strings.Join(r.LocalNames, "; ") }, false, false, nil},
	{"Prosessin vaihe", "Process phase", 22, func(r *DraftRow, l finding.Lang) string { return pick(l, r.PhaseFI, r.PhaseEN) }, false, false, nil},
	{"Tallennusmuoto", "Medium", 12, func(r *DraftRow, l finding.Lang) string { return mediumLabel(r.Medium, l) }, false, false, nil},
	{"Suunnitelma", "Plan", 10, func(r *DraftRow, _ finding.Lang) string { return r.Plans }, false, false, nil},
	{"Säilytysaika (v, -1 = pysyvä)", "Retention (years, -1 = permanent)", 12, func(r *DraftRow, _ finding.Lang) string {
		if !r.HasRule {
			return ""
		}
		return strconv.Itoa(r.Years)
	}, false, true, nil},
	{"Säilytysajan laskentaperuste", "Retention start", 26, func(r *DraftRow, l finding.Lang) string { return pick(l, r.StartFI, r.StartEN) }, false, false, nil},
	{"Säilytysaika lain mukaan", "Period in the law (verbatim)", 45, func(r *DraftRow, _ finding.Lang) string { return r.Period }, false, false, nil},
	{"Säilytysajan peruste", "Retention basis", 30, func(r *DraftRow, _ finding.Lang) string {
		if !r.HasRule {
			return strings.Join(r.Also, "; ")
		}
		return strings.Join(append([]string{fmt.Sprintf("%s: %s (%s)", r.Basis, r.RuleText, r.RuleID)}, r.Also...), "; ")
	}, false, false, nil},
	{"Arkistointipäätös", "Archival decision", 30, func(r *DraftRow, l finding.Lang) string { return pick(l, r.ArchivalFI, r.ArchivalEN) }, false, false, nil},
	{"Nykyinen säilytysaika", "Current retention", 14, func(r *DraftRow, _ finding.Lang) string { return r.ExistingRetention }, false, false, nil},
	{"Nykyinen laskentaperuste", "Current start", 22, func(r *DraftRow, _ finding.Lang) string { return r.ExistingStart }, false, false, nil},
	{"Nykyinen peruste", "Current basis", 22, func(r *DraftRow, _ finding.Lang) string { return r.ExistingBasis }, false, false, nil},
	{"Nykyinen lähde", "Current source", 30, func(r *DraftRow, l finding.Lang) string {
		var s []string
		for _, loc := range r.ExistingSources {
			s = append(s, locationText(loc, l))
		}
		return strings.Join(s, " | ")
	}, false, false, nil},
	{"Tila", "Status", 12, func(r *DraftRow, l finding.Lang) string { return statusLabel(r.Status, l) }, false, false, nil},
	{"Havainnot", "Findings", 16, func(r *DraftRow, _ finding.Lang) string { return strings.Join(r.Findings, ", ") }, false, false, nil},
	// JHS 191 items the records manager decides.
	{"Julkisuusluokka", "Publicity class", 20, func(r *DraftRow, _ finding.Lang) string { return r.Publicity }, true, false, publicityValues},
	{"Salassapitoaika", "Secrecy period", 14, blankValue, true, false, nil},
	{"Salassapitoperuste", "Secrecy basis", 20, func(r *DraftRow, _ finding.Lang) string { return r.SecrecyBasis }, true, false, nil},
	{"Henkilötietoja", "Personal data", 22, func(r *DraftRow, _ finding.Lang) string { return r.PersonalData }, true, false, personalValues},
	{"Säilytystapa", "Storage", 18, func(r *DraftRow, _ finding.Lang) string { return r.Storage }, true, false, nil},
	{"Päätetty säilytysaika", "Decided retention", 14, blankValue, true, false, nil},
	{"Päätetyn säilytysajan peruste", "Basis of the decided retention", 22, blankValue, true, false, nil},
	{"Huomautukset", "Notes", 30, blankValue, true, false, nil},
}

func blankValue(*DraftRow, finding.Lang) string { return "" }

// DraftColumn describes one column of the draft's layout for a writer
// outside this package (the XLSX report).
type DraftColumn struct {
	Header string
	Width  float64
	// Blank columns are the records manager's to fill in; Choices their
	// drop-down values, if any.
	Blank   bool
	Numeric bool
	Choices []string
	// Status marks the column that shows the row's Status (a page
	// colours it).
	Status bool
}

// Layout returns the draft's columns in l, in the order Records fills.
func (d *Draft) Layout(l finding.Lang) []DraftColumn {
	out := make([]DraftColumn, len(draftColumns))
	for i, c := range draftColumns {
		out[i] = DraftColumn{Header: pick(l, c.fi, c.en), Width: c.width, Blank: c.blank, Numeric: c.numeric, Choices: c.choices, Status: c.en == "Status"}
	}
	return out
}

func mediumLabel(m string, l finding.Lang) string {
	switch m {
	case "electronic":
		return pick(l, "sähköinen", "electronic")
	case "paper":
		return pick(l, "paperi", "paper")
	case "both":
		return pick(l, "paperi ja sähköinen", "paper and electronic")
	}
	return pick(l, "ei tiedossa", "unknown")
}

func statusLabel(s Status, l finding.Lang) string {
	switch s {
	case StatusOK:
		return pick(l, "kunnossa", "ok")
	case StatusMissing:
		return pick(l, "puuttuu", "missing")
	case StatusDiffers:
		return pick(l, "poikkeaa", "differs")
	case StatusUnverified:
		return pick(l, "tarkistettava", "unverified")
	case StatusNoRule:
		return pick(l, "ei säilytysaikaa", "no rule")
	case StatusOrganiser:
		return pick(l, "palvelunjärjestäjän rekisterissä", "in the organiser's register")
	}
	return string(s)
}

// Header returns the draft's column headers in a language.
func (d *Draft) Header(l finding.Lang) []string {
	h := make([]string, len(draftColumns))
	for i, c := range draftColumns {
		h[i] = pick(l, c.fi, c.en)
	}
	return h
}

// Records returns the draft's rows as text, in column order.
func (d *Draft) Records(l finding.Lang) [][]string {
	out := make([][]string, len(d.Rows))
	for i := range d.Rows {
		rec := make([]string, len(draftColumns))
		for j, c := range draftColumns {
			rec[j] = c.value(&d.Rows[i], l)
		}
		out[i] = rec
	}
	return out
}

// WriteCSV writes the draft as CSV the way Finnish Excel opens it without
// an import dialog: UTF-8 with a byte-order mark and ';' between fields.
func (d *Draft) WriteCSV(w io.Writer, l finding.Lang) error {
	return d.WriteCSVIn(w, l, textio.ExcelFI)
}

// WriteCSVIn writes the draft as CSV in a dialect; the rfc4180 dialect
// has the English headers (the values stay in l).
func (d *Draft) WriteCSVIn(w io.Writer, l finding.Lang, dialect textio.Dialect) error {
	cw, err := dialect.Writer(w)
	if err != nil {
		return err
	}
	header := d.Header(l)
	if dialect.Canonical() {
		header = d.Header(finding.EN)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := cw.WriteAll(d.Records(l)); err != nil {
		return err
	}
	return cw.Error()
}

// JHS 191 value lists for the columns the records manager fills in
// (domain notes §5.2, from Helsinki's JHS 191 XSD).
var (
	publicityValues = []string{"Julkinen", "Osittain salassa pidettävä", "Salassa pidettävä", "Ei-julkinen"}
	personalValues  = []string{"Ei sisällä henkilötietoja", "Sisältää henkilötietoja", "Sisältää arkaluonteisia henkilötietoja"}
)

// WriteXLSX writes the draft as a workbook: a header row that stays in
// view, a filter, and drop-down lists from JHS 191 for the publicity and
// personal-data columns the records manager completes.
func (d *Draft) WriteXLSX(w io.Writer, l finding.Lang) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := pick(l, "TOS-luonnos", "TOS draft")
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	todo, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	// A draft is at most a few hundred rows: the ordinary API (rather than
	// a stream writer) keeps filters and validations on the same sheet.
	for i, c := range draftColumns {
		name, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, name, name, c.width); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for i, h := range d.Header(l) {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		st := head
		if draftColumns[i].blank {
			st = todo
		}
		if err := f.SetCellStr(sheet, cell, h); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cell, cell, st); err != nil {
			return err
		}
	}
	for n, rec := range d.Records(l) {
		for i, v := range rec {
			cell, _ := excelize.CoordinatesToCellName(i+1, n+2)
			var err error
			if y, convErr := strconv.Atoi(v); convErr == nil && draftColumns[i].numeric {
				err = f.SetCellInt(sheet, cell, int64(y))
			} else {
				err = f.SetCellStr(sheet, cell, v)
			}
			if err != nil {
				return err
			}
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(draftColumns), len(d.Rows)+1)
	if len(d.Rows) > 0 {
		if err := f.SetCellStyle(sheet, "A2", last, wrap); err != nil {
			return err
		}
	}
	if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return err
	}
	if len(d.Rows) > 0 {
		for i, c := range draftColumns {
			if len(c.choices) == 0 {
				continue
			}
			from, _ := excelize.CoordinatesToCellName(i+1, 2)
			to, _ := excelize.CoordinatesToCellName(i+1, len(d.Rows)+1)
			v := excelize.NewDataValidation(true)
			v.Sqref = from + ":" + to
			if err := v.SetDropList(c.choices); err != nil {
				return err
			}
			if err := f.AddDataValidation(sheet, v); err != nil {
				return err
			}
		}
	}
	if err := xlsxprint.SetupAll(f); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// locationText writes a location in the report language.
func locationText(loc finding.Location, l finding.Lang) string {
	parts := []string{}
	if loc.File != "" {
		parts = append(parts, loc.File)
	}
	if loc.Sheet != "" {
		parts = append(parts, pick(l, "välilehti ", "sheet ")+strings.TrimSpace(loc.Sheet))
	}
	if loc.Row > 0 {
		parts = append(parts, pick(l, "rivi ", "row ")+strconv.Itoa(loc.Row))
	}
	return strings.Join(parts, ", ")
}
