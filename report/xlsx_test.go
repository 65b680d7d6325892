package report

import (
	"bytes"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kartoitus/kartoitus/finding"
)

func writeXLSX(t testing.TB, a *Assessment) *excelize.File {
	t.Helper()
	var b bytes.Buffer
	if err := (XLSX{}).WriteAssessment(&b, a); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestXLSXSheets(t *testing.T) {
	tests := []struct {
		lang   finding.Lang
		sheets []string
	}{
		{finding.FI, []string{"Yhteenveto", "Kartoitus", "Kattavuus", "Kattavuus-erittely", "Rekisterit", "Säilytys", "TOS-luonnos", "Hylätyt rivit", "Havainnot", "Säännöt"}},
		{finding.EN, []string{"Summary", "Mapping", "Coverage", "Coverage detail", "Registers", "Retention", "TOS draft", "Rejected rows", "Findings", "Rules"}},
	}
	for _, tc := range tests {
		t.Run(string(tc.lang), func(t *testing.T) {
			f := writeXLSX(t, fixtureAssessment(tc.lang))
			if got := f.GetSheetList(); !reflect.DeepEqual(got, tc.sheets) {
				t.Errorf("sheets = %q, want %q", got, tc.sheets)
			}
			if f.GetActiveSheetIndex() != 0 {
				t.Error("the summary should open first")
			}
		})
	}
}

// cellAt reads one cell or fails.
func cellAt(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell)
	if err != nil {
		t.Fatalf("%s!%s: %v", sheet, cell, err)
	}
	return v
}

