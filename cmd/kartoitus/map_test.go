package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const mapInventory = "testdata/map_inventory.csv"

var mapGeneratedRE = regexp.MustCompile(`"generated": "[^"]*"`)

func TestMapGolden(t *testing.T) {
	for _, c := range []struct {
		golden string
		args   []string
		code   int
	}{
		{"map_findings_fi.txt", []string{"map", "--inventory", mapInventory}, 1},
		{"map_findings_en.json", []string{"map", "--inventory", mapInventory, "--lang", "en", "--format", "json"}, 1},
		{"map_mappings_en.txt", []string{"map", "--inventory", mapInventory, "--lang", "en", "--view", "mappings"}, 1},
		{"map_mappings.csv", []string{"map", "--view", "mappings", "--format", "csv", "--fail-on", "info", mapInventory}, 1},
		{"map_coverage_en.txt", []string{"map", "--inventory", mapInventory, "--lang", "en", "--view", "coverage", "--fail-on", "error"}, 1},
		{"map_coverage_fi.csv", []string{"map", "--inventory", mapInventory, "--view", "coverage", "--format", "csv"}, 1},
		{"map_mappings_threshold.txt", []string{"map", "--inventory", mapInventory, "--lang", "en", "--view", "mappings", "--threshold", "0.9"}, 1},
	} {
		t.Run(c.golden, func(t *testing.T) {
			r := runCLI(t, "", c.args...)
			if r.code != c.code {
				t.Fatalf("exit %d, want %d\nstderr: %s", r.code, c.code, r.stderr)
			}
			golden(t, c.golden, mapGeneratedRE.ReplaceAllString(r.stdout, `"generated": "…"`))
		})
	}
}

