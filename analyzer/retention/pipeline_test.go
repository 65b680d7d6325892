package retention

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kartoitus/kartoitus/analyzer"
	"github.com/kartoitus/kartoitus/analyzer/mapping"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/sosmeta"
	"github.com/kartoitus/kartoitus/tos"
)

// TestAnalyzerPipeline runs the real mapping analyzer first, as the CLI
// does, and reads the draft from the result.
func TestAnalyzerPipeline(t *testing.T) {
	cat := sosmeta.MustDefault()
	inv := &inventory.Inventory{Documents: []inventory.Document{
		doc(2, "Lastensuojeluilmoitus", "child_welfare", inventory.MediumElectronic),
		doc(3, "Iäkkäiden palvelutarpeen arvio", "older_people", inventory.MediumElectronic),
	}}
	plan := &tos.Plan{Entries: []tos.Entry{entry(2, tos.TOS, "4009", "", "", "2", "asiakkaan kuolemasta")}}
	res, err := analyzer.Execute(analyzer.Input{Catalogue: cat, Inventory: inv, TOS: plan}, nil, Analyzer)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Order) != 2 || res.Order[0] != mapping.Analyzer {
		t.Fatalf("mapping must run first: %v", res.Order)
	}
	rr, _ := Analyzer.Result(res)
	if rr.Documents[0].Key != "4009" || rr.Documents[1].Key != "1000" {
		t.Fatalf("keys from mapping: %+v", rr.Documents)
	}
	var ret []string
	for _, f := range res.Findings {
		if strings.HasPrefix(f.RuleID, "RET") {
			ret = append(ret, f.RuleID+"@"+fmt.Sprint(f.Location.Row))
		}
	}
	if !slices.Equal(ret, []string{"RET001@3"}) {
		t.Errorf("retention findings %v, want RET001 for the arvio only", ret)
	}
	if len(rr.Draft.Rows) != 2 || rr.Draft.Rows[0].Key != "1000" || rr.Draft.Rows[1].Status != StatusOK {
		t.Errorf("draft %+v", rr.Draft.Rows)
	}
}

// TestDraftXLSX writes the draft workbook and reads it back: header,
// values, the numeric period and the JHS 191 drop-down lists.
func TestDraftXLSX(t *testing.T) {
	cat := sosmeta.MustDefault()
	inv := &inventory.Inventory{Documents: []inventory.Document{
		doc(2, "Huostaanottopäätös", "child_welfare", inventory.MediumBoth),
		doc(3, "Tositteet", "working_age", inventory.MediumPaper),
	}}
	res, _ := Analyze(cat, inv, nil, mres(map[int]string{0: "11023"}))
	for _, lang := range []finding.Lang{finding.FI, finding.EN} {
		var b bytes.Buffer
		if err := res.Draft.WriteXLSX(&b, lang); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&b)
		if err != nil {
			t.Fatal(err)
		}
		sheet := pick(lang, "TOS-luonnos", "TOS draft")
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 3 || !slices.Equal(rows[0], res.Draft.Header(lang)) {
			t.Fatalf("%s: rows %q", lang, rows)
		}
		recs := res.Draft.Records(lang)
		for i := range recs {
			for j := range recs[i] {
				got := ""
				if j < len(rows[i+1]) {
					got = rows[i+1][j]
				}
				if got != recs[i][j] {
					t.Errorf("%s: row %d col %d = %q, want %q", lang, i+2, j+1, got, recs[i][j])
				}
			}
		}
		col := slices.Index(res.Draft.Header(lang), pick(lang, "Säilytysaika (v, -1 = pysyvä)", "Retention (years, -1 = permanent)"))
		cell, _ := excelize.CoordinatesToCellName(col+1, 3)
		if typ, _ := f.GetCellType(sheet, cell); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("%s: period %s stored as text", lang, cell)
		}
		dvs, err := f.GetDataValidations(sheet)
		if err != nil || len(dvs) != 2 || !strings.Contains(dvs[0].Formula1, "Salassa pidettävä") {
			t.Errorf("%s: data validations %+v %v", lang, dvs, err)
		}
		f.Close()
	}
}

func TestEmptyInputs(t *testing.T) {
	cat := sosmeta.MustDefault()
	res, fs := Analyze(cat, nil, nil, nil)
	if len(fs) != 0 || len(res.Documents) != 0 || res.Draft == nil || len(res.Draft.Rows) != 0 {
		t.Fatalf("empty analysis: %+v %v", res, fs)
	}
	var b bytes.Buffer
	if err := res.Draft.WriteXLSX(&b, finding.FI); err != nil {
		t.Fatal(err)
	}
	if err := res.Draft.WriteCSV(&b, finding.FI); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkAnalyze: a large organisation — 6 000 documents over every
// current national type, a plan with one TOS entry per type and task and
// one named AMS entry per fifth document — against the embedded catalogue.
func BenchmarkAnalyze(b *testing.B) {
	cat := sosmeta.MustDefault()
	types := cat.CurrentTypes()
	inv := &inventory.Inventory{}
	plan := &tos.Plan{}
	m := &mapping.Result{}
	seen := map[string]bool{}
	for i := 0; i < 6000; i++ {
		dt := types[i%len(types)]
		task := "working_age"
		if len(dt.Tasks) > 0 {
			task = dt.Tasks[i%len(dt.Tasks)]
		}
		name := fmt.Sprintf("%s %d", dt.NameFI, i)
		inv.Documents = append(inv.Documents, doc(i+2, name, task, inventory.MediumBoth))
		m.Matches = append(m.Matches, mapping.Match{Doc: i, Key: dt.Key()})
		if !seen[dt.Key()+task] {
			seen[dt.Key()+task] = true
			plan.Entries = append(plan.Entries, entry(len(plan.Entries)+2, tos.TOS, dt.Key(), "", task, "10", "asian sulkemisesta"))
		}
		if i%5 == 0 {
			plan.Entries = append(plan.Entries, entry(len(plan.Entries)+2, tos.AMS, "", name, task, "-1", ""))
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		Analyze(cat, inv, plan, m)
	}
}
