package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/profile"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// fixture is an inventory file of the inventory package's testdata.
func fixture(name string) string { return filepath.Join("..", "..", "inventory", "testdata", name) }

func TestInventoryGolden(t *testing.T) {
	tests := []struct {
		golden string
		args   []string
		code   int
	}{
		{"inventory_columns_title_block.txt", []string{"inventory", "columns", fixture("layout-title-block.xlsx")}, 0},
		{"inventory_columns_merged_en.txt", []string{"inventory", "columns", "--lang", "en", fixture("layout-merged.xlsx")}, 0},
		{"inventory_columns_task_sheets.txt", []string{"inventory", "columns", fixture("layout-task-sheets.xlsx")}, 0},
		{"inventory_columns_unrecognised.txt", []string{"inventory", "columns", "--lang", "en", fixture("unrecognised.xlsx")}, 3},
		{"inventory_read_row1.txt", []string{"inventory", "read", fixture("layout-row1.xlsx")}, 1},
		{"inventory_read_cp1252_en.txt", []string{"inventory", "read", "--lang", "en", "--fail-on", "warning", fixture("inventory-cp1252-semicolon.csv")}, 1},
		{"inventory_read_swedish.json", []string{"inventory", "read", "--json", fixture("layout-swedish.xlsx")}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			r := runCLI(t, "", tt.args...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tt.code, r.stdout, r.stderr)
			}
			golden(t, tt.golden, r.stdout)
		})
	}
}

