package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The sample deployment test (samples/deploytest, written by the
// deploytest package's tests).
var (
	dtPairs     = filepath.Join("..", "..", "samples", "deploytest", "pairs.yaml")
	dtOrganiser = filepath.Join("..", "..", "samples", "deploytest", "organiser-export.csv")
	dtProducer  = filepath.Join("..", "..", "samples", "deploytest", "producer-export.csv")
)

func TestDeploytestGolden(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"deploytest_plan_fi.txt", []string{"deploytest", "plan", "--pairs", dtPairs, "--today", "2026-11-02"}, 0},
		{"deploytest_plan_en.json", []string{"deploytest", "plan", "--pairs", dtPairs, "--today", "2026-11-02", "--format", "json", "--lang", "en"}, 0},
		{"deploytest_plan_junit.xml", []string{"deploytest", "plan", "--pairs", dtPairs, "--today", "2026-11-02", "--format", "junit", "--fail-on", "info"}, 1},
		{"deploytest_verify_fi.txt", []string{"deploytest", "verify", "--organiser", dtOrganiser, "--producer", dtProducer}, 0},
		{"deploytest_verify_en.json", []string{"deploytest", "verify", "--organiser", dtOrganiser, "--producer", dtProducer, "--format", "json", "--lang", "en"}, 0},
		{"deploytest_verify_junit.xml", []string{"deploytest", "verify", "--organiser", dtOrganiser, "--format", "junit", "--lang", "en"}, 0},
		{"deploytest_report_fi.html", []string{"deploytest", "report", "--pairs", dtPairs, "--pair", "1", "--organiser", dtOrganiser, "--producer", dtProducer}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, "", tt.args...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %s", r.code, tt.code, r.stderr)
			}
			golden(t, tt.name, r.stdout)
		})
	}
}

// writeSample writes the sample organiser export with one line changed.
func writeSample(t *testing.T, from, to string) string {
	t.Helper()
	b, err := os.ReadFile(dtOrganiser)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if !strings.Contains(s, from) {
		t.Fatalf("sample lacks %q", from)
	}
	return writeTemp(t, "organiser.csv", strings.Replace(s, from, to, 1))
}

func TestDeploytestExitCodes(t *testing.T) {
	failT5 := writeSample(t, "mitätöity;väärä henkilö", "mitätöity;kirjattu väärin")
	noAuthor := writeTemp(t, "noauthor.csv", "document_id;client_id;register;document_type\nD1;150314A924H;social;19007\n")
	headerOnly := writeTemp(t, "header.csv", "document_id;version;client_id;register;document_type;author_org;created;status;service_unit;unit_start;unit_end\n")
	badPairs := writeTemp(t, "pairs.yaml", "pairs:\n  - organiser: {name: J, system: A}\n    producer: {name: P, system: B}\n    colour: red\n")
	emptyPairs := writeTemp(t, "empty.yaml", "")
	needsTest := writeTemp(t, "needs.yaml", "pairs:\n  - organiser: {name: J, oid: 1.2.246.10.32661452.10.0, system: A}\n    producer: {name: P, oid: 1.2.246.10.31875424.10.0, system: B}\n    connection_test: 2026-01-01\n    organiser_archive_test: 2026-01-01\n")
	tests := []struct {
		name  string
		args  []string
		code  int
		inErr string
	}{
		{"no subcommand", []string{"deploytest"}, 2, "no subcommand"},
		{"unknown subcommand", []string{"deploytest", "run"}, 2, "unknown subcommand"},
		{"help", []string{"deploytest", "help"}, 0, ""},
		{"plan without --pairs", []string{"deploytest", "plan"}, 2, "--pairs is required"},
		{"plan: missing file", []string{"deploytest", "plan", "--pairs", "nope.yaml"}, 2, "nope.yaml"},
		{"plan: unknown key", []string{"deploytest", "plan", "--pairs", badPairs}, 2, "colour"},
		{"plan: empty", []string{"deploytest", "plan", "--pairs", emptyPairs}, 3, "no pairs"},
		{"plan: a required test missing", []string{"deploytest", "plan", "--pairs", needsTest}, 1, ""},
		{"plan: warnings only pass by default", []string{"deploytest", "plan", "--pairs", dtPairs}, 0, ""},
		{"plan: bad --format", []string{"deploytest", "plan", "--pairs", dtPairs, "--format", "csv"}, 2, "--format"},
		{"plan: bad --today", []string{"deploytest", "plan", "--pairs", dtPairs, "--today", "huomenna"}, 2, "--today"},
		{"verify without --organiser", []string{"deploytest", "verify"}, 2, "--organiser is required"},
		{"verify: a step fails", []string{"deploytest", "verify", "--organiser", failT5}, 1, ""},
		{"verify: confirm is not a failure", []string{"deploytest", "verify", "--organiser", dtOrganiser}, 0, ""},
		{"verify: columns missing", []string{"deploytest", "verify", "--organiser", noAuthor}, 3, "author_org"},
		{"verify: no rows", []string{"deploytest", "verify", "--organiser", headerOnly}, 3, "no rows"},
		{"verify: unknown test person", []string{"deploytest", "verify", "--organiser", dtOrganiser, "--test-person", "220615A9363"}, 3, "220615A****"},
		{"verify: missing producer export", []string{"deploytest", "verify", "--organiser", dtOrganiser, "--producer", "nope.csv"}, 2, "nope.csv"},
		{"report: several pairs", []string{"deploytest", "report", "--pairs", dtPairs}, 2, "--pair N"},
		{"report: no test", []string{"deploytest", "report", "--pairs", dtPairs, "--pair", "3"}, 2, "--test-date"},
		{"report: with a test date", []string{"deploytest", "report", "--pairs", dtPairs, "--pair", "3", "--test-date", "23.12.2026"}, 0, ""},
		{"report: a failed step", []string{"deploytest", "report", "--pairs", dtPairs, "--pair", "1", "--organiser", failT5}, 1, "vaihe epäonnistui"},
		{"report: --producer without --organiser", []string{"deploytest", "report", "--pairs", dtPairs, "--pair", "1", "--producer", dtProducer}, 2, "need --organiser"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, "", tt.args...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %s", r.code, tt.code, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.inErr) {
				t.Errorf("stderr %q lacks %q", r.stderr, tt.inErr)
			}
			for _, id := range []string{"150314A924H", "220615A9363"} {
				if strings.Contains(r.stdout+r.stderr, id) {
					t.Errorf("output shows %s in full", id)
				}
			}
		})
	}
}

