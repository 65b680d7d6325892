package main

import (
	"encoding/json"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

func cp1252(t *testing.T, s string) string {
	t.Helper()
	b, err := charmap.Windows1252.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type inputsJSON struct {
	Inputs []struct {
		Encoding     string `json:"encoding"`
		Delimiter    string `json:"delimiter"`
		EncodingLine int    `json:"encoding_line"`
		Read         int    `json:"read"`
	} `json:"inputs"`
	Summary struct {
		ByRule map[string]int `json:"by_rule"`
	} `json:"summary"`
}

func parseInputs(t *testing.T, out string) inputsJSON {
	t.Helper()
	var v inputsJSON
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("%v\n%.500s", err, out)
	}
	return v
}

// Issue 13: a Windows-1252 export whose first non-ASCII byte came after
// 64 KiB was read as UTF-8 (false REG032 errors); now the encoding is
// decided as the file streams, reported in the JSON inputs with the line
// that disagreed, and warned about; --encoding forces it.
func TestRegistersEncodingLate(t *testing.T) {
	rows := []string{regHeader}
	for len(strings.Join(rows, "\n")) < 80<<10 {
		rows = append(rows, regClean)
	}
	late := len(rows) + 1 // line number of the first Windows-1252 row
	for i := 0; i < 20; i++ {
		rows = append(rows, strings.Replace(regClean, "older_people", "Iäkkäiden palvelut", 1))
	}
	path := writeTemp(t, "export.csv", cp1252(t, strings.Join(rows, "\n")+"\n"))

	auto := runCLI(t, "", "registers", "--format", "json", path)
	forced := runCLI(t, "", "registers", "--format", "json", "--encoding", "windows-1252", path)
	a, f := parseInputs(t, auto.stdout), parseInputs(t, forced.stdout)
	if a.Summary.ByRule["REG032"] != 0 || f.Summary.ByRule["REG032"] != 0 {
		t.Errorf("REG032: detected %d, forced %d; want 0", a.Summary.ByRule["REG032"], f.Summary.ByRule["REG032"])
	}
	if in := a.Inputs[0]; in.Encoding != "windows-1252" || in.Delimiter != ";" || in.EncodingLine != late {
		t.Errorf("detected input %+v, want windows-1252 ; line %d", in, late)
	}
	if !strings.Contains(auto.stderr, "line "+itoa(late)) || !strings.Contains(auto.stderr, "Windows-1252") {
		t.Errorf("no warning naming line %d: %q", late, auto.stderr)
	}
	if in := f.Inputs[0]; in.Encoding != "windows-1252" || in.EncodingLine != 0 || strings.Contains(forced.stderr, "warning") {
		t.Errorf("forced input %+v, stderr %q", in, forced.stderr)
	}
	if r := runCLI(t, "", "registers", "--encoding", "ebcdic", path); r.code != 2 {
		t.Errorf("--encoding ebcdic: exit %d", r.code)
	}
}

// A file that mixes UTF-8 and Windows-1252 lines is read line by line and
// warned about; UTF-16 (Excel's "Unicode text") is read, not exit 3.
func TestInventoryEncodings(t *testing.T) {
	mixed := writeTemp(t, "mixed.csv", "Palvelutehtävä;Asiakirjan nimi\nLastensuojelu;Päätös\n"+cp1252(t, "Lastensuojelu;Kiireellinen sijoituspäätös\n"))
	r := runCLI(t, "", "map", "--inventory", mixed, "--format", "json", "--lang", "en")
	if r.code > 1 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	in := parseInputs(t, r.stdout).Inputs[0]
	if in.Encoding != "utf-8+windows-1252" || in.EncodingLine != 3 || !strings.Contains(r.stderr, "mixes UTF-8 and Windows-1252 (first disagreeing line 3)") {
		t.Errorf("mixed: %+v, stderr %q", in, r.stderr)
	}
	if j := runCLI(t, "", "inventory", "read", "--json", mixed); !strings.Contains(j.stdout, "Kiireellinen sijoituspäätös") || !strings.Contains(j.stdout, `"Päätös"`) {
		t.Errorf("mixed file misread: %.1500s", j.stdout)
	}

	var u16 []byte
	u16 = append(u16, 0xff, 0xfe)
	for _, c := range "Palvelutehtävä\tAsiakirjan nimi\r\nLastensuojelu\tPäätös\r\n" {
		u16 = append(u16, byte(c), byte(c>>8))
	}
	path := writeTemp(t, "unicode.txt", string(u16))
	r = runCLI(t, "", "map", "--inventory", path, "--format", "json", "--lang", "en")
	if r.code > 1 {
		t.Fatalf("UTF-16: exit %d: %s", r.code, r.stderr)
	}
	if in := parseInputs(t, r.stdout).Inputs[0]; in.Encoding != "utf-16le" || in.Delimiter != "\t" || in.Read != 2 {
		t.Errorf("UTF-16 input %+v", in)
	}
}