func TestInventoryReadJSON(t *testing.T) {
	r := runCLI(t, "", "inventory", "read", "--json", "--fail-on", "info", fixture("inventory-utf8-comma.csv"))
	var got struct {
		Schema    string               `json:"schema"`
		Documents []inventory.Document `json:"documents"`
		Rejected  []json.RawMessage    `json:"rejected"`
		Tallies   []struct {
			Read, Accepted, Rejected, Skipped int
		} `json:"tallies"`
		Sheets  []inventory.Sheet `json:"sheets"`
		Summary struct {
			Failed bool `json:"failed"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	if got.Schema != "kartoitus.inventory/v1" || len(got.Documents) != 8 || len(got.Rejected) != 1 || !got.Summary.Failed || r.code != 1 {
		t.Errorf("schema %q, %d documents, %d rejected, failed %v, exit %d", got.Schema, len(got.Documents), len(got.Rejected), got.Summary.Failed, r.code)
	}
	if tl := got.Tallies[0]; tl.Read != tl.Accepted+tl.Rejected+tl.Skipped {
		t.Errorf("tally does not balance: %+v", tl)
	}
}

func TestInventoryExitCodes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	odd := write("odd.csv", "Dokumentti;Yksikkö;Ohjelma\nHakemus;Lastensuojelu;Lifecare\n")
	mapping := write("map.yaml", "Dokumentti: name\nYksikkö: service_task\nOhjelma: system\n")
	badMapping := write("bad.yaml", "Dokumentti: nimi_x\n")
	clean := write("clean.csv", "Palvelutehtävä;Asiakirjan nimi\nLastensuojelu;Ls-ilmoitus\n")
	warned := write("warned.csv", "Palvelutehtävä;Asiakirjan nimi\nSosiaalipäivystys;Ilmoitus\n")
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no subcommand", []string{"inventory"}, 2, "no subcommand"},
		{"unknown subcommand", []string{"inventory", "frobnicate"}, 2, "unknown subcommand"},
		{"no file", []string{"inventory", "read"}, 2, "give one or more inventory files"},
		{"missing file", []string{"inventory", "read", filepath.Join(dir, "nope.xlsx")}, 2, "no such file"},
		{"bad lang", []string{"inventory", "read", "--lang", "sv", clean}, 2, "--lang"},
		{"bad fail-on", []string{"inventory", "read", "--fail-on", "fatal", clean}, 2, "--fail-on"},
		{"unknown sheet", []string{"inventory", "read", "--sheet", "Perheoikeus", fixture("layout-task-sheets.xlsx")}, 2, `no sheet "Perheoikeus"`},
		{"bad mapping", []string{"inventory", "read", "--columns", badMapping, odd}, 2, "unknown field"},
		{"not an xlsx", []string{"inventory", "read", write("fake.xlsx", "hello")}, 2, "not an xlsx workbook"},
		{"not recognised", []string{"inventory", "read", odd}, 3, `"Dokumentti", "Yksikkö", "Ohjelma"`},
		{"mapping makes it readable", []string{"inventory", "read", "--columns", mapping, odd}, 0, ""},
		{"clean", []string{"inventory", "read", clean}, 0, ""},
		{"warning below fail-on", []string{"inventory", "read", warned}, 0, ""},
		{"warning at fail-on", []string{"inventory", "read", "--fail-on", "warning", warned}, 1, ""},
		{"help", []string{"inventory", "help"}, 0, ""},
		{"sheet filter", []string{"inventory", "read", "--sheet", "Lastensuojelu,Vammaispalvelut", fixture("layout-task-sheets.xlsx")}, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, "", tt.args...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tt.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("stderr %q does not contain %q", r.stderr, tt.stderr)
			}
			if strings.Contains(r.stderr, "goroutine") || strings.Contains(r.stderr, "panic") {
				t.Errorf("stack trace on stderr: %s", r.stderr)
			}
		})
	}
}

func TestInventoryColumnsShowsMapping(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "odd.csv")
	m := filepath.Join(dir, "map.csv")
	os.WriteFile(p, []byte("Dokumentti;Vaihe;Vastuuhenkilö\nHakemus;Päätös;Liisa\n"), 0o644)
	os.WriteFile(m, []byte("header,field\nDokumentti,name\nVastuuhenkilö,ignore\nPuuttuva,notes\n"), 0o644)
	r := runCLI(t, "", "inventory", "columns", "--lang", "en", "--columns", m, p)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"name (Document name) [mapping]", "ignore (ignored (mapping)) [mapping]", "phase (Process phase)",
		`Mapping entries that matched no column: "Puuttuva"`} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestTemplateCommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "inventaario.xlsx")
	r := runCLI(t, "", "template", "-o", out)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	golden(t, "template_fi.txt", strings.ReplaceAll(r.stdout, out, "OUT"))

	// A blank template is readable and recognised, but holds no rows: 3.
	r = runCLI(t, "", "inventory", "columns", out)
	if r.code != 3 || !strings.Contains(r.stdout, "otsikkorivi 1") {
		t.Errorf("blank template: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := runCLI(t, "", "template", "-o", out); r.code != 2 || !strings.Contains(r.stderr, "--force") {
		t.Errorf("overwrite without --force: exit %d %s", r.code, r.stderr)
	}
	if r := runCLI(t, "", "template", "-o", out, "--force", "--lang", "en"); r.code != 0 || !strings.Contains(r.stdout, "sheet Inventory") {
		t.Errorf("--force --lang en: exit %d %s %s", r.code, r.stdout, r.stderr)
	}
	if r := runCLI(t, "", "template", "extra"); r.code != 2 {
		t.Errorf("stray argument: exit %d", r.code)
	}
	if r := runCLI(t, "", "template", "--lang", "de", "-o", filepath.Join(dir, "x.xlsx")); r.code != 2 {
		t.Errorf("bad language: exit %d", r.code)
	}
	r = runCLI(t, "", "template", "-o", "-")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "PK\x03\x04") {
		t.Errorf("-o -: exit %d, output starts %q", r.code, r.stdout[:min(len(r.stdout), 8)])
	}
	// What the command wrote reads back through the package.
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	inv, _ := inventory.Read(f, out, sosmeta.MustDefault(), inventory.Options{})
	if inv == nil || len(inv.Sheets) != 4 || inv.Sheets[3].Status != inventory.SheetInstructions {
		t.Errorf("template read back (instructions, inventory, lists, the profile sheet skipped): %+v", inv)
	}
	// The blank profile sheet is a profile that says nothing yet.
	if _, err := profile.Read(out); err == nil || !strings.Contains(err.Error(), "give y_tunnus or oid") {
		t.Errorf("blank profile sheet: %v", err)
	}
}
