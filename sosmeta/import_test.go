package sosmeta

import (
	"archive/zip"
	"bytes"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

const exportDir = "testdata/sosmeta-export"

// The fixture export's structures; importing it must give exactly the
// embedded rows of these OIDs.
var exportOIDs = []string{
	"1.2.246.537.6.1505.2.2020.4.7",
	"1.2.246.537.6.1505.2.2022.6.28",
	"1.2.246.537.6.1506.1000.2023.9.8",
	"1.2.246.537.6.1506.1021.2024.4.8",
	"1.2.246.537.6.1506.11005.2024.11.29",
	"1.2.246.537.6.1506.11023.2023.5.31",
	"1.2.246.537.6.1506.11037.2024.11.4",
	"1.2.246.537.6.1506.15023.2022.9.28",
	"1.2.246.537.6.1506.15023.2024.11.4",
	"1.2.246.537.6.1506.16004.2023.9.8",
}

// embeddedVersion finds the embedded row of a structure OID.
func embeddedVersion(t *testing.T, oid string) Version {
	t.Helper()
	d := MustDefault().ByOID(oid)
	if d == nil {
		t.Fatalf("%s not in the embedded catalogue", oid)
	}
	for _, v := range d.Versions {
		if v.StructureOID == oid {
			return v
		}
	}
	t.Fatalf("%s: no such version of %s", oid, d.Key())
	return Version{}
}

func checkImportedFixtures(t *testing.T, res *ImportResult) {
	t.Helper()
	if len(res.Problems) != 0 {
		for _, p := range res.Problems {
			t.Errorf("problem: %v (warning %v)", p, p.Warning)
		}
	}
	var got []string
	for _, v := range res.Versions {
		got = append(got, v.StructureOID)
		if want := embeddedVersion(t, v.StructureOID); v != want {
			t.Errorf("%s imported as\n%+v\nembedded\n%+v", v.StructureOID, v, want)
		}
	}
	if !slices.Equal(got, exportOIDs) {
		t.Errorf("imported %v\nwant %v", got, exportOIDs)
	}
	if res.Files != len(exportOIDs) || res.Count(Valid) != 7 || res.Count(Obsolete) != 3 {
		t.Errorf("files %d, valid %d, obsolete %d; want %d, 7, 3", res.Files, res.Count(Valid), res.Count(Obsolete), len(exportOIDs))
	}
}

func TestImportFolder(t *testing.T) {
	res, err := Import(exportDir)
	if err != nil {
		t.Fatal(err)
	}
	checkImportedFixtures(t, res)
	if want := []string{filepath.Join(exportDir, "README.txt")}; !slices.Equal(res.Skipped, want) {
		t.Errorf("skipped %v, want %v", res.Skipped, want)
	}
}

func TestImportZip(t *testing.T) {
	zipPath := filepath.Join(t.TempDir(), "all_sosmeta_schemas.zip")
	writeZip(t, zipPath, exportDir, map[string]string{
		// What a zip made on a Mac carries; must be skipped, not parsed.
		"__MACOSX/Valmis/._1.2.246.537.6.1506.1000.2023.9.8.json": "\x00\x05\x16\x07",
		"Valmis/.DS_Store": "junk",
	})
	res, err := Import(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	checkImportedFixtures(t, res)
	want := []string{zipPath + "!README.txt", zipPath + "!Valmis/.DS_Store",
		zipPath + "!__MACOSX/Valmis/._1.2.246.537.6.1506.1000.2023.9.8.json"}
	if !slices.Equal(res.Skipped, want) {
		t.Errorf("skipped %v\nwant %v", res.Skipped, want)
	}
}

// writeZip zips dir (with forward-slash member names) plus extra members.
func writeZip(t *testing.T, zipPath, dir string, extra map[string]string) {
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
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range slices.Sorted(maps.Keys(extra)) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(extra[name]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(zipPath, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestImportSymlinkedFolder(t *testing.T) {
	abs, err := filepath.Abs(exportDir)
	if err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "export")
	if err := os.Symlink(abs, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	res, err := Import(link)
	if err != nil {
		t.Fatal(err)
	}
	checkImportedFixtures(t, res)
	if want := filepath.Join(link, "README.txt"); len(res.Skipped) != 1 || res.Skipped[0] != want {
		t.Errorf("skipped %v, want [%s]", res.Skipped, want)
	}
}

func TestImportSingleFile(t *testing.T) {
	p := filepath.Join(exportDir, "Valmis", "1.2.246.537.6.1506.11023.2023.5.31.json")
	res, err := Import(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Versions) != 1 || res.Versions[0] != embeddedVersion(t, "1.2.246.537.6.1506.11023.2023.5.31") {
		t.Errorf("got %+v", res.Versions)
	}
}

func TestImportBadFiles(t *testing.T) {
	dir := "testdata/sosmeta-bad"
	res, err := Import(dir)
	if err != nil {
		t.Fatal(err)
	}
	// The one good file is still imported.
	if len(res.Versions) != 1 || res.Versions[0].Code != "1000" {
		t.Errorf("versions %+v, want only 1000", res.Versions)
	}
	f := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	want := []string{
		f("Valmis/1.2.246.537.6.1506.11023.2023.5.31.json") + ": field sosmeta.oid: missing",
		f("Valmis/1.2.246.537.6.1506.15023.2024.11.4.json") + ": field properties.vammaispalvelujen_asiakassuunnitelma.sosmeta.name: missing",
		f("Valmis/1.2.246.537.6.1507.1021.2024.4.8.json") + ": field sosmeta.oid: \"1.2.246.537.6.1507.1021.2024.4.8\" is not a Sosmeta client-document structure",
		f("Vanhentunut/1.2.246.537.6.1506.16004.2023.9.8.json") + ": bad JSON at line 10, column 44: unexpected end of JSON input",
		f("not-a-schema.json") + ": field sosmeta: missing: not a Sosmeta schema",
	}
	var got []string
	for _, p := range res.Problems {
		got = append(got, p.Error())
	}
	if len(got) != len(want) {
		t.Errorf("%d problems, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for _, w := range want {
		if !slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, w) }) {
			t.Errorf("no problem starting %q in\n%s", w, strings.Join(got, "\n"))
		}
	}
	if res.Errors() != 5 || res.Warnings() != 0 || res.BadFiles() != 5 || res.Files != 6 {
		t.Errorf("errors %d warnings %d bad files %d files %d; want 5 0 5 6", res.Errors(), res.Warnings(), res.BadFiles(), res.Files)
	}
}

func TestImportNothingRecognised(t *testing.T) {
	empty := t.TempDir()
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "inventory.xlsx"), []byte("PK"), 0o644)
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("x"), 0o644)
	fhir := t.TempDir()
	os.WriteFile(filepath.Join(fhir, "StructureDefinition-x.json"), []byte(`{"resourceType":"StructureDefinition"}`), 0o644)
	os.WriteFile(filepath.Join(fhir, "list.json"), []byte(`[1,2]`), 0o644)
	csvFile := filepath.Join(other, "notes.txt")
	emptyZip := filepath.Join(t.TempDir(), "empty.zip")
	writeZip(t, emptyZip, t.TempDir(), nil)

	tests := []struct {
		src  string
		want string
	}{
		{empty, "no files"},
		{other, "no .json files; saw " + filepath.Join(other, "inventory.xlsx") + ", " + filepath.Join(other, "notes.txt")},
		{fhir, "2 .json files, none with a top-level \"sosmeta\" object"},
		{csvFile, "is neither a folder, a .zip archive nor a .json schema file"},
		{emptyZip, "no files"},
	}
	for _, tt := range tests {
		_, err := Import(tt.src)
		if !errors.Is(err, ErrNoSchemas) || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.src) {
			t.Errorf("Import(%s) = %v, want ErrNoSchemas naming the source and %q", tt.src, err, tt.want)
		}
	}
}

