package main

import (
	"archive/zip"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixtureExport is the small Sosmeta export of the sosmeta package tests.
var fixtureExport = filepath.Join("..", "..", "sosmeta", "testdata", "sosmeta-export")

func TestCatalogCommands(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		golden string   // stdout snapshot; "" = stdout must be empty
		stdout []string // must appear in stdout (guards the snapshot)
		stderr []string // must appear in stderr
	}{
		{name: "show code", args: []string{"catalog", "show", "--lang", "en", "11023"}, golden: "catalog_show_11023.txt",
			stdout: []string{
				"Päätös lapsen huostaanotosta ja sijaishuollosta",
				"Beslut om omhändertagande av barn och vård utom hemmet",
				"Subject group:  Lastensuojelun sijaishuollon asiakasasiakirjat",
				"Kind:           Päätös",
				"1.2.246.537.6.1506.11023.2023.5.31",
			}},
		{name: "show flags after code", args: []string{"catalog", "show", "--lang", "en", "11023", "--overlay", ""}, golden: "catalog_show_11023.txt"},
		{name: "show obsolete OID", args: []string{"catalog", "show", "--lang", "en", "1.2.246.537.6.1506.15023.2022.9.28"}, golden: "catalog_show_15023.txt",
			stdout: []string{"Vammaispalvelujen asiakassuunnitelma", "current (Valmis)", "Vanhentunut  Vammaispalvelujen palvelusuunnitelma"}},
		{name: "show obsolete name", args: []string{"catalog", "show", "--lang", "en", "Vammaispalvelujen", "palvelusuunnitelma"}, golden: "catalog_show_15023.txt"},
		{name: "show obsolete only", args: []string{"catalog", "show", "--lang", "en", "16004"}, golden: "catalog_show_16004.txt",
			stdout: []string{"obsolete only (Vanhentunut)", "Turvakotipalvelun asiakkaan esitiedot"}},
		{name: "show group", args: []string{"catalog", "show", "--lang", "en", "group:1"}, golden: "catalog_show_group1.txt",
			stdout: []string{"document group 1.2.246.537.6.1505", "R703-01"}},
		{name: "show json", args: []string{"catalog", "show", "--json", "11023"}, golden: "catalog_show_11023.json",
			stdout: []string{`"code": "11023"`, `"phase": "decision"`}},
		{name: "search", args: []string{"catalog", "search", "--lang", "en", "huostaan"}, golden: "catalog_search_huostaan.txt",
			stdout: []string{"11023", "Huostaanottohakemus hallinto-oikeudelle"}},
		{name: "search nothing", args: []string{"catalog", "search", "--lang", "en", "xyzzy"}, stderr: []string{`no document type matches "xyzzy"`}},
		{name: "list task", args: []string{"catalog", "list", "--lang", "en", "--task", "child_welfare"}, golden: "catalog_list_child_welfare.txt",
			stdout: []string{"11023", "Lastensuojeluilmoitus", "(all)"}},
		{name: "list task by name", args: []string{"catalog", "list", "--lang", "en", "--task", "Lastensuojelu"}, golden: "catalog_list_child_welfare.txt"},
		{name: "tasks", args: []string{"catalog", "tasks", "--lang", "en"}, golden: "catalog_tasks.txt",
			stdout: []string{"child_welfare    10    Lastensuojelu", "Toimeentulotuki"}},
		{name: "phases", args: []string{"catalog", "phases", "--lang", "en"}, golden: "catalog_phases.txt"},
		{name: "retention", args: []string{"catalog", "retention", "--lang", "en"}, golden: "catalog_retention.txt"},
		{name: "validate", args: []string{"catalog", "validate", "--lang", "en"}, golden: "catalog_validate.txt",
			stdout: []string{"205 document types (202 current)", "0 errors, 14 warnings"}},
		// Finnish is the default: the tables and notes read Finnish, dates d.m.yyyy.
		{name: "show code fi", args: []string{"catalog", "show", "15023"}, golden: "catalog_show_15023_fi.txt",
			stdout: []string{"Nimi (fi):", "Tila:             voimassa (Valmis)", "(4.11.2024)", "[päätelty oletus]", "Versiot:", "28.9.2022"}},
		{name: "list task fi", args: []string{"catalog", "list", "--task", "child_welfare"}, golden: "catalog_list_child_welfare_fi.txt",
			stdout: []string{"KOODI", "Palvelutarpeen arviointi", "(kaikki)", "voimassa"}},
		{name: "retention fi", args: []string{"catalog", "retention"}, golden: "catalog_retention_fi.txt",
			stdout: []string{"LASKENTAPERUSTE", "asiakkaan kuolemasta"}},
		{name: "validate fi", args: []string{"catalog", "validate"}, stdout: []string{"205 asiakirjatyyppiä (202 voimassa)", "0 virhettä, 14 varoitusta"}, golden: "catalog_validate_fi.txt"},
		{name: "search nothing fi", args: []string{"catalog", "search", "xyzzy"}, stderr: []string{`hakua "xyzzy" vastaavaa asiakirjatyyppiä ei ole`}},
		{name: "bad lang", args: []string{"catalog", "list", "--lang", "de"}, code: 2, stderr: []string{"--lang"}},
		{name: "help", args: []string{"catalog", "help"}, golden: "catalog_help.txt", stdout: []string{"import SRC -o FILE"}},

		{name: "no subcommand", args: []string{"catalog"}, code: 2, stderr: []string{"catalog: no subcommand", "Subcommands:"}},
		{name: "unknown subcommand", args: []string{"catalog", "shwo"}, code: 2, stderr: []string{`unknown subcommand "shwo"`}},
		{name: "unknown code", args: []string{"catalog", "show", "99999"}, code: 2, stderr: []string{`no document type "99999"`}},
		{name: "unknown name with hint", args: []string{"catalog", "show", "huostaanotto"}, code: 2,
			stderr: []string{`no document type "huostaanotto"; did you mean: `, "3004 Huostaanottohakemus hallinto-oikeudelle"}},
		{name: "show without argument", args: []string{"catalog", "show"}, code: 2, stderr: []string{"give a code, OID or name"}},
		{name: "search without query", args: []string{"catalog", "search"}, code: 2, stderr: []string{"give a query"}},
		{name: "unknown task", args: []string{"catalog", "list", "--task", "elderly"}, code: 2, stderr: []string{`--task: unknown service task "elderly"`}},
		{name: "stray argument", args: []string{"catalog", "tasks", "extra"}, code: 2, stderr: []string{`catalog tasks: unexpected argument "extra"`}},
		{name: "unknown flag", args: []string{"catalog", "list", "--colour"}, code: 2, stderr: []string{"flag provided but not defined: -colour"}},
		{name: "missing catalog file", args: []string{"catalog", "show", "--catalog", "no-such.csv", "11023"}, code: 2,
			stderr: []string{"unreadable input", "no-such.csv"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, "", tt.args...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d\nstderr: %s", r.code, tt.code, r.stderr)
			}
			if tt.golden != "" {
				golden(t, tt.golden, r.stdout)
			} else if r.stdout != "" {
				t.Errorf("unexpected stdout: %s", r.stdout)
			}
			for _, s := range tt.stdout {
				if !strings.Contains(r.stdout, s) {
					t.Errorf("stdout lacks %q", s)
				}
			}
			for _, s := range tt.stderr {
				if !strings.Contains(r.stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, r.stderr)
				}
			}
		})
	}
}

func TestCatalogOverlayErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, overlay string
		want          []string
	}{
		{"unknown task", "tasks:\n  \"15012\": [elderly]\n", []string{`tasks["15012"]: unknown service task "elderly"`}},
		{"unknown code", "phases:\n  \"99999\": decision\n", []string{`phases["99999"]: unknown document type`}},
		{"unknown key", "synonym:\n  PTA: \"1000\"\n", []string{"field synonym not found"}},
		{"bad start", "retention:\n  - id: L1\n    start: sometime\n", []string{`retention[0]: (L1) field start: "sometime"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".yaml")
			if err := os.WriteFile(path, []byte(tt.overlay), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{
				{"catalog", "show", "--overlay", path, "11023"},
				{"catalog", "validate", "--overlay", path},
			} {
				r := runCLI(t, "", args...)
				if r.code != 2 || r.stdout != "" {
					t.Errorf("%v: exit %d, stdout %q; want 2 and nothing", args, r.code, r.stdout)
				}
				for _, w := range append([]string{"kartoitus: unreadable input: " + path + ": "}, tt.want...) {
					if !strings.Contains(r.stderr, w) {
						t.Errorf("%v: stderr lacks %q:\n%s", args, w, r.stderr)
					}
				}
			}
		})
	}
}

func TestCatalogOverlayApplied(t *testing.T) {
	path := filepath.Join(t.TempDir(), "local.yaml")
	os.WriteFile(path, []byte("tasks:\n  \"11023\": [child_welfare, families]\nphases:\n  \"11023\": Toteutus\n"), 0o644)
	r := runCLI(t, "", "catalog", "show", "--lang", "en", "--overlay", path, "11023")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, w := range []string{"Lastensuojelu (child_welfare); Lapsiperheiden palvelut (families)  [overlay]", "5. Palvelun toteuttaminen ja seuranta (implementation)  [overlay]"} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("stdout lacks %q:\n%s", w, r.stdout)
		}
	}
}

// normTemp replaces a temporary folder in output with $TMP for snapshots.
func normTemp(s, dir string) string { return strings.ReplaceAll(s, dir, "$TMP") }

func TestCatalogImport(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "sosmeta.csv")

	// Flags after the source, as in 'kartoitus catalog import SRC -o FILE'.
	r := runCLI(t, "", "catalog", "import", fixtureExport, "-o", out)
	if r.code != 0 || r.stdout != "" {
		t.Fatalf("import: exit %d stdout %q\n%s", r.code, r.stdout, r.stderr)
	}
	golden(t, "catalog_import_summary.txt", normTemp(filepath.ToSlash(r.stderr), filepath.ToSlash(dir)))
	for _, w := range []string{"read 10 schema files", "10 structures: 7 Valmis, 3 Vanhentunut; 8 document types", "0 errors, 0 warnings", "0 new or changed"} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("summary lacks %q", w)
		}
	}
	written, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "catalog_import.csv", string(written))

	// The imported catalogue shows 11023 exactly as the embedded one does.
	embedded := runCLI(t, "", "catalog", "show", "11023")
	imported := runCLI(t, "", "catalog", "show", "--catalog", out, "11023")
	if imported.code != 0 || imported.stdout != embedded.stdout {
		t.Errorf("show --catalog: exit %d\n%s\nwant\n%s", imported.code, imported.stdout, embedded.stdout)
	}
	r = runCLI(t, "", "catalog", "list", "--lang", "en", "--all", "--catalog", out)
	if r.code != 0 {
		t.Fatalf("list --catalog: exit %d: %s", r.code, r.stderr)
	}
	golden(t, "catalog_import_list.txt", r.stdout)

	// Without -o the CSV goes to stdout; a zip of the same export gives
	// the same CSV.
	r = runCLI(t, "", "catalog", "import", fixtureExport)
	if r.code != 0 || r.stdout != string(written) {
		t.Errorf("import to stdout: exit %d, output differs from the -o file:\n%s", r.code, r.stdout)
	}
	zipPath := filepath.Join(dir, "sosmeta.zip")
	zipFolder(t, fixtureExport, zipPath)
	r = runCLI(t, "", "catalog", "import", "-o", "-", zipPath)
	if r.code != 0 || r.stdout != string(written) {
		t.Errorf("import of the zip: exit %d, output differs from the folder import:\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}

func TestCatalogImportErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join("..", "..", "sosmeta", "testdata", "sosmeta-bad")
	out := filepath.Join(dir, "out.csv")
	empty := t.TempDir()

	r := runCLI(t, "", "catalog", "import", "-o", out, bad)
	if r.code != 2 {
		t.Errorf("bad files: exit %d, want 2", r.code)
	}
	for _, w := range []string{
		"error: " + filepath.Join(bad, "Valmis", "1.2.246.537.6.1506.11023.2023.5.31.json") + ": field sosmeta.oid: missing",
		"error: " + filepath.Join(bad, "Valmis", "1.2.246.537.6.1506.15023.2024.11.4.json") + ": field properties.vammaispalvelujen_asiakassuunnitelma.sosmeta.name: missing",
		"error: " + filepath.Join(bad, "Vanhentunut", "1.2.246.537.6.1506.16004.2023.9.8.json") + ": bad JSON at line 10",
		"5 of 6 schema files have errors; nothing written",
	} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed import wrote its output file")
	}

	r = runCLI(t, "", "catalog", "import", "--skip-bad", "-o", out, bad)
	if r.code != 0 {
		t.Errorf("--skip-bad: exit %d: %s", r.code, r.stderr)
	}
	b, _ := os.ReadFile(out)
	if lines := strings.Count(string(b), "\n"); lines != 2 || !strings.Contains(string(b), "1.2.246.537.6.1506.1000.2023.9.8") {
		t.Errorf("--skip-bad wrote %d lines:\n%s", lines, b)
	}

	for _, tt := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"empty folder", []string{empty}, 3, "nothing recognised: catalog import: no Sosmeta schema files in " + empty + ": no files"},
		{"not a schema", []string{filepath.Join(bad, "not-a-schema.json")}, 3, `the .json file has no top-level "sosmeta" object`},
		{"missing source", []string{filepath.Join(dir, "nope")}, 2, "unreadable input: catalog import: stat " + filepath.Join(dir, "nope")},
		{"no source", nil, 2, "give one source"},
		{"two sources", []string{bad, empty}, 2, "give one source"},
		{"unwritable output", []string{"-o", filepath.Join(dir, "no", "such", "dir.csv"), fixtureExport}, 2, "unreadable input: catalog import: write " + filepath.Join(dir, "no", "such", "dir.csv") + ": "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, "", append([]string{"catalog", "import"}, tt.args...)...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, want %d; stderr lacks %q:\n%s", r.code, tt.code, tt.want, r.stderr)
			}
		})
	}
}

// zipFolder writes dir as a zip with forward-slash member names.
func zipFolder(t *testing.T, dir, zipPath string) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		w, err := zw.Create(filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	})
	if err == nil {
		err = zw.Close()
	}
	if err == nil {
		err = os.WriteFile(zipPath, buf.Bytes(), 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
}
