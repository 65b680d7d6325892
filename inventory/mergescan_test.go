package inventory

import (
	"bytes"
	"reflect"
	"sort"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestScanMergesMatchesExcelize: the stream scan finds exactly the merged
// ranges excelize reports, sheet by sheet.
func TestScanMergesMatchesExcelize(t *testing.T) {
	books := map[string][]byte{}
	for _, l := range fxLayouts {
		books[l.name] = bookBytes(t, l.build(t))
	}
	var tpl bytes.Buffer
	if err := WriteTemplate(&tpl, cat, "fi"); err != nil {
		t.Fatal(err)
	}
	books["template"] = tpl.Bytes()
	total := 0
	for name, data := range books {
		got, err := scanMerges(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		for _, sheet := range f.GetSheetList() {
			mcs, err := f.GetMergeCells(sheet, true)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, mc := range mcs {
				want = append(want, mc[0])
			}
			g := append([]string(nil), got[sheet]...)
			sort.Strings(g)
			sort.Strings(want)
			if !reflect.DeepEqual(g, want) {
				t.Errorf("%s sheet %s: scan found %v, excelize %v", name, sheet, g, want)
			}
			if _, ok := got[sheet]; !ok {
				t.Errorf("%s: sheet %s missing from the scan", name, sheet)
			}
			total += len(want)
		}
		f.Close()
	}
	if total < 10 {
		t.Errorf("only %d merges in the fixtures: the test proves little", total)
	}
}

func TestAttrValue(t *testing.T) {
	for tag, want := range map[string]string{
		`mergeCell ref="A1:B2"/>`:           "A1:B2",
		`x:mergeCell ref='C3:C9'>`:          "C3:C9",
		`mergeCell xref="Z1" ref="A1:A2"/>`: "A1:A2",
		`mergeCell ref=A1/>`:                "",
		`mergeCell/>`:                       "",
		`mergeCell ref="unterminated`:       "",
	} {
		got, _ := attrValue([]byte(tag), "ref")
		if got != want {
			t.Errorf("attrValue(%q) = %q, want %q", tag, got, want)
		}
	}
}

func TestMergeIndexFillsDown(t *testing.T) {
	// "D5:C5" is written backwards: its top-left is the empty C5.
	mi := newMergeIndex([]string{"A1:C1", "B2:B4", "bogus", "D5:C5"})
	rows := [][]string{{"Otsikko"}, {"", "Lastensuojelu"}, {"", ""}, {}, {"", "", "", "x"}}
	// Across: the value stays in its first cell. Down: copied below.
	want := [][]string{{"Otsikko"}, {"", "Lastensuojelu"}, {"", "Lastensuojelu"}, {"", "Lastensuojelu"}, {"", "", "", "x"}}
	for i, r := range rows {
		got, flags := mi.apply(i+1, r)
		if !reflect.DeepEqual(got, want[i]) {
			t.Errorf("row %d = %q, want %q", i+1, got, want[i])
		}
		if i == 2 && (len(flags) < 2 || flags[1]&mergedDown == 0) {
			t.Errorf("row 3 flags = %v, want B merged down", flags)
		}
		if i == 0 && (len(flags) < 3 || flags[2]&mergedAcross == 0) {
			t.Errorf("row 1 flags = %v, want A-C merged across", flags)
		}
	}
}
