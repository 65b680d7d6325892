package inventory

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/registers"
)

func templateBytes(t *testing.T, lang string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, cat, lang); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestTemplateStructure(t *testing.T) {
	for _, lang := range []string{"fi", "en"} {
		t.Run(lang, func(t *testing.T) {
			f, err := excelize.OpenReader(bytes.NewReader(templateBytes(t, lang)))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			inv := TemplateSheet(lang)
			wantSheets := []string{"Ohjeet", "Inventaario", "Koodistot"}
			if lang == "en" {
				wantSheets = []string{"Instructions", "Inventory", "Koodistot"}
			}
			if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(wantSheets, ",") {
				t.Fatalf("sheets = %v, want %v", got, wantSheets)
			}
			if f.GetSheetName(f.GetActiveSheetIndex()) != inv {
				t.Errorf("active sheet = %s", f.GetSheetName(f.GetActiveSheetIndex()))
			}
			if vis, _ := f.GetSheetVisible("Koodistot"); vis {
				t.Errorf("the lists sheet is visible")
			}
			panes, err := f.GetPanes(inv)
			if err != nil || !panes.Freeze || panes.YSplit != 1 {
				t.Errorf("panes = %+v, %v; want the header row frozen", panes, err)
			}
			if w, _ := f.GetColWidth(inv, "B"); w < 30 {
				t.Errorf("column B width = %v", w)
			}
			dvs, err := f.GetDataValidations(inv)
			if err != nil {
				t.Fatal(err)
			}
			lists := map[string]string{}
			for _, dv := range dvs {
				lists[dv.Sqref] = dv.Formula1
			}
			for col, wantRef := range map[string]string{"A": "Koodistot!$A$2:$A$8", "C": "Koodistot!$E$2:$E$", "D": "Koodistot!$B$2:$B$7",
				"E": "Koodistot!$C$2:$C$4", "G": "Koodistot!$D$2:$D$5"} {
				got := lists[col+"2:"+col+"5001"]
				if !strings.Contains(got, wantRef) {
					t.Errorf("column %s list = %q, want a reference to %s", col, got, wantRef)
				}
			}
			if got := lists["J2:J5001"]; !strings.Contains(got, "ISNUMBER(J2)") || !strings.Contains(got, `"pysyvä"`) {
				t.Errorf("retention column validation = %q, want numbers or pysyvä", got)
			}
			// Every header reads back as its field.
			head, _ := f.GetRows(inv)
			for i, h := range head[0] {
				if got, _ := matchHeader(h, nil); got != templateColumns[i].field {
					t.Errorf("header %q reads as %q, want %q", h, got, templateColumns[i].field)
				}
			}
			// The lists hold every current type and every value resolves.
			cols, _ := f.GetCols("Koodistot")
			rows := make([][]string, len(cols))
			for i, c := range cols {
				for _, v := range c {
					if v != "" {
						rows[i] = append(rows[i], v)
					}
				}
			}
			if n := len(rows[listTypes]) - 1; n != len(cat.CurrentTypes())-countGroups() || n < 190 {
				t.Errorf("%d document types in the list", n)
			}
			for _, v := range rows[listTasks][1:] {
				if len(cat.ResolveTask(v)) != 1 {
					t.Errorf("task %q does not resolve", v)
				}
			}
			for _, v := range rows[listPhases][1:] {
				if cat.ResolvePhase(v) == "" {
					t.Errorf("phase %q does not resolve", v)
				}
			}
			for _, v := range rows[listMedia][1:] {
				if m, ok := parseMedium(v); !ok || m == MediumUnknown {
					t.Errorf("medium %q does not parse", v)
				}
			}
			for _, v := range rows[listRegisters][1:] {
				if registers.Classify(v) == registers.Unknown {
					t.Errorf("register %q is not classified", v)
				}
			}
			for _, v := range rows[listBases][1:] {
				if b := registers.ParseBasis(v); b == registers.BasisUnknown || b == registers.BasisNone {
					t.Errorf("basis %q does not parse", v)
				}
			}
			if len(rows[listBases]) != 7 {
				t.Errorf("basis list = %v, want the six bases", rows[listBases])
			}
			for _, v := range rows[listTypes][1:] {
				if cat.Resolve(v) == nil {
					t.Errorf("document type %q does not resolve", v)
				}
			}
		})
	}
}

