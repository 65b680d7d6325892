package inventory

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/internal/xlsxguard"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// ReadXLSX reads an inventory workbook. Each sheet is streamed with
// excelize's row iterator; merged cells are filled in, so a merged header
// or a service task merged down a block of rows reads as if written out.
// Instruction and value-list sheets (Ohjeet, Täyttöohje, Koodistot, …) are
// skipped by name and reported in Sheets.
func ReadXLSX(r io.Reader, name string, cat *sosmeta.Catalogue, opts Options) (inv *Inventory, err error) {
	defer func() {
		// excelize can panic on malformed parts; a bad file is bad input,
		// not a crash.
		if v := recover(); v != nil {
			inv, err = nil, fmt.Errorf("%w: %s: the workbook is damaged and could not be read (%v)", kartoitus.ErrUnreadable, name, v)
		}
	}()
	// The limits every XLSX reader shares (internal/xlsxguard).
	data, err := xlsxguard.ReadAll(r, name)
	if err != nil {
		return nil, err
	}
	merges, mergeErr := scanMerges(data)
	if mergeErr != nil {
		merges = nil // readSheet asks excelize instead
	}
	f, err := xlsxguard.OpenBytes(data, name, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	defer f.Close()
	inv = &Inventory{}
	sheets := f.GetSheetList()
	for _, sheet := range sheets {
		switch {
		case !opts.sheetWanted(sheet):
			inv.Sheets = append(inv.Sheets, Sheet{File: name, Name: sheet, Status: SheetFiltered})
			continue
		case isInstructionSheet(sheet):
			inv.Sheets = append(inv.Sheets, Sheet{File: name, Name: sheet, Status: SheetInstructions})
			continue
		}
		refs, ok := merges[sheet]
		if err := readSheet(f, inv, name, sheet, refs, ok, cat, &opts); err != nil {
			return inv, unreadable(name, fmt.Errorf("sheet %q: %v", sheet, err))
		}
	}
	if len(opts.Sheets) > 0 {
		if missing := missingSheets(opts.Sheets, sheets); len(missing) > 0 {
			return inv, fmt.Errorf("%w: %s has no sheet %s (sheets: %s)", kartoitus.ErrUsage, name,
				strings.Join(missing, ", "), strings.Join(sheets, ", "))
		}
	}
	return inv, checkRecognised(inv, name)
}

// readSheet streams one sheet. refs are its merged ranges when scanMerges
// found them (haveRefs); otherwise excelize is asked.
func readSheet(f *excelize.File, inv *Inventory, name, sheet string, refs []string, haveRefs bool, cat *sosmeta.Catalogue, opts *Options) error {
	// Rows first, then any GetMergeCells: the iterator has already taken
	// the sheet's XML, so loading the sheet for its merges does not make
	// the iterator re-serialise it.
	rows, err := f.Rows(sheet)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !haveRefs {
		mcs, err := f.GetMergeCells(sheet, true)
		if err != nil {
			return err
		}
		for _, mc := range mcs {
			if len(mc) > 0 {
				refs = append(refs, mc[0])
			}
		}
	}
	merges := newMergeIndex(refs)
	p := newSheetReader(cat, opts, inv, name, sheet, sheet)
	num := 0
	for rows.Next() {
		num++
		cells, err := rows.Columns()
		if err != nil {
			return fmt.Errorf("row %d: %v", num, err)
		}
		cells, hm := merges.apply(num, cells)
		p.row(num, cells, hm)
	}
	if err := rows.Error(); err != nil {
		return err
	}
	p.finish()
	return nil
}

func missingSheets(want, have []string) []string {
	o := Options{Sheets: have}
	var out []string
	for _, w := range want {
		if !o.sheetWanted(w) {
			out = append(out, fmt.Sprintf("%q", w))
		}
	}
	return out
}

// mergeRange is one merged area, 1-based and inclusive.
type mergeRange struct {
	c1, r1, c2, r2 int
	value          string
}

// mergeIndex fills merged areas as rows stream past. A value merged down
// a block of rows (a service task written once for its documents, or a
// header spanning two header rows) is copied into the first column of the
// rows below. A value merged across columns stays in its first cell, as
// Excel shows it: a title or section heading across the sheet is one
// value, not one per column; the header finder sees the span in the flags
// and reads it as a column group.
type mergeIndex struct {
	pending []mergeRange // sorted by first row
	next    int
	active  []*mergeRange
	flags   []mergeFlag
}

func newMergeIndex(refs []string) *mergeIndex {
	mi := &mergeIndex{}
	for _, ref := range refs {
		a, b, ok := strings.Cut(ref, ":")
		if !ok {
			continue
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(a)
		c2, r2, err2 := excelize.CellNameToCoordinates(b)
		if err1 != nil || err2 != nil {
			continue
		}
		if c1 > c2 {
			c1, c2 = c2, c1
		}
		if r1 > r2 {
			r1, r2 = r2, r1
		}
		if c1 > maxCols {
			continue
		}
		mi.pending = append(mi.pending, mergeRange{c1: c1, r1: r1, c2: min(c2, maxCols), r2: r2})
	}
	sort.Slice(mi.pending, func(i, j int) bool { return mi.pending[i].r1 < mi.pending[j].r1 })
	return mi
}

// apply fills row num's cells merged down from above and flags every
// merged cell. The returned flags are reused between calls.
func (mi *mergeIndex) apply(num int, cells []string) ([]string, []mergeFlag) {
	for mi.next < len(mi.pending) && mi.pending[mi.next].r1 <= num {
		m := &mi.pending[mi.next]
		mi.next++
		if m.r1 == num && m.c1-1 < len(cells) {
			m.value = cells[m.c1-1]
		}
		mi.active = append(mi.active, m)
	}
	if len(mi.active) == 0 {
		return cells, nil
	}
	keep := mi.active[:0]
	for _, m := range mi.active {
		if m.r2 >= num {
			keep = append(keep, m)
		}
	}
	mi.active = keep
	if len(mi.active) == 0 {
		return cells, nil
	}
	mi.flags = mi.flags[:0]
	for _, m := range mi.active {
		for len(mi.flags) < m.c2 {
			mi.flags = append(mi.flags, 0)
		}
		for c := m.c1; c <= m.c2; c++ {
			if m.c2 > m.c1 {
				mi.flags[c-1] |= mergedAcross
			}
			if num > m.r1 {
				mi.flags[c-1] |= mergedDown
			}
		}
		if num == m.r1 || m.value == "" {
			continue
		}
		for len(cells) < m.c1 {
			cells = append(cells, "")
		}
		if cells[m.c1-1] == "" {
			cells[m.c1-1] = m.value
		}
	}
	return cells, mi.flags
}