func TestDeploytestVerifyJSONSteps(t *testing.T) {
	r := runCLI(t, "", "deploytest", "verify", "--organiser", dtOrganiser, "--format", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var doc struct {
		Schema string `json:"schema"`
		Steps  []struct {
			ID     string `json:"id"`
			Status string `json:"status"`
		} `json:"steps"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range doc.Steps {
		got = append(got, s.ID+"="+s.Status)
	}
	want := "T0=pass J1=pass J2=pass J3=confirm J4=pass J5=pass T1=pass T2=pass T3=pass T4=pass T5=pass T6=confirm"
	if doc.Schema != "kartoitus.deploytest/v1" || strings.Join(got, " ") != want {
		t.Errorf("schema %q steps %s", doc.Schema, strings.Join(got, " "))
	}
}

func TestDeploytestReportFiles(t *testing.T) {
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "raportti.xlsx")
	r := runCLI(t, "", "deploytest", "report", "--pairs", dtPairs, "--pair", "1", "-o", xlsx)
	if r.code != 0 || !strings.Contains(r.stdout, "8.4.2026") {
		t.Fatalf("exit %d: %s %s", r.code, r.stdout, r.stderr)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Raportti")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, row := range rows {
		if len(row) >= 3 && row[0] == "Vastaanottaja" && row[2] == "kanta@kanta.fi" {
			found = true
		}
	}
	if !found {
		t.Errorf("no Vastaanottaja row: %q", rows)
	}
	// --eves-work moves a Christmas deadline a day earlier.
	a := runCLI(t, "", "deploytest", "report", "--pairs", dtPairs, "--pair", "3", "--test-date", "2026-12-23", "--format", "json")
	b := runCLI(t, "", "deploytest", "report", "--pairs", dtPairs, "--pair", "3", "--test-date", "2026-12-23", "--format", "json", "--eves-work")
	if !strings.Contains(a.stdout, `"deadline": "2026-12-29"`) || !strings.Contains(b.stdout, `"deadline": "2026-12-28"`) {
		t.Errorf("deadlines:\n%s\n%s", a.stdout, b.stdout)
	}
}

func TestTemplateDeploytest(t *testing.T) {
	dir := t.TempDir()
	pairs := filepath.Join(dir, "pairs.xlsx")
	r := runCLI(t, "", "template", "--pairs", "-o", pairs)
	if r.code != 0 || !strings.Contains(r.stdout, "Käyttöönottokokeet") {
		t.Fatalf("exit %d: %s %s", r.code, r.stdout, r.stderr)
	}
	// The blank workbook reads as "nothing recognised", not as a clean plan.
	if r := runCLI(t, "", "deploytest", "plan", "--pairs", pairs); r.code != 3 {
		t.Errorf("blank pairs workbook: exit %d (%s)", r.code, r.stderr)
	}
	if r := runCLI(t, "", "template", "--pairs", "-o", pairs); r.code != 2 || !strings.Contains(r.stderr, "--force") {
		t.Errorf("existing file: exit %d", r.code)
	}
	list := filepath.Join(dir, "list.xlsx")
	r = runCLI(t, "", "template", "--deploytest", "--lang", "en", "-o", list)
	if r.code != 0 || !strings.Contains(r.stdout, "Test day") {
		t.Fatalf("exit %d: %s %s", r.code, r.stdout, r.stderr)
	}
	f, err := excelize.OpenFile(list)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), "|"); got != "Basics|Prerequisites|Test day" {
		t.Errorf("sheets %s", got)
	}
	if r := runCLI(t, "", "template", "--pairs", "--deploytest", "-o", filepath.Join(dir, "x.xlsx")); r.code != 2 {
		t.Errorf("both flags: exit %d", r.code)
	}
}
