package main

import (
	"archive/zip"
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kartoitus/kartoitus/export/parquetsrc"
)

// anyHetu is the property test's own oracle, independent of package
// ident: six digits, any century sign of VNA 690/2022 in either case, three
// digits and any character — valid check character or not, a mistyped code
// is still someone's code.
var anyHetu = regexp.MustCompile(`(?i)(^|[^0-9])([0-9]{6}[-+a-fu-y][0-9]{3}[0-9a-z])([^0-9a-z]|$)`)

// Codes planted in the hostile inputs: valid ones, lower-case century
// signs, a wrong check character, the 2000s signs.
var planted = []string{"130672-3470", "130672a3470", "010594Y9021", "020516c903K", "311299-999X", "010101B123C"}

// findHetu returns the first full code in b.
func findHetu(b []byte) string {
	if m := anyHetu.FindSubmatch(b); m != nil {
		return string(m[2])
	}
	return ""
}

// scanOutputs fails on any full henkilötunnus in the bytes of a run:
// stdout, stderr, and every file under dirs (xlsx members unzipped).
func scanOutputs(t *testing.T, what string, r cliResult, dirs ...string) {
	t.Helper()
	for name, b := range map[string]string{"stdout": r.stdout, "stderr": r.stderr} {
		if h := findHetu([]byte(b)); h != "" {
			t.Errorf("%s: %s holds %q", what, name, h)
		}
	}
	for _, dir := range dirs {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if h := findHetu([]byte(p)); h != "" {
				t.Errorf("%s: file name %s holds %q", what, p, h)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				t.Error(err)
				return nil
			}
			if h := findHetu(b); h != "" {
				t.Errorf("%s: %s holds %q", what, p, h)
			}
			if bytes.HasPrefix(b, []byte("PK\x03\x04")) {
				zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
				if err != nil {
					t.Errorf("%s: %s: %v", what, p, err)
					return nil
				}
				for _, f := range zr.File {
					rc, _ := f.Open()
					m, _ := io.ReadAll(rc)
					rc.Close()
					if h := findHetu(m); h != "" {
						t.Errorf("%s: %s!%s holds %q", what, p, f.Name, h)
					}
				}
			}
			return nil
		})
	}
}

