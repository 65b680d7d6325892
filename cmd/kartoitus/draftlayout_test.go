package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
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
}
