package onboarding

import (
	"bytes"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/ident"
)

// checkErr: any error carries a sentinel, so the CLI can pick the exit
// code, and names no henkilötunnus.
func checkErr(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if !errors.Is(err, kartoitus.ErrUnreadable) && !errors.Is(err, kartoitus.ErrNotRecognised) {
		t.Fatalf("error without a sentinel: %v", err)
	}
	if ident.ContainsHetu(err.Error()) {
		t.Fatalf("henkilötunnus in an error: %v", err)
	}
}

func checkRejected(t *testing.T, tl finding.Tally, fs []finding.Finding) {
	t.Helper()
	if !tl.Balanced() {
		t.Fatalf("tally does not balance: %+v", tl)
	}
	for _, f := range fs {
		if f.Location.File == "" || f.Location.Row == 0 {
			t.Fatalf("finding without a location: %+v", f)
		}
		if ident.ContainsHetu(f.Message.FI + f.Message.EN) {
			t.Fatalf("henkilötunnus in a message: %+v", f)
		}
	}
}

// checkStatus: every row accepted is a known task, and a plan can be made
// from whatever was read.
func checkStatus(t *testing.T, st *Status, err error) {
	t.Helper()
	checkErr(t, err)
	if err != nil {
		return
	}
	checkRejected(t, st.Tally, st.Findings)
	if len(st.Entries) != st.Tally.Accepted {
		t.Fatalf("%d entries, %d accepted", len(st.Entries), st.Tally.Accepted)
	}
	for _, e := range st.Entries {
		if _, ok := knownID(e.ID); !ok || e.Progress == "" {
			t.Fatalf("entry %+v", e)
		}
	}
	if _, err := Schedule(Options{GoLive: day(t, "2027-02-01"), Today: day(t, "2026-12-01"), Status: st}); err != nil {
		t.Fatalf("plan from a read status: %v", err)
	}
}

func FuzzParseStatusYAML(f *testing.F) {
	if b, err := os.ReadFile("../samples/plan/status.yaml"); err == nil {
		f.Add(b)
	}
	for _, s := range []string{
		"", "tasks: []", "tasks:\n  - id: '1'\n    status: valmis\n",
		"tasks:\n  - {id: 2G.sopimus, status: kesken, date: 1.11.2026, duration: 20}\n  - {id: 2G.sopimus, status: valmis}\n",
		"go_live: 2027-02-29\ntasks: [{id: '1'}]\n", "tasks: [{id: '1', date: 45000}]\n", "tasks: [{id: '1', duration: 1e9}]\n",
		"tasks: [{id: '1', owner: 131052-308T}]\n", "tasks: [{id: 3F, status: done, date: 2100-12-31}]\n", "tasks:\n - [1, 2]\n",
		`{"tasks": [{"id": "2H", "status": "in progress"}]}`, "tasks: [{id: '1', status: ✓}]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		st, err := ParseStatusYAML("fuzz.yaml", data)
		checkStatus(t, st, err)
	})
}

// smallBook is a one-sheet workbook of ;-separated rows: seeds for the
// byte-level fuzzers small enough for the fuzzer to mutate quickly.
func smallBook(f *testing.F, sheet string, rows ...string) []byte {
	x := excelize.NewFile()
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		f.Fatal(err)
	}
	for i, r := range rows {
		var cells []any
		for _, c := range strings.Split(r, ";") {
			if n, err := strconv.ParseFloat(c, 64); err == nil {
				cells = append(cells, n)
			} else {
				cells = append(cells, c)
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow(sheet, cell, &cells); err != nil {
			f.Fatal(err)
		}
	}
	var b bytes.Buffer
	if _, err := x.WriteTo(&b); err != nil {
		f.Fatal(err)
	}
	return b.Bytes()
}

func FuzzParseStatusXLSX(f *testing.F) {
	f.Add(smallBook(f, "Tila", "Tunnus;Tehtävä;Tila;Vastuuhenkilö;Päivämäärä;Oma kesto (työpäivää)", "1;x;valmis;Liisa;46300;", "2G.sopimus;;kesken;;1.11.2026;25", "9Z;;;;;"))
	f.Add(smallBook(f, "Status", "ID;Status;Date", "3D;done;2027-01-20"))
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		st, err := ParseStatusXLSX("fuzz.xlsx", data)
		checkStatus(t, st, err)
	})
}

// cellTable splits fuzz text into a sheet: rows by line, cells by ';'.
func cellTable(content string) table {
	t := table{file: "fuzz.xlsx", sheet: "Tila", first: 1}
	for i, line := range strings.Split(content, "\n") {
		if i == 200 {
			break
		}
		t.rows = append(t.rows, strings.Split(line, ";"))
	}
	return t
}