// hostileInputs writes inventories, plans, config files and an export
// whose names, sheet names, cells, comments and malformed rows carry
// henkilötunnus codes in every form.
func hostileInputs(t *testing.T, dir string) map[string]string {
	t.Helper()
	h := planted
	files := map[string]string{
		"inventory": filepath.Join(dir, "inventaario-"+h[1]+".csv"),
		"xlsx":      filepath.Join(dir, "inventaario-"+h[0]+".xlsx"),
		"tos":       filepath.Join(dir, "tos-"+h[2]+".csv"),
		"accepted":  filepath.Join(dir, "hyvaksytyt-"+h[3]+".csv"),
		"ignore":    filepath.Join(dir, "ignore-"+h[4]+".yaml"),
		"overlay":   filepath.Join(dir, "overlay-"+h[5]+".yaml"),
		"mapping":   filepath.Join(dir, "mapping-"+h[0]+".yaml"),
		"export":    filepath.Join(dir, "vienti-"+h[1]+".csv"),
		"columns":   filepath.Join(dir, "sarakkeet-"+h[2]+".yaml"),
		"tosxml":    filepath.Join(dir, "tos-"+h[3]+".xml"),
		"profile":   filepath.Join(dir, "profiili-"+h[4]+".yaml"),
		"badprof":   filepath.Join(dir, "profiili-rikki-"+h[5]+".yaml"),
		"parquet":   filepath.Join(dir, "vienti-"+h[2]+".parquet"),
	}
	write := func(p, text string) {
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(files["inventory"], "Asiakirjan nimi;Palvelutehtävä;Prosessin vaihe;Tallennusmuoto;Tietojärjestelmä;Rekisteri;Säilytysaika\n"+
		"Päätös "+h[0]+";Lastensuojelu;Päätöksenteko;sähköinen;Järjestelmä "+h[1]+";Sosiaalihuollon asiakasrekisteri;"+h[2]+"\n"+
		h[1]+" muistio;"+h[3]+";vaihe "+h[4]+";"+h[5]+";;rekisteri "+h[0]+";pysyvä\n"+
		"\"Lainaus "+h[2]+";rikki;\n"+
		"Lastensuojeluilmoitus;Lastensuojelu;Asian vireilletulo;paperi;;Sosiaalihuollon asiakasrekisteri;2 v;ylimääräinen "+h[3]+";ja "+h[4]+"\n")
	wb := excelize.NewFile()
	sheet := "Asiakas " + h[5]
	wb.SetSheetName("Sheet1", sheet)
	for r, row := range [][]string{
		{"Asiakirjan nimi", "Palvelutehtävä", "Lisätietoja " + h[0]},
		{"Huostaanottopäätös " + h[2], "Lastensuojelu", h[3]},
		{"Lastensuojeluilmoitus", "Lastensuojelu", "asiakas " + h[1]},
	} {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			wb.SetCellValue(sheet, cell, v)
		}
	}
	wb.SetDocProps(&excelize.DocProperties{Title: "Asiakas " + h[0], Creator: h[1]})
	if err := wb.SaveAs(files["xlsx"]); err != nil {
		t.Fatal(err)
	}
	write(files["tos"], "Asiakirja;Palvelutehtävä;Säilytysaika;Säilytysajan laskentaperuste;Tallennusmuoto;Lisätietoja\n"+
		"Päätös "+h[0]+";Lastensuojelu;50 v;asiakirjan päivämäärä;"+h[1]+";"+h[2]+"\n"+
		"Lastensuojeluilmoitus;Lastensuojelu;"+h[3]+";"+h[4]+";sähköinen;\n")
	write(files["tosxml"], `<?xml version="1.0" encoding="UTF-8"?><tos:Tos xmlns:tos="http://skeemat.jhs-suositukset.fi/tos/2015/01/15">`+
		`<tos:TosTiedot tos:id="`+h[0]+`"><tos:YhteyshenkiloNimi>`+h[1]+`</tos:YhteyshenkiloNimi></tos:TosTiedot>`+
		`<tos:Luokka tos:id="`+h[2]+`"><tos:Luokitustunnus>05 02 03 `+h[3]+`</tos:Luokitustunnus><tos:Nimeke><tos:NimekeTeksti>Perhehoito `+h[4]+`</tos:NimekeTeksti></tos:Nimeke>`+
		`<tos:KasittelyprosessiTiedot tos:id="p"><tos:Toimenpidetiedot tos:id="a"><tos:ToimenpideluokkaTeksti>vaihe `+h[5]+`</tos:ToimenpideluokkaTeksti>`+
		`<tos:Asiakirjatieto tos:id="`+h[0]+`"><tos:Kayttorajoitustiedot><tos:JulkisuusluokkaKoodi>`+h[1]+`</tos:JulkisuusluokkaKoodi></tos:Kayttorajoitustiedot>`+
		`<tos:Sailytysaikatiedot><tos:SailytysajanPituusArvo>`+h[2]+`</tos:SailytysajanPituusArvo><tos:SailytysajanPerusteTeksti>peruste `+h[3]+`</tos:SailytysajanPerusteTeksti>`+
		`<tos:SailytysajanLaskentaperusteTeksti>`+h[4]+`</tos:SailytysajanLaskentaperusteTeksti></tos:Sailytysaikatiedot>`+
		`<tos:AsiakirjaluokkaTeksti>Päätös `+h[5]+`</tos:AsiakirjaluokkaTeksti><tos:AsiakirjaluokkaTarkenneTeksti>Päätös `+h[0]+`</tos:AsiakirjaluokkaTarkenneTeksti></tos:Asiakirjatieto>`+
		`<tos:Asiakirjatieto tos:id="x"><tos:AsiakirjaluokkaTeksti>None</tos:AsiakirjaluokkaTeksti></tos:Asiakirjatieto>`+
		`</tos:Toimenpidetiedot></tos:KasittelyprosessiTiedot></tos:Luokka></tos:Tos>`)
	write(files["accepted"], "name;service_task;code\nPäätös "+h[0]+";Lastensuojelu;11023\n"+h[5]+" muu;Lastensuojelu;"+h[2]+"\n\"rikki "+h[4]+";x\n")
	write(files["ignore"], "ignore:\n  - rule: COV001\n    fingerprint: "+h[0]+"\n    reason: \"asiakas "+h[1]+"\"\n  - rule: "+h[2]+"\n    reason: x\n")
	write(files["overlay"], "synonyms:\n  \"Asiakas "+h[3]+"\": \"11023\"\n")
	write(files["mapping"], "columns:\n  \"Henkilö "+h[4]+"\": client_id\n")
	write(files["columns"], "\"Nimi "+h[5]+"\": name\n")
	exp := "document_id;version;client_id;register;controller_id;organiser_id;producer_id;basis;service_task;document_type;created;status\n"
	for i, id := range h {
		exp += "D" + id + ";1;" + id + ";social;1.2.246.10.32213086.19.0;1.2.246.10.32213086.10.0;1.2.246.10.32213086.10.0;own;" +
			"lastensuojelu " + h[(i+1)%len(h)] + ";" + id + ";2024-01-0" + string(rune('1'+i)) + ";" + h[(i+2)%len(h)] + "\n"
	}
	exp += "\"broken " + h[0] + ";x\n"
	write(files["export"], exp)
	// The profile's names carry codes; a broken one quotes one in its error.
	write(files["profile"], "organisation: {name: \"Hoiva "+h[0]+"\", y_tunnus: 3187542-4}\nroles: [producer]\n"+
		"service_units: [{name: \"Yksikkö "+h[1]+"\", oid: 1.2.246.10.31875424.10.1}]\n"+
		"organisers: [{name: \"Järjestäjä "+h[2]+"\", y_tunnus: 3221308-6, kind: public}]\n")
	write(files["badprof"], "organisation: {name: x, y_tunnus: \""+h[3]+"\"}\n")
	var pq bytes.Buffer
	if err := parquetsrc.FromCSV(&pq, strings.NewReader(strings.SplitN(exp, "\"broken", 2)[0])); err != nil {
		t.Fatal(err)
	}
	write(files["parquet"], pq.String())
	return files
}