func TestImportUnreadable(t *testing.T) {
	if _, err := Import(filepath.Join(t.TempDir(), "nope")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing source: %v", err)
	}
	bad := filepath.Join(t.TempDir(), "broken.zip")
	os.WriteFile(bad, []byte("PK\x03\x04 not really a zip"), 0o644)
	_, err := Import(bad)
	if err == nil || errors.Is(err, ErrNoSchemas) || !strings.Contains(err.Error(), "broken.zip: not a readable zip archive") {
		t.Errorf("corrupt zip: %v", err)
	}
}

func TestImportPlacementAndDuplicates(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join(exportDir, "Valmis", "1.2.246.537.6.1506.1000.2023.9.8.json"))
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "Vanhentunut"), 0o755)
	os.WriteFile(filepath.Join(dir, "Vanhentunut", "1.2.246.537.6.1506.1000.2023.9.8.json"), src, 0o644)
	os.WriteFile(filepath.Join(dir, "kopio.json"), src, 0o644)
	res, err := Import(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Versions) != 1 {
		t.Errorf("%d versions, want 1 (the duplicate is rejected)", len(res.Versions))
	}
	var got []string
	for _, p := range res.Problems {
		level := "error"
		if p.Warning {
			level = "warning"
		}
		got = append(got, level+" "+p.Error())
	}
	want := []string{
		"warning " + filepath.Join(dir, "Vanhentunut", "1.2.246.537.6.1506.1000.2023.9.8.json") + ": field sosmeta.status: status Valmis, but the file is in folder Vanhentunut",
		"warning " + filepath.Join(dir, "kopio.json") + ": field sosmeta.oid: file name \"kopio.json\" does not match the OID 1.2.246.537.6.1506.1000.2023.9.8",
		"error " + filepath.Join(dir, "kopio.json") + ": field sosmeta.oid: 1.2.246.537.6.1506.1000.2023.9.8 is also defined in " + filepath.Join(dir, "Vanhentunut", "1.2.246.537.6.1506.1000.2023.9.8.json"),
	}
	// WalkDir is lexical: "Vanhentunut" sorts before "kopio.json".
	if !slices.Equal(got, want) {
		t.Errorf("problems\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestParseSchema(t *testing.T) {
	good, err := os.ReadFile(filepath.Join(exportDir, "Valmis", "1.2.246.537.6.1506.11023.2023.5.31.json"))
	if err != nil {
		t.Fatal(err)
	}
	edit := func(old, new string) string {
		if !bytes.Contains(good, []byte(old)) {
			t.Fatalf("fixture lacks %q", old)
		}
		return strings.Replace(string(good), old, new, 1)
	}
	const oidLine = `"oid": "1.2.246.537.6.1506.11023.2023.5.31",`
	tests := []struct {
		name, in    string
		field, want string // the first error's field and message start
		warning     bool   // the first problem is a warning and the version usable
	}{
		{"empty", "", "", "empty file", false},
		{"whitespace", " \n\t", "", "empty file", false},
		{"not UTF-8", "{\"sosmeta\": {\"oid\": \"\xe4\"}}", "", "not UTF-8", false},
		{"truncated", string(good[:200]), "", "bad JSON at line ", false},
		{"syntax", "{\n  \"sosmeta\": {,}\n}", "", "bad JSON at line 2, column 15", false},
		{"array", "[]", "", "not a JSON schema object: the file holds a JSON array", false},
		{"no sosmeta", `{"title": "x", "properties": {}}`, "sosmeta", "missing: not a Sosmeta schema", false},
		{"sosmeta null", `{"sosmeta": null}`, "sosmeta", "missing: not a Sosmeta schema", false},
		{"oid a number", edit(oidLine, `"oid": 1.2,`), "sosmeta.oid", "is a JSON number, want a string", false},
		{"missing oid", edit(oidLine, ``), "sosmeta.oid", "missing", false},
		{"oid outside Sosmeta", edit(oidLine, `"oid": "1.2.246.537.6.1221.11023.2023.5.31",`), "sosmeta.oid", `"1.2.246.537.6.1221.11023.2023.5.31" is not a Sosmeta client-document structure`, false},
		{"oid without date", edit(oidLine, `"oid": "1.2.246.537.6.1506.11023",`), "sosmeta.oid", "\"1.2.246.537.6.1506.11023\": want <code>.<year>.<month>.<day>", false},
		{"oid bad code", edit(oidLine, `"oid": "1.2.246.537.6.1506.x.2023.5.31",`), "sosmeta.oid", "\"1.2.246.537.6.1506.x.2023.5.31\": code \"x\" is not numeric", false},
		{"oid bad date", edit(oidLine, `"oid": "1.2.246.537.6.1506.11023.2023.13.31",`), "sosmeta.oid", "\"1.2.246.537.6.1506.11023.2023.13.31\": 2023.13.31 is not a date", false},
		{"urn prefix", edit(oidLine, `"oid": "urn:oid:1.2.246.537.6.1506.11023.2023.5.31",`), "", "", false},
		{"missing status", edit(`"status": "Valmis",`, ``), "sosmeta.status", "missing (want Valmis or Vanhentunut)", false},
		{"draft", edit(`"status": "Valmis",`, `"status": "Luonnos",`), "sosmeta.status", `"Luonnos" is neither Valmis nor Vanhentunut`, false},
		{"bad definition date", edit(`"documentDefinitionVersion": "2023-05-31",`, `"documentDefinitionVersion": "31.5.2023",`), "sosmeta.documentDefinitionVersion", `"31.5.2023" is not a YYYY-MM-DD date`, false},
		{"missing definition date", edit(`"documentDefinitionVersion": "2023-05-31",`, ``), "sosmeta.documentDefinitionVersion", "missing; taken from the OID (2023-05-31)", true},
		{"definition date differs", edit(`"documentDefinitionVersion": "2023-05-31",`, `"documentDefinitionVersion": "2023-06-01",`), "sosmeta.documentDefinitionVersion", "2023-06-01 differs from the date in the OID (2023-05-31)", true},
		{"missing kind", edit(`"documentType": "Päätös",`, ``), "sosmeta.documentType", "missing", false},
		{"no properties", `{"sosmeta": {"oid": "1.2.246.537.6.1506.11023.2023.5.31", "status": "Valmis", "documentDefinitionVersion": "2023-05-31", "documentType": "Päätös"}}`,
			"properties", "missing: the schema has no root property", false},
		{"two roots", `{"sosmeta": {"oid": "1.2.246.537.6.1506.11023.2023.5.31", "status": "Valmis", "documentDefinitionVersion": "2023-05-31", "documentType": "Päätös"}, "properties": {"a": {}, "b": {}}}`,
			"properties", "2 top-level properties (a, b)", false},
		{"two roots, one required", `{"sosmeta": {"oid": "1.2.246.537.6.1506.11023.2023.5.31", "status": "Valmis", "documentDefinitionVersion": "2023-05-31", "documentType": "Päätös"}, "required": ["b"], "properties": {"a": {}, "b": {"sosmeta": {"name": [{"lang": "fi", "value": "B"}]}}}}`,
			"", "", false},
		{"names not a list", edit(`"name": [`, `"name": "x", "nimi": [`), "properties.paatos_lapsen_huostaanotosta_ja_sijaishuollosta.sosmeta.name", "is a JSON string, want an array", false},
		{"no Finnish name", edit(`"lang": "fi",
            "value": "Päätös lapsen huostaanotosta ja sijaishuollosta"`, `"lang": "en",
            "value": "Decision"`), "properties.paatos_lapsen_huostaanotosta_ja_sijaishuollosta.sosmeta.name", "no Finnish (fi) name", false},
		{"good", string(good), "", "", false},
		{"BOM", "\ufeff" + string(good), "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, ps := ParseSchema("x.json", []byte(tt.in))
			if tt.want == "" {
				if len(ps) != 0 {
					t.Fatalf("problems: %v", ps)
				}
				if err := v.check(); err != nil {
					t.Errorf("version fails check: %v", err)
				}
				return
			}
			if len(ps) == 0 {
				t.Fatalf("no problem, version %+v", v)
			}
			p := ps[0]
			if p.File != "x.json" || p.Field != tt.field || !strings.HasPrefix(p.Message, tt.want) || p.Warning != tt.warning {
				t.Errorf("problem %q (field %q, warning %v)\nwant field %q, message starting %q, warning %v", p.Error(), p.Field, p.Warning, tt.field, tt.want, tt.warning)
			}
			if tt.warning {
				if hasError(ps) {
					t.Errorf("errors besides the warning: %v", ps)
				}
				want := embeddedVersion(t, "1.2.246.537.6.1506.11023.2023.5.31")
				// The field wins over the OID; without it, the OID's date.
				want.Date = map[string]string{"missing definition date": "2023-05-31", "definition date differs": "2023-06-01"}[tt.name]
				if v != want {
					t.Errorf("version %+v", v)
				}
			}
		})
	}
}

