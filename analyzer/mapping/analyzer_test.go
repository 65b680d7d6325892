package mapping

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/analyzer"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/sosmeta"
)

var update = flag.Bool("update", false, "rewrite golden files")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != string(got) {
		t.Errorf("%s differs from the golden file (run with -update if intended)\n--- got ---\n%s\n--- want ---\n%s", name, got, want)
	}
}

func doc(row int, name, national string, tasks ...string) inventory.Document {
	return inventory.Document{Source: finding.Location{File: "inv.xlsx", Sheet: "Asiakirjat", Row: row}, Name: name, NationalRaw: national, ServiceTasks: tasks}
}

func testInventory() *inventory.Inventory {
	return &inventory.Inventory{Documents: []inventory.Document{
		doc(2, "LS-ilmoitus", "", "child_welfare"),
		doc(3, "Huostaanottopäätös", "99999", "child_welfare"),
		doc(4, "Asiakassuunnitelma", ""),
		doc(5, "Kahvikassan tilitys", "", "child_welfare"),
		doc(6, "Toimintakykyarvio", "", "older_people"),
		doc(7, "Palvelusuunnitelma", "Vammaispalvelujen palvelusuunnitelma", "disability"),
		doc(8, "Kotihoidon päätös", "11000", "older_people"),
	}}
}

func TestAnalyzerFindings(t *testing.T) {
	cat := sosmeta.MustDefault()
	acc, err := ParseAccepted("acc.csv", strings.NewReader(
		"name;service_task;code\nKotihoidon päätös;Iäkkäiden palvelut;3005\nPoistunut asiakirja;;4009\n"), cat)
	if err != nil {
		t.Fatal(err)
	}
	res, err := analyzer.Execute(analyzer.Input{Catalogue: cat, Inventory: testInventory()},
		[]analyzer.Option{Analyzer.With(Options{Accepted: acc})}, Analyzer)
	if err != nil {
		t.Fatal(err)
	}
	mr, _ := Analyzer.Result(res)
	if len(mr.Matches) != 7 {
		t.Fatalf("%d matches, want one per document", len(mr.Matches))
	}
	for i, m := range mr.Matches {
		if m.Doc != i || mr.ByDoc(i) != &mr.Matches[i] {
			t.Errorf("match %d has Doc %d", i, m.Doc)
		}
	}
	byRule := map[string][]finding.Finding{}
	for _, f := range res.Findings {
		byRule[f.RuleID] = append(byRule[f.RuleID], f)
		if f.Message.FI == "" || f.Message.EN == "" || f.Basis == "" || f.Fingerprint == "" {
			t.Errorf("finding lacks text, basis or fingerprint: %+v", f)
		}
	}
	for _, c := range []struct {
		rule string
		n    int
		row  int
	}{
		{"MAP001", 1, 5}, // Kahvikassan tilitys
		{"MAP002", 1, 4}, // task-less Asiakassuunnitelma
		{"MAP003", 1, 3}, // 99999
		{"MAP004", 1, 6}, // Toimintakykyarvio 1020
		{"MAP005", 1, 7}, // obsolete national name
		{"MAP007", 1, 3}, // unused accepted row (line 3 of acc.csv)
		{"MAP008", 1, 8}, // accepted 3005 overrides 11000
	} {
		fs := byRule[c.rule]
		if len(fs) != c.n {
			t.Errorf("%s: %d findings, want %d: %+v", c.rule, len(fs), c.n, fs)
			continue
		}
		if fs[0].Location.Row != c.row {
			t.Errorf("%s at row %d, want %d", c.rule, fs[0].Location.Row, c.row)
		}
	}
	// A low-confidence finding offers its candidates; it assigns no code.
	if fs := byRule["MAP002"]; len(fs) == 1 {
		m := mr.Matches[fs[0].Location.Row-2] // rows start under the header
		if f := fs[0]; f.Code != "" || len(f.Candidates) != len(m.Candidates) || len(m.Candidates) == 0 || f.Candidates[0] != m.Candidates[0].Key {
			t.Errorf("MAP002 code %q, candidates %q (want no code, the match's candidates)", f.Code, f.Candidates)
		}
	}
	if got := mr.Matches[6]; got.Key != "3005" || got.Method != MethodAccepted {
		t.Errorf("accepted mapping not applied: %+v", got)
	}
	b, err := json.MarshalIndent(mr, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "result.json", append(b, '\n'))
}

// TestAnalyzerFingerprintsIgnoreRows: moving rows does not change
// fingerprints, so ignore entries survive re-sorted inventories.
func TestAnalyzerFingerprintsIgnoreRows(t *testing.T) {
	cat := sosmeta.MustDefault()
	inv := testInventory()
	run := func(inv *inventory.Inventory) map[string]bool {
		res, err := analyzer.Execute(analyzer.Input{Catalogue: cat, Inventory: inv}, nil, Analyzer)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]bool{}
		for _, f := range res.Findings {
			out[f.Fingerprint] = true
		}
		return out
	}
	a := run(inv)
	moved := &inventory.Inventory{}
	for i := len(inv.Documents) - 1; i >= 0; i-- {
		d := inv.Documents[i]
		d.Source.Row += 100
		moved.Documents = append(moved.Documents, d)
	}
	b := run(moved)
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("fingerprints: %d vs %d", len(a), len(b))
	}
	for fp := range a {
		if !b[fp] {
			t.Errorf("fingerprint %s changed when rows moved", fp)
		}
	}
}
