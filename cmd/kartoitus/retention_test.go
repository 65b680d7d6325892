package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

var retentionGeneratedRE = regexp.MustCompile(`"generated": "[^"]*"`)

const (
	retInv     = "testdata/retention_inventory.csv"
	retTOS     = "testdata/retention_tos.csv"
	retOverlay = "testdata/retention_overlay.yaml"
	helsinkiWB = "../../tos/testdata/helerm_00_00_01_02.xlsx"
)

func TestRetentionGolden(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name   string
		args   []string
		golden string
		draft  string // draft file written, compared with golden retention_<draft>
	}{
		{"table fi", []string{"--inventory", retInv, "--tos", retTOS, "--overlay", retOverlay, "--draft", filepath.Join(dir, "draft_fi.csv")},
			"retention_table_fi.txt", "draft_fi.csv"},
		{"json en", []string{"--lang", "en", "--format", "json", "--inventory", retInv, "--tos", retTOS, "--overlay", retOverlay,
			"--draft", filepath.Join(dir, "draft_en.json")}, "retention_findings_en.json", "draft_en.json"},
		{"csv without overlay", []string{"--format", "csv", "--tos", retTOS, retInv}, "retention_no_overlay.csv", ""},
		{"inventory columns only", []string{"--lang", "en", retInv}, "retention_inventory_only_en.txt", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, "", append([]string{"retention"}, c.args...)...)
			if r.code != 1 {
				t.Fatalf("exit %d, want 1 (the fixture has errors)\n%s", r.code, r.stderr)
			}
			golden(t, c.golden, retentionGeneratedRE.ReplaceAllString(r.stdout, `"generated": "…"`))
			if c.draft != "" {
				b, err := os.ReadFile(filepath.Join(dir, c.draft))
				if err != nil {
					t.Fatal(err)
				}
				golden(t, "retention_draft_"+strings.TrimPrefix(c.draft, "draft_"), string(b))
				// The note is in the run's language: Finnish by default.
				if !strings.Contains(r.stderr, "wrote the TOS draft (10 rows)") && !strings.Contains(r.stderr, "TOS-luonnos (10 riviä)") {
					t.Errorf("stderr %q", r.stderr)
				}
			}
		})
	}
}

