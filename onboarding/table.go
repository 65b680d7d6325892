package onboarding

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/calendar"
	"github.com/kartoitus/kartoitus/ident"
	"github.com/kartoitus/kartoitus/internal/textio"
	"github.com/kartoitus/kartoitus/internal/textnorm"
)

// Limits keep a hostile workbook or CSV from exhausting memory: a status
// file has a few dozen rows and a staff list a few thousand.
const (
	maxRows        = 100_000
	maxCols        = 64
	unzipLimit     = 64 << 20
	unzipXMLLimit  = 32 << 20
	headerScanRows = 10
)

// table is one sheet or CSV file as rows of cells; row i is line/row
// first+i in the source.
type table struct {
	file, sheet string
	rows        [][]string
	first       int
}

// column is one known column: a key and the folded headers that name it.
type column struct {
	key      string
	synonyms []string
}

// header is a table's recognised header row.
type header struct {
	row int            // index into table.rows
	col map[string]int // key → cell index
}

// findHeader looks in the first rows for one that names every needed key.
func findHeader(t table, cols []column, need ...string) (header, bool) {
	want := map[string]string{}
	for _, c := range cols {
		for _, s := range c.synonyms {
			want[textnorm.FoldHeader(s)] = c.key
		}
	}
	for i := 0; i < len(t.rows) && i < headerScanRows; i++ {
		h := header{row: i, col: map[string]int{}}
		for j, cell := range t.rows[i] {
			if k, ok := want[textnorm.FoldHeader(cell)]; ok {
				if _, dup := h.col[k]; !dup {
					h.col[k] = j
				}
			}
		}
		ok := true
		for _, k := range need {
			if _, has := h.col[k]; !has {
				ok = false
			}
		}
		if ok {
			return h, true
		}
	}
	return header{}, false
}

// cell returns the trimmed value of key in row, "" when absent.
func (h header) cell(row []string, key string) string {
	j, ok := h.col[key]
	if !ok || j >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[j])
}

// blank reports whether every cell of row is empty.
func blank(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// headersSeen lists a table's first non-blank row, for "not recognised"
// errors (redacted: a header may be anything).
func headersSeen(t table) string {
	for i := 0; i < len(t.rows) && i < headerScanRows; i++ {
		if !blank(t.rows[i]) {
			var cells []string
			for _, c := range t.rows[i] {
				if c = strings.TrimSpace(c); c != "" {
					cells = append(cells, strconv.Quote(ident.Redact(c)))
				}
				if len(cells) == 12 {
					cells = append(cells, "…")
					break
				}
			}
			return strings.Join(cells, ", ")
		}
	}
	return "(no cells)"
}

// readCSV reads delimited text as Finnish offices write it (textio).
func readCSV(name string, r io.Reader) (table, error) {
	tr := textio.Open(r)
	cr := csv.NewReader(tr)
	cr.Comma = tr.Delimiter
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = false
	t := table{file: name, first: 1}
	line := 1
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			// A broken quote would swallow rows: refuse the file rather
			// than lose them.
			return t, fmt.Errorf("%w: %s: %v", kartoitus.ErrUnreadable, name, ident.Redact(err.Error()))
		}
		start, _ := cr.FieldPos(0)
		for line < start {
			// Lines the CSV reader skipped (blank lines) keep numbering right.
			t.rows = append(t.rows, nil)
			line++
		}
		t.rows = append(t.rows, rec)
		line++
		if len(t.rows) > maxRows {
			return t, fmt.Errorf("%w: %s: more than %d rows", kartoitus.ErrUnreadable, name, maxRows)
		}
	}
	return t, nil
}

// openXLSX opens a workbook with size limits.
func openXLSX(name string, r io.Reader) (*excelize.File, error) {
	f, err := excelize.OpenReader(r, excelize.Options{UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipXMLLimit})
	if err != nil {
		return nil, fmt.Errorf("%w: %s: not a readable .xlsx workbook: %v", kartoitus.ErrUnreadable, name, ident.Redact(err.Error()))
	}
	return f, nil
}

// xlsxTables returns every sheet of a workbook as raw cell values (dates
// as serial numbers, so they are read without guessing a display format).
// It streams rows, as the inventory reader does, so a sheet claiming a
// huge extent costs what it holds; rows past maxRows are an error, cells
// past maxCols are dropped (no column of ours is that far right).
func xlsxTables(name string, f *excelize.File) ([]table, error) {
	var out []table
	for _, sh := range f.GetSheetList() {
		t := table{file: name, sheet: sh, first: 1}
		rows, err := f.Rows(sh)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: sheet %q: %v", kartoitus.ErrUnreadable, name, ident.Redact(sh), ident.Redact(err.Error()))
		}
		for rows.Next() {
			if len(t.rows) == maxRows {
				rows.Close()
				return nil, fmt.Errorf("%w: %s: sheet %q has more than %d rows", kartoitus.ErrUnreadable, name, ident.Redact(sh), maxRows)
			}
			cells, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("%w: %s: sheet %q row %d: %v", kartoitus.ErrUnreadable, name, ident.Redact(sh), len(t.rows)+1, ident.Redact(err.Error()))
			}
			if len(cells) > maxCols {
				cells = cells[:maxCols]
			}
			t.rows = append(t.rows, cells)
		}
		err = rows.Error()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("%w: %s: sheet %q: %v", kartoitus.ErrUnreadable, name, ident.Redact(sh), ident.Redact(err.Error()))
		}
		out = append(out, t)
	}
	return out, nil
}

// parseDate reads d.m.yyyy, YYYY-MM-DD or an Excel serial date, within
// years 2000–2100 (anything else is a typo for an onboarding project).
func parseDate(s string) (calendar.Day, error) {
	s = strings.TrimSpace(s)
	var d calendar.Day
	if f, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "-") {
		if f < 1 || f > 2958465 {
			return d, fmt.Errorf("%q is not a date", s)
		}
		t, err := excelize.ExcelDateToTime(f, false)
		if err != nil {
			return d, fmt.Errorf("%q is not a date", s)
		}
		d = calendar.Of(t)
	} else {
		v, err := calendar.Parse(s)
		if err != nil {
			return d, err
		}
		d = v
	}
	if d.Year < 2000 || d.Year > 2100 {
		return calendar.Day{}, fmt.Errorf("%s is outside the years 2000–2100", d.Finnish())
	}
	return d, nil
}

// yesNo reads kyllä/ei and their usual spellings; ok is false for a value
// that is neither, set is false for an empty cell.
func yesNo(s string) (v, set, ok bool) {
	switch textnorm.Fold(s) {
	case "":
		return false, false, true
	case "kylla", "k", "x", "yes", "y", "true", "1", "on", "ja", "rekisteroity", "registered":
		return true, true, true
	case "ei", "e", "no", "n", "false", "0", "nej":
		return false, true, true
	}
	if strings.TrimSpace(s) == "✓" || strings.TrimSpace(s) == "✔" {
		return true, true, true
	}
	return false, true, false
}