func TestSchemaErrorString(t *testing.T) {
	for _, tt := range []struct {
		e    SchemaError
		want string
	}{
		{SchemaError{File: "x.zip!Valmis/a.json", Field: "sosmeta.oid", Message: "missing"}, "x.zip!Valmis/a.json: field sosmeta.oid: missing"},
		{SchemaError{File: "a.json", Message: "empty file"}, "a.json: empty file"},
	} {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("%q, want %q", got, tt.want)
		}
	}
}

func FuzzParseSchema(f *testing.F) {
	_ = filepath.WalkDir(exportDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".json") {
			b, _ := os.ReadFile(p)
			f.Add(b)
		}
		return nil
	})
	_ = filepath.WalkDir("testdata/sosmeta-bad", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			f.Add(b)
		}
		return nil
	})
	f.Add([]byte(`{"sosmeta": {"oid": "1.2.246.537.6.1505.1.2023.6.1", "status": "Valmis", "documentType": "Asiakkuusasiakirja"}, "properties": {"a": {"sosmeta": {"name": [{"lang": "fi", "value": "A"}]}}}}`))
	f.Add([]byte(`{"sosmeta": 5}`))
	f.Add([]byte("\ufeff[]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		v, ps := ParseSchema("f.json", data)
		for _, p := range ps {
			if p.File != "f.json" || p.Message == "" {
				t.Fatalf("problem without file or message: %#v", p)
			}
		}
		if hasError(ps) {
			return
		}
		// An accepted schema gives a row Load accepts, unchanged by a
		// write and a parse.
		if err := v.check(); err != nil {
			t.Fatalf("accepted %+v: %v", v, err)
		}
		var buf bytes.Buffer
		if err := WriteStructures(&buf, []Version{v}); err != nil {
			t.Fatal(err)
		}
		back, err := ParseStructures("f.csv", &buf)
		if err != nil {
			t.Fatalf("written row does not parse: %v", err)
		}
		// ParseStructures trims fields; the importer trims too.
		if !reflect.DeepEqual(back, []Version{v}) {
			t.Fatalf("round trip changed %+v to %+v", v, back[0])
		}
	})
}

func TestImportOversizedMember(t *testing.T) {
	zipPath := filepath.Join(t.TempDir(), "big.zip")
	writeZip(t, zipPath, t.TempDir(), map[string]string{
		"Valmis/1.2.246.537.6.1506.1000.2023.9.8.json": strings.Repeat(" ", MaxSchemaSize+1),
	})
	res, err := Import(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	want := zipPath + "!Valmis/1.2.246.537.6.1506.1000.2023.9.8.json: larger than 16 MiB; not a Sosmeta schema"
	if len(res.Problems) != 1 || res.Problems[0].Error() != want || len(res.Versions) != 0 {
		t.Errorf("problems %v, versions %d; want %q", res.Problems, len(res.Versions), want)
	}
}