func TestXLSXContent(t *testing.T) {
	a := fixtureAssessment(finding.FI)
	f := writeXLSX(t, a)

	// Mapping: header, one row per document, the accepted code column.
	rows, err := f.GetRows("Kartoitus")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rows[0], MappingHeaders(finding.FI)) {
		t.Errorf("mapping header = %q", rows[0])
	}
	if len(rows) != 1+len(a.Mapping) {
		t.Errorf("mapping rows = %d, want %d", len(rows)-1, len(a.Mapping))
	}
	col := func(key string) string {
		for i, k := range MappingColumns {
			if k == key {
				n, _ := excelize.ColumnNumberToName(i + 1)
				return n
			}
		}
		t.Fatalf("no mapping column %q", key)
		return ""
	}
	cellChecks := []struct{ sheet, cell, want string }{
		{"Kartoitus", col("name") + "3", "Palvelusuunnitelma"},
		{"Kartoitus", col("task") + "3", "Iäkkäiden palvelut"},
		{"Kartoitus", col("code") + "3", "15003"},
		{"Kartoitus", col("accepted") + "3", "15003"},
		{"Kartoitus", col("accepted") + "2", ""},
		{"Kartoitus", col("row") + "6", "22"},
		{"Kartoitus", col("method") + "6", "ei vastinetta"},
		{"Kartoitus", col("candidates") + "7", "14003 Sosiaalihuollon valtakirja (12\u00a0%)"},
		{"Yhteenveto", "A1", "Asiakasasiakirjojen nykytilan kartoitus"},
		{"Yhteenveto", "A2", "Hoivapolku Oy"},
		{"Kattavuus", "A1", "Palvelutehtävä"},
		{"Kattavuus", "B1", "Asian vireilletulo"},
		{"Kattavuus", "F1", "Vaihe ei tiedossa"},
		{"Kattavuus", "A3", "Vammaispalvelut"},
		{"Kattavuus", "D3", "✗ 2 puuttuu\n✗ 15023 Vammaispalvelujen asiakassuunnitelma\n✗ 15024 Vammaispalvelujen toteuttamissuunnitelma"},
		{"Kattavuus", "B3", "·"},
		// The draft sheet is the analysis' own layout, written as given.
		{"TOS-luonnos", "B2", "15003"},
		{"TOS-luonnos", "D2", "TOS, AMS"},
		{"TOS-luonnos", "E2", "10"},
		{"TOS-luonnos", "E5", ""},
		{"TOS-luonnos", "E6", "2"},
		{"TOS-luonnos", "G1", "Julkisuusluokka"},
		{"TOS-luonnos", "G2", "Salassa pidettävä"},
		{"TOS-luonnos", "H1", "Huomautukset"},
		{"TOS-luonnos", "H2", ""},
		{"Rekisterit", "A2", "REG001"},
		{"Rekisterit", "H2", "HP-2025-000117"},
		{"Hylätyt rivit", "G2", "Asiakirjan nimi organisaatiossa"},
		{"Säännöt", "A6", "REG004"},
		{"Säännöt", "G6", "3"},
		{"Säännöt", "H6", "2"},
		{"Säännöt", "A11", "REG020"},
		{"Säännöt", "I11", "ei"},
		{"Säännöt", "J11", "unit_start, unit_end"},
	}
	if dvs, err := f.GetDataValidations("TOS-luonnos"); err != nil || len(dvs) != 1 || dvs[0].Type != "list" ||
		!strings.HasPrefix(dvs[0].Sqref, "G2:") || !strings.Contains(dvs[0].Formula1, "Salassa pidettävä") {
		t.Errorf("the draft's publicity drop-down: %+v (%v)", dvs, err)
	}
	for _, c := range cellChecks {
		if got := cellAt(t, f, c.sheet, c.cell); got != c.want {
			t.Errorf("%s!%s = %q, want %q", c.sheet, c.cell, got, c.want)
		}
	}

	// Every finding is on the findings sheet; the section sheets hold
	// their share.
	for sheet, want := range map[string]int{"Havainnot": len(a.Result.Findings), "Rekisterit": 2, "Säilytys": 2, "Hylätyt rivit": 1, "Säännöt": len(a.Result.Rules) + len(a.Result.NotChecked)} {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows)-1 != want {
			t.Errorf("%s has %d rows, want %d", sheet, len(rows)-1, want)
		}
	}

	// Masking: the henkilötunnus in a finding message is not in the file.
	all, _ := f.GetRows("Havainnot")
	for _, r := range all {
		for _, c := range r {
			if strings.Contains(c, "010181-900C") {
				t.Errorf("henkilötunnus in full: %q", c)
			}
		}
	}
}

