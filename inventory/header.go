package inventory

import (
	"github.com/kartoitus/kartoitus/internal/textnorm"
)

// findHeader picks the header among the first rows of a sheet: the row
// (or pair of adjacent rows) whose cells name the most inventory fields.
// Rows above it are a title block. It returns nil when no row names at
// least two fields.
//
// A pair of rows is a grouped header ("Tallennusmuoto" over "Paperi" and
// "Sähköinen") and is taken only when it names more fields than either
// row alone (or merged cells tie the rows together), its lower row holds
// real sub-headers, and nothing sits under the upper row's own headers,
// so that a data row under a one-row header is never swallowed.
func findHeader(buf []rawRow, m *Mapping) *header {
	var (
		best      []Column
		bestFirst rawRow
		bestLast  rawRow
		bestScore int
	)
	singles := make([][]Column, len(buf))
	for i, r := range buf {
		singles[i] = singleRowColumns(r, m)
	}
	for i, r := range buf {
		one := singles[i]
		s1 := score(one)
		if s1 > bestScore {
			best, bestFirst, bestLast, bestScore = one, r, r, s1
		}
		if i+1 >= len(buf) || buf[i+1].seq != r.seq+1 {
			continue
		}
		sub := buf[i+1]
		two, subHeaders, conflicts := twoRowColumns(r, sub, m)
		s2 := score(two)
		sSub := score(singles[i+1])
		better := s2 > bestScore && s2 > s1 && s2 > sSub
		// Rows joined by merged cells are one header even when the lower
		// row, filled from the merges, names as many fields on its own.
		joined := sub.mergedFromAbove() && s2 >= bestScore && s2 >= s1 && s2 >= sSub
		if (better || joined) && conflicts == 0 && subHeaders >= minSubHeaders(r) {
			best, bestFirst, bestLast, bestScore = two, r, sub, s2
		}
	}
	if best == nil || !acceptable(best) {
		return nil
	}
	return newHeader(best, bestFirst, bestLast)
}

// minSubHeaders is how many cells of the lower row must be sub-headers in
// their own right: one when the upper row has a merged group cell (the
// workbook itself says the rows belong together), two otherwise.
func minSubHeaders(top rawRow) int {
	for i := range top.merges {
		if top.merged(i) {
			return 1
		}
	}
	return 2
}

// score ranks header candidates: distinct fields, with the document name
// or national type counting extra since a header without either cannot
// give documents.
func score(cols []Column) int {
	seen := map[Field]bool{}
	key := false
	for _, c := range cols {
		if c.Field == FieldNone || c.Field == FieldIgnore {
			continue
		}
		seen[c.Field] = true
		if c.Field == FieldName || c.Field == FieldNational {
			key = true
		}
	}
	s := 2 * len(seen)
	if key {
		s++
	}
	return s
}

// acceptable: at least two fields. One is not enough: "Nimi" heads
// every contact list.
func acceptable(cols []Column) bool { return score(cols) >= 4 }

func singleRowColumns(r rawRow, m *Mapping) []Column {
	cols := make([]Column, len(r.cells))
	for i, c := range r.cells {
		cols[i] = Column{Index: i, Letter: columnLetter(i), Header: c}
		if c != "" {
			cols[i].Field, cols[i].Via = matchHeader(c, m)
		}
	}
	return cols
}

// twoRowColumns reads a grouped header. A column's group is its upper
// cell when that cell spans several columns (a merged cell, the same text
// repeated, or blanks to its right over sub-headers, as a CSV export of a
// merged cell gives); its sub-header is the lower cell. A column whose
// upper cell is its own keeps that header. It also returns how many lower
// cells were exact sub-headers, and how many lower cells sit under a
// header of their own: in a real grouped header those are empty (or the
// same text, merged down), while a data row below a one-row header has
// values there, so any conflict means the rows are not one header.
func twoRowColumns(top, sub rawRow, m *Mapping) ([]Column, int, int) {
	n := max(len(top.cells), len(sub.cells))
	cols := make([]Column, n)
	subHeaders, conflicts := 0, 0
	carried := ""
	for i := 0; i < n; i++ {
		t, s := top.cell(i), sub.cell(i)
		if s == t {
			s = "" // a vertical merge filled into both rows
		}
		col := Column{Index: i, Letter: columnLetter(i)}
		group := ""
		switch {
		case t != "" && spansColumns(top, sub, i):
			group = t
			carried = t
		case t == "" && s != "" && carried != "":
			group = carried
		default:
			carried = ""
			if t != "" && top.merged(i) {
				carried = t
			}
		}
		switch {
		case group != "" && s != "":
			col.Header = group + " / " + s
			if f, via := exactHeader(group+" "+s, m); f != FieldNone {
				col.Field, col.Via = f, via
				subHeaders++
			} else if f, via := exactHeader(s, m); f != FieldNone {
				col.Field, col.Via = f, via
				subHeaders++
			} else if f, via := matchHeader(s, m); f != FieldNone {
				col.Field, col.Via = f, via
			} else {
				col.Field, col.Via = matchHeader(group, m)
			}
		case t != "":
			col.Header = t
			col.Field, col.Via = matchHeader(t, m)
			if s != "" {
				conflicts++
			}
		case s != "":
			// Header only in the lower row: a column the group row leaves
			// blank.
			col.Header = s
			col.Field, col.Via = matchHeader(s, m)
		}
		cols[i] = col
	}
	return cols, subHeaders, conflicts
}

// spansColumns reports whether the upper cell at i heads several columns.
func spansColumns(top, sub rawRow, i int) bool {
	t := top.cell(i)
	if top.merged(i) {
		return true
	}
	if i > 0 && top.cell(i-1) == t {
		return true
	}
	if i+1 < max(len(top.cells), len(sub.cells)) {
		if top.cell(i+1) == t {
			return true
		}
		if top.cell(i+1) == "" && sub.cell(i+1) != "" && sub.cell(i) != "" && sub.cell(i) != t {
			return true
		}
	}
	return false
}

func newHeader(cols []Column, first, last rawRow) *header {
	h := &header{first: first.num, firstSeq: first.seq, lastSeq: last.seq, cols: cols, byField: map[Field][]int{}, folded: make([]string, len(cols))}
	for i := range cols {
		f := cols[i].Field
		h.folded[i] = textnorm.Fold(cols[i].Header)
		if f == FieldNone {
			continue
		}
		if len(h.byField[f]) > 0 && f != FieldNotes && f != FieldIgnore {
			cols[i].Duplicate = true
		}
		h.byField[f] = append(h.byField[f], i)
	}
	// Trailing columns without a header carry nothing to report.
	for len(h.cols) > 0 && h.cols[len(h.cols)-1].Header == "" {
		h.cols = h.cols[:len(h.cols)-1]
	}
	return h
}