// TestRetentionDraftRows checks the bundled fixture's draft row by row:
// one row per national type (or annex document group) and service task,
// with the law's period, start and row, and the status against the TOS.
func TestRetentionDraftRows(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.json")
	r := runCLI(t, "", "retention", "--inventory", retInv, "--tos", retTOS, "--overlay", retOverlay, "--draft", path)
	if r.code != 1 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Rows []struct {
			Task   string `json:"service_task"`
			Key    string `json:"key"`
			Name   string `json:"name_fi"`
			Years  int    `json:"years"`
			Start  string `json:"start"`
			Rule   string `json:"rule_id"`
			Status string `json:"status"`
		} `json:"rows"`
	}
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"working_age 3012 10 case_closed R703-03 ok",
		"working_age  3 none R703-09 missing",              // Tositteet: annex group found by name
		"older_people 1000 10 case_closed R703-04 missing", // the inventory's "10" is no TOS row once a TOS is read
		"older_people  12 decision_validity_end R703-10 differs",
		"substance_abuse 1008 10 case_closed R703-05 missing",
		"disability 1013 10 last_case_closed R703-06 differs",
		"child_welfare 4009 2 client_death R703-07 ok",
		"child_welfare 15009 2 client_death R703-07 missing",
		"child_welfare 11023 2 client_death R703-07 differs",
		"family_law 7016 120 child_birth R703-08a differs",
	}
	var got []string
	for _, r := range d.Rows {
		got = append(got, strings.Join([]string{r.Task, r.Key, itoa(r.Years), r.Start, r.Rule, r.Status}, " "))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("draft rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

func TestRetentionHelsinkiWorkbook(t *testing.T) {
	r := runCLI(t, "", "retention", "--lang", "en", "--format", "json", "--inventory", retInv, "--tos", helsinkiWB)
	if r.code != 1 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var res struct {
		Inputs []struct {
			Source   string `json:"source"`
			Read     int    `json:"read"`
			Accepted int    `json:"accepted"`
			Rejected int    `json:"rejected"`
		} `json:"inputs"`
		Summary struct {
			ByRule map[string]int `json:"by_rule"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, in := range res.Inputs {
		if strings.Contains(in.Source, "helerm_00_00_01_02.xlsx") {
			found = in.Accepted == 39 && in.Rejected == 0
		}
	}
	if !found {
		t.Errorf("Helsinki workbook tally: %+v", res.Inputs)
	}
	// An administrative TOS covers none of the social-welfare documents:
	// every one of its 39 rows is reported unused, and it is noted once
	// that its class is no social-welfare service task.
	if res.Summary.ByRule["RET012"] != 39 || res.Summary.ByRule["TOS006"] != 1 {
		t.Errorf("by rule %v", res.Summary.ByRule)
	}
}

func TestRetentionDraftXLSX(t *testing.T) {
	path := filepath.Join(t.TempDir(), "luonnos.xlsx")
	r := runCLI(t, "", "retention", "--inventory", retInv, "--tos", retTOS, "--draft", path, "--fail-on", "error")
	if r.code != 1 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("TOS-luonnos")
	if err != nil || len(rows) != 11 || rows[0][0] != "Palvelutehtävä" {
		t.Fatalf("rows %d %v", len(rows), err)
	}
}

func TestRetentionExitCodes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cleanInv := write("inv.csv", "Palvelutehtävä;Asiakirjan nimi;Valtakunnallinen asiakirjatyyppi;Paperinen/sähköinen\n"+
		"Lastensuojelu;Lastensuojeluilmoitus;4009;sähköinen\nIäkkäiden palvelut;Asiakasmaksupäätös;;paperi\n")
	cleanTOS := write("tos.csv", "Asiakirja;Koodi;Säilytysaika;Säilytysajan laskentaperuste;Tallennusmuoto;Digitointipäätös\n"+
		"Lastensuojeluilmoitus;4009;2;asiakkaan kuolemasta;sähköinen;\n"+
		"Asiakasmaksupäätös;;12;päätöksen voimassaolon päättymisestä;paperi;ei digitoida, paperi arkistoon\n")
	longTOS := write("long.csv", "Asiakirja;Koodi;Säilytysaika;Säilytysajan laskentaperuste;Tallennusmuoto;Digitointipäätös\n"+
		"Lastensuojeluilmoitus;4009;5;asiakkaan kuolemasta;sähköinen;\n"+
		"Asiakasmaksupäätös;;12;päätöksen voimassaolon päättymisestä;paperi;ei digitoida\n")
	amsOnly := write("ams.csv", "Asiakirja;Säilytysaika;Säilytysajan laskentaperuste;Digitointipäätös\nAsiakasmaksupäätös;12;päätöksen voimassaolon päättymisestä;ei digitoida\n")
	tosOnly := write("tos-only.csv", "Asiakirja;Koodi;Säilytysaika;Säilytysajan laskentaperuste\nLastensuojeluilmoitus;4009;2;asiakkaan kuolemasta\n")
	cases := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"clean", []string{"--inventory", cleanInv, "--tos", cleanTOS}, 0, ""},
		{"--ams file for the paper rows", []string{"--inventory", cleanInv, "--tos", tosOnly, "--ams", amsOnly}, 0, ""},
		{"info only, fail on warning", []string{"--inventory", cleanInv, "--tos", longTOS, "--fail-on", "warning"}, 0, ""},
		{"info only, fail on info", []string{"--inventory", cleanInv, "--tos", longTOS, "--fail-on", "info"}, 1, ""},
		{"no TOS: every document lacks one", []string{"--inventory", cleanInv}, 1, "no --tos or --ams given"},
		{"no inventory", []string{"--tos", cleanTOS}, 2, "give an inventory"},
		{"bad draft name", []string{"--inventory", cleanInv, "--draft", "draft.txt"}, 2, "want a .xlsx, .csv, .json or .xml"},
		{"draft to stdout", []string{"--inventory", cleanInv, "--draft", "-"}, 2, "want a .xlsx, .csv, .json or .xml"},
		{"bad controller", []string{"--inventory", cleanInv, "--controller", "kunta"}, 2, `--controller: unknown controller "kunta" (want public or private)`},
		{"bad horizon", []string{"--inventory", cleanInv, "--horizon", "-5"}, 2, "--horizon must be a number of years"},
		{"bad threshold", []string{"--inventory", cleanInv, "--threshold", "2"}, 2, "--threshold"},
		{"missing TOS file", []string{"--inventory", cleanInv, "--tos", filepath.Join(dir, "nope.csv")}, 2, "nope.csv"},
		{"missing inventory", []string{"--inventory", filepath.Join(dir, "nope.csv")}, 2, "nope.csv"},
		{"TOS not recognised", []string{"--inventory", cleanInv, "--tos", write("x.csv", "Tuote;Hinta\nkahvi;2\n")}, 3, "no TOS/AMS columns recognised"},
		{"TOS without rows", []string{"--inventory", cleanInv, "--tos", write("h.csv", "Asiakirja;Säilytysaika\n")}, 3, "no data rows"},
		{"old Excel TOS", []string{"--inventory", cleanInv, "--tos", write("old.xls", "\xd0\xcf\x11\xe0")}, 2, ".xlsx or .csv"},
		{"bad overlay", []string{"--inventory", cleanInv, "--overlay", write("o.yaml", "archival:\n  - id: X\n    birth_days: [40]\n")}, 2, "birth_days"},
		{"unknown flag", []string{"--inventory", cleanInv, "--nope"}, 2, "nope"},
		{"JHS 191 draft with nothing to write", []string{"--inventory", write("notask.csv", "Asiakirjan nimi;Tallennusmuoto\nMuistiinpanot;sähköinen\n"),
			"--draft", filepath.Join(dir, "none.xml")}, 3, "no draft row has a law period"},
		{"JHS 191 TOS not a TOS", []string{"--inventory", cleanInv, "--tos", write("x.xml", "<html/>")}, 3, "root element <html> is not a JHS 191 TOS"},
		{"JHS 191 TOS broken", []string{"--inventory", cleanInv, "--tos", write("y.xml", "<Tos><Luokka></Tos>")}, 2, "not well-formed XML"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, "", append([]string{"retention"}, c.args...)...)
			if r.code != c.code || !strings.Contains(r.stderr, c.stderr) {
				t.Fatalf("exit %d, want %d; stderr %q want %q\nstdout:\n%s", r.code, c.code, r.stderr, c.stderr, r.stdout)
			}
			if strings.Contains(r.stderr, "goroutine") || strings.Contains(r.stderr, "panic") {
				t.Fatalf("stack trace on stderr:\n%s", r.stderr)
			}
		})
	}
}

func TestRetentionHelp(t *testing.T) {
	r := runCLI(t, "", "retention", "-h")
	if r.code != 0 || !strings.Contains(r.stderr, "--draft") || !strings.Contains(r.stderr, "RET008") {
		t.Fatalf("help: exit %d\n%s", r.code, r.stderr)
	}
}

// TestRetentionSampleDraft: the TOS draft of the bundled sample
// organisation (samples/, Hoivapolku Oy), row by row: one row per national
// type and service task the organisation produces, with the 703/2023 row,
// period and start event; and the gaps samples/README.md lists for its
// TOS and AMS show up on the right rows. If the sample generator changes,
// review the draft and update this table.
func TestRetentionSampleDraft(t *testing.T) {
	path := filepath.Join(t.TempDir(), "draft.json")
	r := runCLI(t, "", "retention", "--format", "csv", "--inventory", "../../samples/inventory.xlsx", "--tos", "../../samples/tos.xlsx", "--draft", path)
	if r.code != 1 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Rows []struct {
			Task     string   `json:"service_task"`
			Key      string   `json:"key"`
			Rule     string   `json:"rule_id"`
			Years    int      `json:"years"`
			Start    string   `json:"start"`
			Period   string   `json:"period"`
			Basis    string   `json:"basis"`
			Findings []string `json:"findings"`
		} `json:"rows"`
	}
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"working_age 4002 R703-03 10 case_closed",
		"working_age 1003 R703-03 10 case_closed",
		"working_age 15001 R703-03 10 case_closed",
		"working_age 19010 R703-14 12 log_event", // a disclosure record: the annex's luovutus row, by name
		"working_age 16009 R703-03 10 case_closed",
		"older_people 3005 R703-04 10 case_closed",
		"older_people 4006 R703-04 10 case_closed",
		"older_people 1000 R703-04 10 case_closed",
		"older_people 7009 R703-04 10 case_closed",
		"older_people 13007 R703-04 10 case_closed",
		"older_people 14003 R703-04 10 case_closed",
		"older_people 15003 R703-04 10 case_closed",
		"older_people 15004 R703-04 10 case_closed",
		"older_people 9001 R703-04 10 case_closed",
		"older_people 19004 R703-04 10 case_closed",
		"older_people 19007 R703-04 10 case_closed",
		"older_people 19008 R703-04 10 case_closed",
		"disability 3013 R703-06 10 last_case_closed",
		"disability 1013 R703-06 10 last_case_closed",
		"disability 15023 R703-06 10 last_case_closed",
		"disability 11040 R703-06 10 last_case_closed",
		"disability 16001 R703-06 10 last_case_closed",
		"disability 16007 R703-06 10 last_case_closed",
		"disability 19007 R703-06 10 last_case_closed",
		"child_welfare 4009 R703-07 2 client_death",
		"child_welfare 16002 R703-07 2 client_death",
		"child_welfare 15002 R703-07 2 client_death",
		"child_welfare 15009 R703-07 2 client_death",
		"child_welfare 15010 R703-07 2 client_death",
		"child_welfare 15022 R703-07 2 client_death",
		"child_welfare 11009 R703-07 2 client_death",
		"child_welfare 11050 R703-07 2 client_death",
		"child_welfare 16005 R703-07 2 client_death",
		"child_welfare 19007 R703-07 2 client_death",
	}
	var got []string
	findings := map[string][]string{}
	for _, row := range d.Rows {
		got = append(got, strings.Join([]string{row.Task, row.Key, row.Rule, itoa(row.Years), row.Start}, " "))
		findings[row.Task+" "+row.Key] = row.Findings
		if row.Period == "" || row.Basis != "703/2023 liite" {
			t.Errorf("%s %s: period %q basis %q", row.Task, row.Key, row.Period, row.Basis)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("sample draft rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// samples/README.md, "TOS and AMS".
	for row, ids := range map[string][]string{
		"older_people 15004":  {"RET005", "RET006"}, // HOPA: 6 y from the document date
		"older_people 19008":  {"RET005", "RET006"}, // 5 y, citing 254/2015
		"older_people 19004":  {"RET006"},           // the client's death instead of the case's closing
		"disability 11040":    {"RET005", "RET006"}, // 'Asian lopullinen ratkaisu' comes before the last disability case closes
		"child_welfare 4009":  {"RET005", "RET006"}, // 30 y from the document date: may end before 2 y from the death
		"older_people 9001":   {"RET005", "RET006"}, // AMS: 6 y from the end of the financial year
		"child_welfare 16002": {"RET004"},           // AMS series without a period
		"child_welfare 16005": {"RET006"},           // 10 y without a start event: longer than 2 y from the death only if counted from it
	} {
		for _, id := range ids {
			if !slices.Contains(findings[row], id) {
				t.Errorf("%s: findings %v, want %s", row, findings[row], id)
			}
		}
	}
	// The KTT rows (no national type) are still checked, by name and task.
	for _, s := range []string{`"KTT-sopimus"`, `"Kuntouttavan työtoiminnan sopimus"`, `"Yhteydenotto omaiselta"`} {
		if !strings.Contains(r.stdout, s) {
			t.Errorf("report does not mention %s", s)
		}
	}
}

// TestRetentionDraftJHS191: --draft FILE.xml writes JHS 191 TOS XML that
// validates against the schema (xmllint; CI fails without it), and --tos
// reads it back: the draft, as the TOS, leaves no period finding.
func TestRetentionDraftJHS191(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tos.xml")
	r := runCLI(t, "", "retention", "--inventory", retInv, "--tos", retTOS, "--overlay", retOverlay, "--draft", path)
	if r.code != 1 || !strings.Contains(r.stderr, "TOS-luonnos (10 riviä) kirjoitettiin tiedostoon "+path) {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<tos:Tos xmlns:tos="http://skeemat.jhs-suositukset.fi/tos/2015/01/15">`) {
		t.Fatalf("not JHS 191 XML:\n%.300s", b)
	}
	lint, err := exec.LookPath("xmllint")
	switch {
	case err == nil:
		if out, err := exec.Command(lint, "--noout", "--nonet", "--schema", "../../tos/testdata/jhs191/Skeema_TOS_kooste.xsd", path).CombinedOutput(); err != nil {
			t.Errorf("xmllint: %v\n%s", err, out)
		}
	case os.Getenv("CI") != "":
		t.Error("xmllint not found: CI must install libxml2-utils")
	default:
		t.Log("xmllint not installed: schema validation skipped")
	}
	// Read back as the organisation's TOS: no finding on a plan row (the
	// inventory's own retention column is still compared, and the
	// document without a service task still has no row).
	r = runCLI(t, "", "retention", "--lang", "en", "--format", "json", "--inventory", retInv, "--tos", path, "--overlay", retOverlay)
	var res struct {
		Findings []struct {
			Rule     string              `json:"rule"`
			Message  struct{ EN string } `json:"message"`
			Location struct {
				File string `json:"file"`
			} `json:"location"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
		t.Fatalf("%v\n%s", err, r.stderr)
	}
	for _, f := range res.Findings {
		if f.Location.File == path || (f.Rule != "RET003" && f.Rule != "RET008" && f.Rule != "RET009" && !strings.Contains(f.Message.EN, "Muistiinpanot")) {
			t.Errorf("the draft read back as the TOS: %s at %s: %s", f.Rule, f.Location.File, f.Message.EN)
		}
	}
}

// TestRetentionController: --controller picks the law RET001/RET002 cite.
func TestRetentionController(t *testing.T) {
	for ctl, want := range map[string]string{
		"":        "Viranomainen: Arkistolaki 831/1994 § 8 mom 2; Tiedonhallintalaki 906/2019 § 5. Yksityinen palveluntuottaja: 703/2023 §§ 23–24",
		"public":  "Arkistolaki 831/1994 § 8 mom 2; Tiedonhallintalaki 906/2019 § 5",
		"private": "703/2023 §§ 23–24; Kela 2020",
	} {
		args := []string{"retention", "--format", "json", "--inventory", retInv}
		if ctl != "" {
			args = append(args, "--controller", ctl)
		}
		r := runCLI(t, "", args...)
		var res struct {
			Findings []struct {
				Rule  string `json:"rule"`
				Basis string `json:"basis"`
			} `json:"findings"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
			t.Fatalf("%v\n%s", err, r.stderr)
		}
		n := 0
		for _, f := range res.Findings {
			if f.Rule != "RET001" && f.Rule != "RET002" {
				continue
			}
			n++
			if !strings.HasPrefix(f.Basis, want) || (ctl == "public" && strings.Contains(f.Basis, "703/2023")) || (ctl == "private" && strings.Contains(f.Basis, "Arkistolaki")) {
				t.Errorf("--controller %q: %s basis %q", ctl, f.Rule, f.Basis)
			}
		}
		if n == 0 {
			t.Errorf("--controller %q: no RET001/RET002 to check", ctl)
		}
	}
}