// The retention column's validation lets through what the reader reads:
// whole years from -1 to 200 and the permanent words, in any case.
func TestTemplateRetentionRule(t *testing.T) {
	rule := strings.NewReplacer("&gt;", ">", "&lt;", "<").Replace(retentionRule("J2"))
	for _, tc := range []struct {
		value any
		ok    bool
	}{
		{10, true}, {0, true}, {-1, true}, {200, true}, {"pysyvä", true}, {" Pysyvä", true}, {"PERMANENT", true}, {"pysyvästi", true},
		{201, false}, {-2, false}, {2.5, false}, {"kymmenen", false}, {"pysyv", false},
	} {
		f := excelize.NewFile()
		if err := f.SetCellValue("Sheet1", "J2", tc.value); err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellFormula("Sheet1", "A1", rule); err != nil {
			t.Fatal(err)
		}
		got, err := f.CalcCellValue("Sheet1", "A1")
		if err != nil {
			t.Fatalf("%v: %v", tc.value, err)
		}
		if (got == "TRUE") != tc.ok {
			t.Errorf("%v: the rule says %s, want %v", tc.value, got, tc.ok)
		}
		if _, parsed := parseRetention(strings.TrimSpace(fmt.Sprint(tc.value))); tc.ok && !parsed {
			t.Errorf("%v passes the rule but the reader does not read it", tc.value)
		}
		f.Close()
	}
}

func countGroups() int {
	n := 0
	for _, d := range cat.CurrentTypes() {
		if d.IsGroup() {
			n++
		}
	}
	return n
}

func TestTemplateBlankIsNotRecognised(t *testing.T) {
	inv, err := readBytes(t, "inventaario.xlsx", templateBytes(t, "fi"), Options{})
	if !errors.Is(err, kartoitus.ErrNotRecognised) || !strings.Contains(err.Error(), "no document rows") {
		t.Fatalf("err = %v, want ErrNotRecognised for an empty inventory", err)
	}
	if s := sheetNamed(t, inv, "Inventaario"); s.Status != SheetRead || s.HeaderRow != 1 {
		t.Errorf("inventory sheet = %+v", s)
	}
	for _, name := range []string{"Ohjeet", "Koodistot"} {
		if s := sheetNamed(t, inv, name); s.Status != SheetInstructions {
			t.Errorf("sheet %s status = %s", name, s.Status)
		}
	}
}

// TestTemplateRoundTrip fills the template as a user would and reads it
// back: the documents must be exactly those of the row-1 layout.
func TestTemplateRoundTrip(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(templateBytes(t, "fi")))
	if err != nil {
		t.Fatal(err)
	}
	writeDocs(t, f, "Inventaario", 2, fxDocs, fiRow, fxRejectRowFI)
	inv := mustRead(t, "inventaario.xlsx", bookBytes(t, f), Options{})
	diffDocs(t, withoutSource(inv.Documents), wantRow1)
	if len(inv.Rejected) != 1 || inv.Rejected[0].Location.Row != 8 {
		t.Errorf("rejected = %+v", inv.Rejected)
	}
	if len(inv.Warnings) != 0 {
		t.Errorf("warnings = %+v", inv.Warnings)
	}
	checkAccounts(t, inv)

	// The English template with the list values themselves.
	f, err = excelize.OpenReader(bytes.NewReader(templateBytes(t, "en")))
	if err != nil {
		t.Fatal(err)
	}
	setRow(t, f, "Inventory", 2, []any{"Child welfare", "Child welfare notification", "Lastensuojeluilmoitus", "Initiation",
		"electronic", "Lifecare", "Social welfare client register", "05 02 01", "", -1, "client's death", ""})
	inv = mustRead(t, "inventory.xlsx", bookBytes(t, f), Options{})
	d := inv.Documents[0]
	if d.Task() != "child_welfare" || d.Phase != "initiation" || d.Medium != MediumElectronic || d.Register != registers.Social ||
		d.RetentionYears != -1 || !d.HasRetention || cat.Resolve(d.NationalRaw) == nil {
		t.Errorf("English template row read as %+v", d)
	}
}
