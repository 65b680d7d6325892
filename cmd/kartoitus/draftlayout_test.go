package main

import (
	"encoding/csv"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestAssessDraftOneLayout: the TOS draft has one layout, so the TOS draft
// sheet of report.xlsx holds what tos-draft.csv holds, column for column.
func TestAssessDraftOneLayout(t *testing.T) {
	_, out := assessSamples(t)
	b, err := os.ReadFile(filepath.Join(out, "tos-draft.csv"))
	if err != nil {
		t.Fatal(err)
	}
	cr := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff")))
	cr.Comma = ';'
	want, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(filepath.Join(out, "report.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := f.GetRows("TOS-luonnos")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || len(want) < 10 {
		t.Fatalf("the sheet has %d rows, the CSV %d", len(got), len(want))
	}
	for i := range want {
		row := got[i]
		for len(row) < len(want[i]) {
			row = append(row, "") // the sheet's rows end at their last value
		}
		if !slices.Equal(row, want[i]) {
			t.Errorf("row %d:\nsheet %q\ncsv   %q", i+1, row, want[i])
		}
	}

	// The page's TOS draft is a subset of the same columns in the same
	// order, row for row: the columns to fill in are left out and those
	// with one value on every row are stated above the table.
	page, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	tbl := string(page)[strings.Index(string(page), `id="tbl-tos"`):]
	tbl = tbl[:strings.Index(tbl, "</table>")]
	cell := regexp.MustCompile(`<t[hd][^>]*>(?:<(?:button|span)[^>]*>)?([^<]*)`)
	// The status column is coloured by the row's status.
	if !strings.Contains(tbl, `<span class="status-missing">`) {
		t.Error("the page's draft does not mark a missing row's status")
	}
	var rows [][]string
	for _, tr := range strings.Split(tbl, "<tr")[1:] {
		var r []string
		for _, m := range cell.FindAllStringSubmatch(tr, -1) {
			r = append(r, html.UnescapeString(m[1]))
		}
		rows = append(rows, r)
	}
	if len(rows) != len(want) {
		t.Fatalf("the page's draft has %d rows, the CSV %d", len(rows), len(want))
	}
	var cols []int // the CSV column of each page column
	for _, h := range rows[0] {
		j := slices.Index(want[0], h)
		if j < 0 || (len(cols) > 0 && j <= cols[len(cols)-1]) {
			t.Fatalf("page column %q is not in the CSV layout after %v: page %q\ncsv %q", h, cols, rows[0], want[0])
		}
		cols = append(cols, j)
	}
	if len(cols) < 15 {
		t.Errorf("the page shows %d of the layout's columns: %q", len(cols), rows[0])
	}
	for i := 1; i < len(rows); i++ {
		for k, j := range cols {
			if rows[i][k] != want[i][j] {
				t.Errorf("page row %d, %s: %q, csv %q", i, want[0][j], rows[i][k], want[i][j])
			}
		}
	}
}
