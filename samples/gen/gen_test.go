package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// built is the generator's output, made once for all tests.
var built = func() map[string][]byte {
	files, err := build()
	if err != nil {
		panic(err)
	}
	return files
}()

// TestSamplesUpToDate fails when samples/ was edited by hand or the
// generator changed without `go run ./samples/gen`.
func TestSamplesUpToDate(t *testing.T) {
	for name, want := range built {
		got, err := os.ReadFile(filepath.Join("..", name))
		if err != nil {
			t.Errorf("%v (run go run ./samples/gen)", err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("samples/%s differs from what samples/gen writes (run go run ./samples/gen and review the diff)", name)
		}
	}
}

func TestDeterministic(t *testing.T) {
	again, err := build()
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range built {
		if !bytes.Equal(b, again[name]) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

func TestCheckDigits(t *testing.T) {
	// Examples verified in the domain notes (§4.1, §4.3).
	for _, y := range []string{"0204819-8", "3221308-6", "1093863-3", "3251568-2", "0166906-4"} {
		if got := ytunnus(y[:7]); got != y {
			t.Errorf("ytunnus(%s) = %s, want %s", y[:7], got, y)
		}
	}
	if got := hetu(1, 1, 1981, 900); got != "010181-900C" {
		t.Errorf("hetu = %s, want 010181-900C", got)
	}
	if got := hetu(13, 10, 1952, 308); got != "131052-308T" {
		t.Errorf("hetu = %s, want 131052-308T", got)
	}
	if got := hetu(2, 5, 2016, 903); got != "020516A903K" {
		t.Errorf("hetu = %s, want 020516A903K", got)
	}
	if w := wrongCheck("010181-900C"); w == "010181-900C" || !validHetu(w[:10]+"C") {
		t.Errorf("wrongCheck = %s", w)
	}
}

var hetuRE = regexp.MustCompile(`^(\d{2})(\d{2})(\d{2})([-A])(\d{3})([0-9A-FHJ-NPR-Y])$`)

func validHetu(h string) bool {
	m := hetuRE.FindStringSubmatch(h)
	if m == nil {
		return false
	}
	n, _ := strconv.Atoi(m[1] + m[2] + m[3] + m[5])
	return hetuChecks[n%31] == m[6][0]
}

var orgRE = regexp.MustCompile(`^1\.2\.246\.10\.(\d{8})\.(10|11|19)\.\d+$`)

func readExport(t *testing.T) [][]string {
	t.Helper()
	b := built["register-export.csv"]
	if !bytes.HasPrefix(b, []byte("\ufeff")) {
		t.Fatal("export has no UTF-8 byte-order mark")
	}
	if !bytes.Contains(b, []byte("\r\n")) {
		t.Error("export lines should end in CRLF, as a Windows vendor export does")
	}
	r := csv.NewReader(bytes.NewReader(b[3:]))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestExport(t *testing.T) {
	recs := readExport(t)
	if strings.Join(recs[0], ";") != strings.Join(exportHeader, ";") {
		t.Fatalf("header %q", recs[0])
	}
	if n := len(recs) - 1; n < 300 || n > 2000 {
		t.Errorf("%d rows, want 300–2000", n)
	}
	var exp expectedFile
	if err := json.Unmarshal(built["expected.json"], &exp); err != nil {
		t.Fatal(err)
	}
	invalid := map[string]bool{}
	for _, v := range exp.Export.Violations {
		if v.Kind == "invalid henkilötunnus check character" {
			invalid[v.DocumentID] = true
		}
	}
	if len(invalid) != 1 {
		t.Fatalf("want exactly one planted invalid hetu, got %d", len(invalid))
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for i, rec := range recs[1:] {
		line := i + 2
		h := rec[col["client_id"]]
		if !hetuRE.MatchString(h) {
			t.Errorf("line %d: client id %q is not henkilötunnus-shaped", line, h)
			continue
		}
		if num, _ := strconv.Atoi(h[7:10]); num < 900 {
			t.Errorf("line %d: client id %s is not a 900-series test code", line, h)
		}
		if validHetu(h) == invalid[rec[col["document_id"]]] {
			t.Errorf("line %d: client id %s check character valid=%v, want %v", line, h, validHetu(h), !invalid[rec[col["document_id"]]])
		}
		for _, c := range []string{"document_id", "controller_id", "organiser_id", "producer_id", "service_unit", "author_org"} {
			v := rec[col[c]]
			if v == "" {
				continue
			}
			m := orgRE.FindStringSubmatch(v)
			if m == nil {
				t.Errorf("line %d: %s %q is not an organisation OID", line, c, v)
				continue
			}
			if y := m[1][:7] + "-" + m[1][7:]; ytunnus(m[1][:7]) != y {
				t.Errorf("line %d: %s %q: Y-tunnus %s has a wrong check digit", line, c, v, y)
			}
		}
		if rec[col["created"]] > "2026-11-02" {
			t.Errorf("line %d: created %s is after the export day", line, rec[col["created"]])
		}
	}
	// Each planted violation and control points at its own row.
	seen := map[int]string{}
	check := func(kind, id string, line int) {
		if line < 2 || line > len(recs) {
			t.Errorf("%s: line %d out of range", kind, line)
			return
		}
		if got := recs[line-1][col["document_id"]]; got != id {
			t.Errorf("%s: line %d holds %s, want %s", kind, line, got, id)
		}
		if prev, dup := seen[line]; dup {
			t.Errorf("%s and %s share line %d", kind, prev, line)
		}
		seen[line] = kind
	}
	if len(exp.Export.Violations) != 13 {
		t.Errorf("%d violations, want the 13 kinds of the brief", len(exp.Export.Violations))
	}
	for _, v := range exp.Export.Violations {
		check(v.Kind, v.DocumentID, v.Line)
		if len(v.Rules) == 0 || v.Why == "" {
			t.Errorf("%s: no rules or reason", v.Kind)
		}
	}
	for _, c := range exp.Export.Clean {
		check(c.Kind, c.DocumentID, c.Line)
	}
}

func TestInventory(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(built["inventory.xlsx"]))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "Ohjeet,Asiakirjaluettelo,Lastensuojelu,Listat" {
		t.Errorf("sheets %s", got)
	}
	rows, err := f.GetRows("Asiakirjaluettelo")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[4], "|") != strings.Join(invHeader, "|") {
		t.Errorf("header on row 5 = %q", rows[4])
	}
	if rows[0][0] == "" || len(rows[3]) != 0 {
		t.Error("want a title block and a blank row above the header")
	}
	child, _ := f.GetRows("Lastensuojelu")
	docs := len(rows) - 5 + len(child) - 3 - 1 // minus title blocks, headers and the rejected row
	if docs < 40 || docs > 70 {
		t.Errorf("%d documents, want 40–70", docs)
	}
	tasks, registers, names := map[string]bool{}, map[string]bool{}, map[string]int{}
	paper, electronic, both := 0, 0, 0
	for _, r := range rows[5:] {
		r = append(r, make([]string, len(invHeader))...)
		tasks[r[0]] = true
		registers[strings.ToLower(r[7])] = true
		names[strings.Join(r[:4], "|")]++
		switch {
		case r[4] == "x" && r[5] == "x":
			both++
		case r[4] == "x":
			paper++
		case r[5] == "x":
			electronic++
		}
	}
	for _, want := range []string{"Iäkkäiden palvelut", "Vammaispalvelut", "Työikäisten palvelut", "Aikuissosiaalityö"} {
		if !tasks[want] {
			t.Errorf("no rows for task %q", want)
		}
	}
	if !registers["potilasrekisteri"] || !registers["yhteinen (sote)"] {
		t.Errorf("registers %v lack potilasrekisteri or yhteinen", registers)
	}
	if paper == 0 || electronic == 0 || both == 0 {
		t.Errorf("media: paper %d, electronic %d, both %d", paper, electronic, both)
	}
	dups := 0
	for k, n := range names {
		if n > 1 && !strings.HasSuffix(k, "||") {
			dups++
		}
	}
	if dups != 1 {
		t.Errorf("%d duplicated rows, want exactly one", dups)
	}
}

func TestTOS(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(built["tos.xlsx"]))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("05 Sosiaalitoimi")
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"Tehtäväluokka", "2.15 Asiakirjan tyyppi", "2.11.1 Säilytysaika", "2.11.2 Säilytysajan peruste", "Säilytysajan laskentaperuste", "Rekisteröinti/ Tietojärjestelmä"} {
		found := false
		for _, c := range rows[0] {
			found = found || c == h
		}
		if !found {
			t.Errorf("TOS header lacks %q", h)
		}
	}
	records := 0
	for _, r := range rows[1:] {
		if len(r) > 0 && r[0] == "Asiakirjan metatiedot" {
			records++
		}
	}
	if records < 10 {
		t.Errorf("%d TOS records", records)
	}
	ams, err := f.GetRows("Arkistonmuodostussuunnitelma")
	if err != nil || len(ams) < 5 {
		t.Errorf("AMS sheet: %d rows, %v", len(ams), err)
	}
}