// TestMapFindingsJSON checks what the report carries, beyond the golden
// bytes: every rule of the three analyses is listed, findings have both
// languages and a basis.
func TestMapFindingsJSON(t *testing.T) {
	r := runCLI(t, "", "map", "--inventory", mapInventory, "--format", "json")
	var res struct {
		Findings []struct {
			Rule    string            `json:"rule"`
			Message map[string]string `json:"message"`
			Basis   string            `json:"basis"`
		} `json:"findings"`
		Rules []struct {
			ID string `json:"id"`
		} `json:"rules"`
		Inputs []struct {
			Read, Accepted, Rejected, Skipped int
		} `json:"inputs"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
		t.Fatal(err)
	}
	rules := map[string]bool{}
	for _, x := range res.Rules {
		rules[x.ID] = true
	}
	for _, id := range []string{"MAP001", "MAP008", "COV001", "COV005", "REG101", "REG107", "INV001"} {
		if !rules[id] {
			t.Errorf("rule %s not listed", id)
		}
	}
	seen := map[string]bool{}
	for _, f := range res.Findings {
		seen[f.Rule] = true
		if f.Message["fi"] == "" || f.Message["en"] == "" || f.Basis == "" {
			t.Errorf("finding %s lacks a language or basis", f.Rule)
		}
	}
	for _, id := range []string{"MAP001", "MAP002", "MAP003", "MAP004", "MAP005", "COV001", "COV003", "COV004", "COV005", "REG101", "REG102", "REG103", "REG104", "REG107"} {
		if !seen[id] {
			t.Errorf("the sample inventory should give a %s finding", id)
		}
	}
	if len(res.Inputs) != 1 || res.Inputs[0].Read != res.Inputs[0].Accepted+res.Inputs[0].Rejected+res.Inputs[0].Skipped {
		t.Errorf("inputs = %+v", res.Inputs)
	}
}

// TestMapWorkshopLoop: write the template, edit it as a workshop would,
// read it back; decisions hold, and re-running gives the same bytes.
func TestMapWorkshopLoop(t *testing.T) {
	dir := t.TempDir()
	tmpl := filepath.Join(dir, "accepted.csv")
	r := runCLI(t, "", "map", "--inventory", mapInventory, "--write-accepted", tmpl, "--view", "mappings", "--fail-on", "error")
	if r.code != 1 || !strings.Contains(r.stderr, "16 riviä kirjoitettiin tiedostoon "+tmpl) {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	b, err := os.ReadFile(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "map_accepted_template.csv", string(b))

	// The workshop: Työlista is already pre-filled not national (a known
	// local document), the older people's plain
	// "Suunnitelma" is the client plan, the medication list is not ours.
	edited := string(b)
	for old, repl := range map[string]string{
		"Työlista;Lastensuojelu;-;":                           "Työlista;Lastensuojelu;-;",
		"Suunnitelma;Iäkkäiden palvelut;;":                    "Suunnitelma;Iäkkäiden palvelut;15003;",
		"Kotihoidon lääkelista;Iäkkäiden palvelut;;":          "Kotihoidon lääkelista;Iäkkäiden palvelut;ei;",
		"Kotihoidon päätös;Iäkkäiden palvelut;11000;":         "Kotihoidon päätös;Iäkkäiden palvelut;11000 Iäkkäiden palvelupäätös;",
		"Toimintakykyarvio;Vammaispalvelut;1020;Toimintakyky": "Toimintakykyarvio;Vammaispalvelut;1013;Toimintakyky",
	} {
		if !strings.Contains(edited, old) {
			t.Fatalf("template lacks %q:\n%s", old, edited)
		}
		edited = strings.Replace(edited, old, repl, 1)
	}
	if err := os.WriteFile(tmpl, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	first := runCLI(t, "", "map", "--inventory", mapInventory, "--accepted", tmpl, "--view", "mappings", "--format", "json")
	var got struct {
		Documents []struct {
			Name   string `json:"name"`
			Key    string `json:"key"`
			Method string `json:"method"`
		} `json:"documents"`
	}
	if err := json.Unmarshal([]byte(first.stdout), &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Työlista": "", "Suunnitelma": "15003", "Kotihoidon lääkelista": "", "Toimintakykyarvio": "1013", "Huostaanottopäätös": "11023"}
	// The rows the workshop changed are its decisions; the rows left as
	// the tool wrote them (Työlista's "-", Kotihoidon päätös's code with
	// its name appended) keep the recognition they came from.
	decided := map[string]bool{"Suunnitelma": true, "Kotihoidon lääkelista": true, "Toimintakykyarvio": true}
	for _, d := range got.Documents {
		if (d.Method == "accepted") != decided[d.Name] {
			t.Errorf("%q: method %s, accepted only if edited (%v)", d.Name, d.Method, decided[d.Name])
		}
		if d.Name == "Työlista" && d.Method != "local" {
			t.Errorf("Työlista: method %s, want local (recognised as no client document)", d.Method)
		}
		if k, ok := want[d.Name]; ok && d.Key != k {
			t.Errorf("%q: key %q, want %q", d.Name, d.Key, k)
		}
	}
	second := runCLI(t, "", "map", "--inventory", mapInventory, "--accepted", tmpl, "--view", "mappings", "--format", "json")
	if first.stdout != second.stdout {
		t.Error("re-running with the accepted file is not deterministic")
	}
	// Findings: the accepted "not national" document is COV002, no longer
	// MAP001 (Työlista, recognised as no client document, is neither); the
	// accepted code overriding nothing raises no MAP008.
	fr := runCLI(t, "", "map", "--inventory", mapInventory, "--accepted", tmpl, "--format", "csv")
	if strings.Contains(fr.stdout, "MAP001") || strings.Contains(fr.stdout, "MAP002") {
		t.Errorf("undecided findings remain after every row was decided:\n%s", fr.stdout)
	}
	if strings.Count(fr.stdout, "COV002") != 1 || !strings.Contains(fr.stdout, "Kotihoidon lääkelista") {
		t.Errorf("want one COV002 (the lääkelista):\n%s", fr.stdout)
	}
	// Writing the template over the accepted file keeps the decisions.
	again := runCLI(t, "", "map", "--inventory", mapInventory, "--accepted", tmpl, "--write-accepted", tmpl, "--view", "mappings")
	if again.code != 1 {
		t.Fatalf("exit %d: %s", again.code, again.stderr)
	}
	b2, _ := os.ReadFile(tmpl)
	for _, s := range []string{"Työlista;Lastensuojelu;-;", "Suunnitelma;Iäkkäiden palvelut;15003;"} {
		if !strings.Contains(string(b2), s) {
			t.Errorf("rewritten template lost %q:\n%s", s, b2)
		}
	}
}

func TestMapErrors(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.csv")
	os.WriteFile(empty, []byte("Palvelutehtävä;Asiakirjan nimi;Valtakunnallinen asiakirjatyyppi\n"), 0o644)
	noCols := filepath.Join(dir, "nocols.csv")
	os.WriteFile(noCols, []byte("foo;bar\n1;2\n"), 0o644)
	badAcc := filepath.Join(dir, "acc.csv")
	os.WriteFile(badAcc, []byte("x;y\n1;2\n"), 0o644)
	for _, c := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no inventory", []string{"map"}, 2, "give an inventory"},
		{"missing file", []string{"map", "--inventory", filepath.Join(dir, "nope.csv")}, 2, "nope.csv"},
		{"bad threshold", []string{"map", "--inventory", mapInventory, "--threshold", "1.5"}, 2, "--threshold"},
		{"bad view", []string{"map", "--inventory", mapInventory, "--view", "graph"}, 2, "--view"},
		{"junit mappings", []string{"map", "--inventory", mapInventory, "--view", "mappings", "--format", "junit"}, 2, "table, json or csv"},
		{"template to stdout", []string{"map", "--inventory", mapInventory, "--write-accepted", "-"}, 2, "needs a file name"},
		{"header only", []string{"map", "--inventory", empty}, 3, ""},
		{"no known columns", []string{"map", "--inventory", noCols}, 3, ""},
		{"accepted without known columns", []string{"map", "--inventory", mapInventory, "--accepted", badAcc}, 3, "no name and code columns"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, "", c.args...)
			if r.code != c.code || !strings.Contains(r.stderr, c.msg) {
				t.Errorf("exit %d, stderr %q; want exit %d with %q", r.code, r.stderr, c.code, c.msg)
			}
			if strings.Contains(r.stderr, "goroutine") || strings.Contains(r.stderr, "panic") {
				t.Errorf("stack trace in stderr: %s", r.stderr)
			}
		})
	}
}