func TestXLSXLayout(t *testing.T) {
	f := writeXLSX(t, fixtureAssessment(finding.EN))
	for _, sheet := range []string{"Mapping", "Coverage detail", "Registers", "Retention", "TOS draft", "Rejected rows", "Findings", "Rules", "Coverage"} {
		t.Run(sheet, func(t *testing.T) {
			panes, err := f.GetPanes(sheet)
			if err != nil {
				t.Fatal(err)
			}
			if !panes.Freeze || panes.YSplit != 1 {
				t.Errorf("header row not frozen: %+v", panes)
			}
			head, err := f.GetCellStyle(sheet, "A1")
			if err != nil {
				t.Fatal(err)
			}
			st, err := f.GetStyle(head)
			if err != nil {
				t.Fatal(err)
			}
			if st.Font == nil || !st.Font.Bold || len(st.Fill.Color) == 0 {
				t.Errorf("header not bold with a fill: %+v", st)
			}
			w, err := f.GetColWidth(sheet, "A")
			if err != nil || w < 7 || w == 9.140625 { // 9.14 is Excel's default
				t.Errorf("column A width %v (%v)", w, err)
			}
		})
	}
	// Autofilters: the defined name Excel keeps for each filtered sheet.
	filtered := map[string]bool{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" {
			filtered[dn.Scope] = true
			if !strings.Contains(dn.RefersTo, "$A$1:$") && !strings.Contains(dn.RefersTo, "!A1:") {
				t.Errorf("filter range %q", dn.RefersTo)
			}
		}
	}
	for _, sheet := range []string{"Mapping", "Registers", "TOS draft", "Findings", "Coverage"} {
		if !filtered[sheet] {
			t.Errorf("%s has no autofilter (filtered: %v)", sheet, filtered)
		}
	}
	// The editable columns are highlighted and unlocked.
	for _, c := range []struct{ sheet, cell string }{{"Mapping", "P2"}, {"TOS draft", "G2"}, {"TOS draft", "H6"}} {
		id, err := f.GetCellStyle(c.sheet, c.cell)
		if err != nil {
			t.Fatal(err)
		}
		st, _ := f.GetStyle(id)
		if len(st.Fill.Color) == 0 || st.Fill.Color[0] != "FFF2CC" || st.Protection == nil || st.Protection.Locked {
			t.Errorf("%s!%s is not an editable cell: fill %v protection %+v", c.sheet, c.cell, st.Fill.Color, st.Protection)
		}
	}
	if v := cellAt(t, f, "Mapping", "P1"); v != "Accepted code" {
		t.Errorf("accepted column header %q", v)
	}
	dvs, err := f.GetDataValidations("Mapping")
	if err != nil || len(dvs) != 1 || dvs[0].Prompt == nil || !strings.Contains(*dvs[0].Prompt, "national code") {
		t.Errorf("accepted-code prompt missing: %v %v", dvs, err)
	}
	// Coverage cells are coloured by their worst status.
	id, _ := f.GetCellStyle("Coverage", "D3")
	st, _ := f.GetStyle(id)
	if len(st.Fill.Color) == 0 || st.Fill.Color[0] != "F7D4D2" {
		t.Errorf("missing-type cell fill %v", st.Fill.Color)
	}
}

// TestXLSXManyFindings streams a large result: rows are all there.
func TestXLSXManyFindings(t *testing.T) {
	if testing.Short() {
		t.Skip("large workbook")
	}
	a := bigAssessment(5000)
	f := writeXLSX(t, a)
	rows, err := f.GetRows("Registers")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5001 || rows[5000][7] != "D-04999" {
		t.Errorf("got %d rows, last %q", len(rows), rows[len(rows)-1])
	}
}

func bigAssessment(n int) *Assessment {
	fs := make([]finding.Finding, n)
	for i := range fs {
		key := fmt.Sprintf("D-%05d", i)
		fs[i] = finding.New(fxRuleHealth, finding.Tf("Asiakirja %s on potilasrekisterissä", "Document %s is in the patient register", key),
			finding.Location{File: "register-export.csv", Row: i + 2, Key: key}, key)
	}
	r := testResult("assess", finding.EN, finding.Error, []finding.Tally{{Source: "register-export.csv", Read: n, Accepted: n}}, fs, []finding.Rule{fxRuleHealth})
	a := NewAssessment(r, "Big Oy")
	for i := 0; i < 500; i++ {
		a.Mapping = append(a.Mapping, MappingRow{Source: finding.Location{File: "inv.xlsx", Row: i + 2}, Name: fmt.Sprintf("Asiakirja %d", i),
			Task: "older_people", Code: "15003", NationalName: "Iäkkäiden palvelujen asiakassuunnitelma", Method: "fuzzy", Confidence: 0.7})
	}
	a.Complete()
	return a
}

func BenchmarkXLSX(b *testing.B) {
	a := bigAssessment(20000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var buf bytes.Buffer
		if err := (XLSX{}).WriteAssessment(&buf, a); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHTML(b *testing.B) {
	a := bigAssessment(20000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var buf bytes.Buffer
		if err := (HTML{}).WriteAssessment(&buf, a); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJSON(b *testing.B) {
	a := bigAssessment(20000)
	b.ReportAllocs()
	for b.Loop() {
		if err := (JSON{}).Write(io.Discard, a.Result); err != nil {
			b.Fatal(err)
		}
	}
}
