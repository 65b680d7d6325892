package textio

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// CSV formula injection (OWASP, "CSV Injection"): a spreadsheet opening a
// CSV runs a cell that begins with =, +, -, @ (and, in some programs, a
// tab or carriage return) as a formula. Every CSV the tool writes
// neutralises such cells with a leading apostrophe, which spreadsheets
// show as text; the tool's own CSV readers take it off again, so a file the
// tool wrote reads back unchanged.

// formulaStart reports whether a cell would be run as a formula. A lone
// "-" (the accepted-mappings file's "not a national document") and a plain
// number such as "-1" evaluate to themselves and stay as they are.
func formulaStart(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '@', '\t', '\r':
		return true
	case '+', '-':
		if len(s) == 1 {
			return false
		}
		_, err := strconv.ParseFloat(s, 64)
		return err != nil
	}
	return false
}

// NeutraliseCell returns s as a spreadsheet shows it as text. A cell that
// already begins with an apostrophe gets one more, so RestoreCell gives
// back exactly s.
func NeutraliseCell(s string) string {
	if formulaStart(s) || strings.HasPrefix(s, "'") {
		return "'" + s
	}
	return s
}

// RestoreCell undoes NeutraliseCell.
func RestoreCell(s string) string {
	if len(s) > 1 && s[0] == '\'' && (formulaStart(s[1:]) || s[1] == '\'') {
		return s[1:]
	}
	return s
}

// RestoreRecord applies RestoreCell to every cell of a record in place.
func RestoreRecord(rec []string) []string {
	for i, c := range rec {
		if len(c) > 1 && c[0] == '\'' {
			rec[i] = RestoreCell(c)
		}
	}
	return rec
}

// CSVWriter is csv.Writer with every cell neutralised: the one CSV writer
// of every report and template the tool writes.
type CSVWriter struct {
	*csv.Writer
	cells []string
}

// NewCSVWriter returns a CSVWriter with the given delimiter (0 = ',').
func NewCSVWriter(w io.Writer, comma rune) *CSVWriter {
	cw := csv.NewWriter(w)
	if comma != 0 {
		cw.Comma = comma
	}
	return &CSVWriter{Writer: cw}
}

// Write writes one record, neutralised.
func (w *CSVWriter) Write(rec []string) error {
	w.cells = w.cells[:0]
	for _, c := range rec {
		w.cells = append(w.cells, NeutraliseCell(c))
	}
	return w.Writer.Write(w.cells)
}

// WriteAll writes records and flushes.
func (w *CSVWriter) WriteAll(recs [][]string) error {
	for _, r := range recs {
		if err := w.Write(r); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

// HasFormulaStart reports whether any cell would run as a formula: for
// tests of writers.
func HasFormulaStart(rec []string) bool {
	for _, c := range rec {
		if formulaStart(strings.TrimLeft(c, " ")) && !strings.HasPrefix(c, "'") {
			return true
		}
	}
	return false
}