// TestNoHetuInAnyOutput runs every command and output format on hostile
// inputs and fails on any full henkilötunnus in any byte written.
func TestNoHetuInAnyOutput(t *testing.T) {
	dir := t.TempDir()
	in := hostileInputs(t, dir)
	out := filepath.Join(t.TempDir(), "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	o := func(name string) string { return filepath.Join(out, name) }
	var runs [][]string
	for _, f := range []string{"table", "json", "csv", "junit", "html", "xlsx"} {
		runs = append(runs,
			[]string{"map", "--inventory", in["inventory"], "--inventory", in["xlsx"], "--accepted", in["accepted"], "--overlay", in["overlay"],
				"--ignore", in["ignore"], "--format", f, "-o", o("map." + f)},
			[]string{"retention", "--inventory", in["inventory"], "--tos", in["tos"], "--format", f, "-o", o("retention." + f)},
			[]string{"registers", "--mapping", in["mapping"], "--ignore", in["ignore"], "--format", f, "-o", o("registers." + f), in["export"]},
		)
	}
	runs = append(runs,
		[]string{"map", "--inventory", in["inventory"], "--view", "mappings", "--format", "csv"},
		[]string{"map", "--inventory", in["inventory"], "--view", "coverage", "--format", "json"},
		[]string{"map", "--inventory", in["inventory"], "--write-accepted", o("accepted.csv")},
		[]string{"retention", "--inventory", in["inventory"], "--tos", in["tos"], "--draft", o("draft.xlsx")},
		[]string{"retention", "--inventory", in["inventory"], "--tos", in["tos"], "--draft", o("draft.csv")},
		[]string{"retention", "--inventory", in["inventory"], "--tos", in["tos"], "--draft", o("draft.json")},
		[]string{"retention", "--inventory", in["inventory"], "--tos", in["tos"], "--draft", o("draft.xml")},
		[]string{"retention", "--inventory", in["inventory"], "--tos", in["tosxml"], "--format", "json", "--draft", o("draft-from-xml.xml")},
		[]string{"retention", "--inventory", in["inventory"], "--tos", in["tosxml"], "--format", "table", "--lang", "en"},
		[]string{"inventory", "read", in["inventory"], in["xlsx"]},
		[]string{"inventory", "read", "--json", in["inventory"]},
		[]string{"inventory", "columns", in["inventory"], in["xlsx"]},
		[]string{"inventory", "read", "--columns", in["columns"], in["inventory"]},
		[]string{"graph", "--inventory", in["inventory"], "--out", o("graphs-svg")},
		[]string{"graph", "--inventory", in["inventory"], "--out", o("graphs-dot"), "--format", "dot", "--json"},
		[]string{"registers", in["export"]},
		[]string{"registers", "--format", "json", filepath.Join(dir, "puuttuva-210280-3558.csv")},
		[]string{"assess", "--inventory", in["inventory"], "--inventory", in["xlsx"], "--tos", in["tos"], "--export", in["export"],
			"--accepted", in["accepted"], "--overlay", in["overlay"], "--ignore", in["ignore"], "--export-mapping", in["mapping"],
			"--organisation", "Asiakas " + planted[0], "--out", o("assess")},
		[]string{"assess", "--inventory", in["inventory"], "--out", o("assess-en"), "--lang", "en", "--no-graphs"},
		[]string{"assess", "--inventory", in["inventory"], "--export", in["parquet"], "--profile", in["profile"], "--go-live", "2027-03-01",
			"--out", o("assess-profile"), "--no-graphs"},
		[]string{"registers", "--profile", in["profile"], "--as-of", "2030-01-01", "--format", "json", in["parquet"]},
		[]string{"retention", "--inventory", in["inventory"], "--profile", in["badprof"]},
		[]string{"catalog", "search", "Päätös " + planted[1]},
		[]string{"catalog", "show", planted[2]},
	)
	for _, args := range runs {
		r := runCLI(t, "", args...)
		if r.code >= 4 {
			t.Errorf("%s: exit %d (internal)\n%s", strings.Join(args[:2], " "), r.code, r.stderr)
		}
		scanOutputs(t, strings.Join(args, " "), r)
	}
	scanOutputs(t, "files written", cliResult{}, out)
}