// FuzzStatusCells drives the sheet logic (headers, ids, Excel serial and
// text dates, durations) without the cost of zip and XML.
func FuzzStatusCells(f *testing.F) {
	for _, s := range []string{
		"Tunnus;Tila;Päivämäärä;Oma kesto\n1;valmis;46300;\n2g.sopimus;kesken;1.11.2026;25\n;;;\n3F;valmis;;3",
		"Otsikko\n\nID;Status;Owner;Date;Own duration\n2H;in progress;131052-308T;2958466;1e3\n4;;;-1;",
		"Tila;Tunnus\nvalmis;1\nvalmis;1", "Tunnus;Tila\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, content string) {
		st, ok, err := statusFromTable("fuzz.xlsx", cellTable(content))
		if !ok && (st != nil || err != nil) {
			t.Fatalf("no header but %v %v", st, err)
		}
		if ok {
			checkStatus(t, st, err)
		}
	})
}

func FuzzStaffCells(f *testing.F) {
	for _, s := range []string{
		"Nimi;Rooli;Rekisteröity ammattihenkilö;Toimittajan henkilö;Korttityyppi\nSanna;x;kyllä;ei;\nKari;;;kyllä;\n;;;;varakortti",
		"Name;Card type\nA;operator card\nB;gold", "Nimi;Rekisteröity\n131052-308T;✓\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, content string) {
		st, ok, err := staffFrom(cellTable(content))
		if ok {
			checkStaff(t, st, err)
		}
	})
}

func checkStaff(t *testing.T, st *Staff, err error) {
	t.Helper()
	checkErr(t, err)
	if err != nil {
		return
	}
	checkRejected(t, st.Tally, st.Findings)
	if len(st.People) == 0 || len(st.People) != st.Tally.Accepted {
		t.Fatalf("%d people, tally %+v", len(st.People), st.Tally)
	}
	cp := PlanCards(st, CardOptions{Readers: -1})
	sum := 0
	for _, c := range Cards {
		sum += cp.Counts[c]
	}
	if sum != len(st.People) || cp.CostMin < 0 || cp.CostMax < cp.CostMin {
		t.Fatalf("card plan %+v for %d people", cp, len(st.People))
	}
	for _, p := range st.People {
		if p.Card == "" || ident.ContainsHetu(p.Name+p.Role) {
			t.Fatalf("person %+v", p)
		}
	}
}

func FuzzParseStaffCSV(f *testing.F) {
	if b, err := os.ReadFile("../samples/plan/staff.csv"); err == nil {
		f.Add(b)
	}
	for _, s := range []string{
		"", "\n", "\xef\xbb\xbfNimi;Rekisteröity\nA;kyllä\n", "Name\tRegistered\tVendor staff\nA\tyes\tno\n",
		"Nimi,Korttityyppi\nA,varakortti\n,varakortti\n", "Nimi;Rekisteröity\n\"A;kyllä\n",
		"Nimi;Rekisteröity\n131052-308T;ehkä\n", "Otsikko\n\nNimi;Toimittaja;Rekisteröity\nA;;\n", "Nimi;Rekisteröity\nA\n",
		"Nimi;Rekisteröity;Nimi\nA;ei;B\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		st, err := ParseStaffCSV("fuzz.csv", bytes.NewReader(data))
		checkStaff(t, st, err)
	})
}

func FuzzParseStaffXLSX(f *testing.F) {
	f.Add(smallBook(f, "Henkilöstö", "Nimi;Rooli;Rekisteröity ammattihenkilö;Toimittajan henkilö;Korttityyppi", "Sanna;sosiaalityöntekijä;kyllä;ei;", "Kari;;;kyllä;toimijakortti"))
	f.Add([]byte("PK"))
	f.Fuzz(func(t *testing.T, data []byte) {
		st, err := ParseStaffXLSX("fuzz.xlsx", data)
		checkStaff(t, st, err)
	})
}

func FuzzParseEvidence(f *testing.F) {
	if b, err := os.ReadFile("../samples/plan/evidence.json"); err == nil {
		f.Add(b)
	}
	for _, s := range []string{"", "{}", "null", `{"organisation": {"oid": "1.2.246.10.31875424.10.0", "units": [{"oid": ""}]}}`,
		`{"inventory": {"documents": -5, "electronic": 3}}`, `{"registers": {"rows": 1, "by_rule": {"131052-308T": 1}}}`,
		`{"deployment_test": {"missing_prerequisites": ["131052-308T"]}}`,
		`{"organisation": {"oid": "000000A0000"}}`, // found by the fuzzer: an OID field echoed unredacted
		`{"organisation": {"oid": "1.2.246.10.31875424.10.0", "y_tunnus": "131052-308T", "units": [{"oid": "131052-308T"}, {"oid": "131052-308T"}]}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ev, err := ParseEvidence("fuzz.json", data)
		checkErr(t, err)
		if err != nil {
			return
		}
		for _, r := range AssessReadiness(ev) {
			if r.Status == "" {
				t.Fatalf("line without status: %+v", r)
			}
			for _, d := range r.Details {
				if ident.ContainsHetu(d.FI + d.EN) {
					t.Fatalf("henkilötunnus in a readiness line: %+v", d)
				}
			}
		}
	})
}
