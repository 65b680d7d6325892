// Package xlsxprint gives the workbooks the tool writes a print setup, so
// a sheet printed from Excel comes out readable: landscape when the sheet
// is wide, scaled to one page wide (as many pages tall as it takes), and
// the header row repeated on every page.
package xlsxprint

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// WideColumns is the column count above which a sheet prints landscape.
const WideColumns = 6

// Setup sets the print layout of one sheet with cols columns. A streamed
// sheet must get it before its stream writer is created: the writer
// copies the sheet properties (fit to page) when it starts.
func Setup(f *excelize.File, sheet string, cols int) error {
	orient := "portrait"
	if cols > WideColumns {
		orient = "landscape"
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return fmt.Errorf("print setup of sheet %q: %w", sheet, err)
	}
	// Zero pages tall means "as many as needed": only the width is fitted.
	wide, tall := 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &orient, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return fmt.Errorf("print setup of sheet %q: %w", sheet, err)
	}
	err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet, RefersTo: titleRef(sheet)})
	if err != nil && err != excelize.ErrDefinedNameDuplicate {
		return fmt.Errorf("print titles of sheet %q: %w", sheet, err)
	}
	return nil
}

// SetupAll sets up every sheet of a workbook written cell by cell, taking
// each sheet's width from its widest row; a sheet that already has print
// titles was set up by its writer and is left as it is. Streamed sheets
// should use Setup instead (reading them back re-parses the whole sheet).
func SetupAll(f *excelize.File) error {
	done := titles(f)
	for _, sheet := range f.GetSheetList() {
		if done[sheet] != "" {
			continue
		}
		rows, err := f.GetRows(sheet)
		if err != nil {
			return fmt.Errorf("print setup of sheet %q: %w", sheet, err)
		}
		cols := 0
		for _, r := range rows {
			cols = max(cols, len(r))
		}
		if err := Setup(f, sheet, cols); err != nil {
			return err
		}
	}
	return nil
}

// titleRef is the first row of sheet as a print-titles reference.
func titleRef(sheet string) string {
	return "'" + strings.ReplaceAll(sheet, "'", "''") + "'!$1:$1"
}

// titles maps each sheet to its print-titles reference.
func titles(f *excelize.File) map[string]string {
	out := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			out[dn.Scope] = dn.RefersTo
		}
	}
	return out
}

// Check reports the first sheet of f without the print setup: fit to one
// page wide, landscape when wider than WideColumns columns, and the header row as print titles. Tests call it on every
// workbook the tool writes.
func Check(f *excelize.File) error {
	titles := titles(f)
	for _, sheet := range f.GetSheetList() {
		props, err := f.GetSheetProps(sheet)
		if err != nil {
			return err
		}
		if props.FitToPage == nil || !*props.FitToPage {
			return fmt.Errorf("sheet %q: not fitted to the page", sheet)
		}
		pl, err := f.GetPageLayout(sheet)
		if err != nil {
			return err
		}
		if pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 0 {
			return fmt.Errorf("sheet %q: not fitted to one page wide", sheet)
		}
		rows, err := f.GetRows(sheet)
		if err != nil {
			return err
		}
		cols := 0
		for _, r := range rows {
			cols = max(cols, len(r))
		}
		if cols > WideColumns && (pl.Orientation == nil || *pl.Orientation != "landscape") {
			return fmt.Errorf("sheet %q (%d columns): orientation %v", sheet, cols, pl.Orientation)
		}
		if got := titles[sheet]; got != titleRef(sheet) {
			return fmt.Errorf("sheet %q: print titles %q, want %q", sheet, got, titleRef(sheet))
		}
	}
	return nil
}
