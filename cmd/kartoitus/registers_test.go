package main

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/exportgen"
)

const regHeader = "document_id;version;client_id;register;controller_id;controller_kind;organiser_id;producer_id;service_unit;basis;service_task;document_type;case_id;author_org;created;status;void_reason;special_content;unit_start;unit_end"

// regClean is a clean own-production row of a wellbeing services county;
// regCleanID is its client.
const regClean = "D1;1;010181-900C;social;1.2.246.10.32213086.19.0;public;1.2.246.10.32213086.10.0;1.2.246.10.32213086.10.0;;own;older_people;11000;A-1;1.2.246.10.32213086.10.0;2024-03-01;active;;;;"

// regSample has a few violations of different rules, one of each kind of
// row problem, and a purchased-service client with an Asiakkuusasiakirja.
var regSample = strings.Join([]string{
	regHeader,
	regClean,
	"D2;1;020516C903K;yhteinen;1.2.246.10.32213086.19.0;public;1.2.246.10.32213086.10.0;1.2.246.10.32213086.10.0;;own;Iäkkäiden palvelut;1000;A-2;1.2.246.10.32213086.10.0;2024-03-02;active;;;;",
	"D3;1;010181-900C;potilasrekisteri;1.2.246.10.32213086.19.0;public;1.2.246.10.32213086.10.0;1.2.246.10.32213086.10.0;;own;older_people;19005;A-1;1.2.246.10.32213086.10.0;2024-03-03;active;;;;",
	"R1;1;020516C903K;social;1.2.246.10.32213086.19.0;public;1.2.246.10.32213086.10.0;1.2.246.10.10938633.10.0;1.2.246.10.10938633.10.1;purchased;older_people;group:1;A-2;1.2.246.10.32213086.10.0;2024-01-01;active;;;2024-01-01;2024-06-30",
	"P1;1;020516C903K;social;1.2.246.10.32213086.19.0;public;1.2.246.10.32213086.10.0;1.2.246.10.10938633.10.0;1.2.246.10.10938633.10.1;ostopalvelu;older_people;19005;A-2;1.2.246.10.10938633.10.0;2024-08-01T10:00:00;active;;;;",
	"D4;1;010181-900D;social;1.2.246.10.32213086.19.0;public;1.2.246.10.32213086.10.0;1.2.246.10.32213086.10.0;;own;;11000;A-3;1.2.246.10.32213086.10.0;2024-03-04;mitätöity;;;;",
	"D5;1;010181-900C",
	"D6;1;010181-900C;social;1.2.246.10.32213086.19.0;public;1.2.246.10.32213086.10.0;1.2.246.10.32213086.10.0;;own;older_people;11000;A-1;1.2.246.10.32213086.10.0;31.2.2024;active;;;;",
}, "\n") + "\n"

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

var generatedRE = regexp.MustCompile(`"generated": "[^"]*"`)

func TestRegistersGolden(t *testing.T) {
	path := writeTemp(t, "export.csv", regSample)
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"registers_table_fi.txt", []string{"registers", "--deployment-test", path}, 1},
		{"registers_table_en.txt", []string{"registers", "--deployment-test", "--lang", "en", path}, 1},
		{"registers_json_en.json", []string{"registers", "--deployment-test", "--lang", "en", "--format", "json", path}, 1},
		{"registers_junit.xml", []string{"registers", "--deployment-test", "--format", "junit", path}, 1},
		{"registers_csv.csv", []string{"registers", "--deployment-test", "--format", "csv", "--lang", "en", path}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, "", tt.args...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %s", r.code, tt.code, r.stderr)
			}
			// The CI formats name the file as given: the temporary folder
			// is cut so the golden file stays the same.
			out := strings.ReplaceAll(r.stdout, filepath.Dir(path)+string(filepath.Separator), "")
			golden(t, tt.name, generatedRE.ReplaceAllString(out, `"generated": "…"`))
		})
	}
}

func TestRegistersExitCodes(t *testing.T) {
	clean := writeTemp(t, "clean.csv", regHeader+"\n"+regClean+"\n")
	sample := writeTemp(t, "sample.csv", regSample)
	noCols := writeTemp(t, "nocols.csv", "foo;bar\n1;2\n")
	headerOnly := writeTemp(t, "header.csv", regHeader+"\n")
	empty := writeTemp(t, "empty.csv", "")
	xls := writeTemp(t, "old.xls", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest")
	warnOnly := writeTemp(t, "warn.csv", regHeader+"\n"+strings.Replace(regClean, "active;;", "voided;;", 1)+"\n")
	tests := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"clean", []string{"registers", "--deployment-test", clean}, 0, ""},
		{"findings", []string{"registers", "--deployment-test", sample}, 1, ""},
		{"warning below fail-on", []string{"registers", "--deployment-test", warnOnly}, 0, ""},
		{"warning at fail-on", []string{"registers", "--deployment-test", "--fail-on", "warning", warnOnly}, 1, ""},
		{"test ids in production", []string{"registers", "--fail-on", "warning", clean}, 1, ""},
		{"missing file", []string{"registers", filepath.Join(t.TempDir(), "nope.csv")}, 2, "unreadable"},
		{"no argument", []string{"registers"}, 2, "exactly one export"},
		{"bad flag", []string{"registers", "--nope", clean}, 2, ""},
		{"short key", []string{"registers", "--pseudonymize", "short", clean}, 2, "16 bytes"},
		{"legacy xls", []string{"registers", xls}, 2, ".xls"},
		{"no known columns", []string{"registers", noCols}, 3, "lacks required column"},
		{"header only", []string{"registers", headerOnly}, 3, "no data rows"},
		{"empty", []string{"registers", empty}, 3, "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, "", tt.args...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout %s\nstderr %s", r.code, tt.code, r.stdout, r.stderr)
			}
			if tt.err != "" && !strings.Contains(r.stderr, tt.err) {
				t.Errorf("stderr %q lacks %q", r.stderr, tt.err)
			}
			if strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stderr, "panic") {
				t.Errorf("stack trace on stderr: %s", r.stderr)
			}
		})
	}
}

func TestRegistersStdin(t *testing.T) {
	r := runCLI(t, regHeader+"\n"+regClean+"\n", "registers", "--deployment-test", "-")
	if r.code != 0 || !strings.Contains(r.stdout, "stdin") {
		t.Errorf("exit %d stdout %s stderr %s", r.code, r.stdout, r.stderr)
	}
}

// TestRegistersPrivacy runs real-format henkilötunnus codes through every
// output format and error path: none may appear in full.
func TestRegistersPrivacy(t *testing.T) {
	ids := []string{"131052-308T", "010181-900C", "020516C903K", "010181-900D"}
	var b strings.Builder
	b.WriteString(regHeader + "\n")
	for i, id := range ids {
		row := strings.Replace(regClean, "D1;1;010181-900C;", "X"+string(rune('A'+i))+";1;"+id+";", 1)
		if i == 1 {
			row = strings.Replace(row, ";social;", ";yhteinen;", 1)
		}
		b.WriteString(row + "\n")
	}
	// A mis-mapped export: the henkilötunnus sits in the document id column.
	b.WriteString(strings.Replace(regClean, "D1;", ids[0]+";", 1) + "\n")
	path := writeTemp(t, "real.csv", b.String())
	headerless := writeTemp(t, "headerless.csv", strings.Replace(regClean, "010181-900C", ids[0], 1)+"\n")
	out := t.TempDir()
	var outputs []string
	for _, format := range []string{"table", "json", "csv", "junit"} {
		for _, extra := range [][]string{nil, {"--deployment-test"}, {"--pseudonymize", "0123456789abcdef0123"}} {
			args := append([]string{"registers", "--format", format}, extra...)
			file := filepath.Join(out, format+strings.Join(extra, ""))
			r := runCLI(t, "", append(args, "-o", file, path)...)
			if r.code > 1 {
				t.Fatalf("%v: exit %d %s", args, r.code, r.stderr)
			}
			written, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			outputs = append(outputs, string(written), r.stdout, r.stderr)
			r = runCLI(t, "", append(args, path)...)
			outputs = append(outputs, r.stdout, r.stderr)
		}
	}
	r := runCLI(t, "", "registers", headerless)
	if r.code != 3 {
		t.Errorf("headerless: exit %d", r.code)
	}
	outputs = append(outputs, r.stdout, r.stderr)
	for _, o := range outputs {
		for _, id := range ids {
			if strings.Contains(o, id) {
				t.Fatalf("full henkilötunnus %s in output:\n%s", id, o)
			}
		}
	}
	// The masked form and the pseudonym are what people see instead.
	r = runCLI(t, "", "registers", "--lang", "en", path)
	if !strings.Contains(r.stdout, "010181-****") {
		t.Errorf("masked id missing:\n%s", r.stdout)
	}
	r = runCLI(t, "", "registers", "--lang", "en", "--pseudonymize", "0123456789abcdef0123", path)
	if !strings.Contains(r.stdout, "psn:") {
		t.Errorf("pseudonym missing:\n%s", r.stdout)
	}
	// Only an explicit --reveal-ids shows them, with a warning.
	r = runCLI(t, "", "registers", "--lang", "en", "--reveal-ids", path)
	if !strings.Contains(r.stdout, "010181-900D") || !strings.Contains(r.stderr, "reveal-ids") {
		t.Errorf("--reveal-ids did not reveal:\n%s\n%s", r.stdout, r.stderr)
	}
}

func TestRegistersIgnore(t *testing.T) {
	path := writeTemp(t, "sample.csv", regSample)
	ig := writeTemp(t, "ignore.yaml", `ignore:
  - rule: REG004
    reason: joint register split in ticket 7
  - rule: REG033
    reason: nothing of this kind
`)
	r := runCLI(t, "", "registers", "--deployment-test", "--lang", "en", "--format", "json", "--ignore", ig, path)
	var res struct {
		Suppressed int `json:"suppressed"`
		Summary    struct {
			ByRule map[string]int `json:"by_rule"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if res.Suppressed != 1 || res.Summary.ByRule["REG004"] != 0 || res.Summary.ByRule["IGN001"] != 1 {
		t.Errorf("suppressed %d by rule %v; want 1 suppressed, REG004 0, IGN001 1", res.Suppressed, res.Summary.ByRule)
	}
	bad := writeTemp(t, "bad.yaml", "ignore:\n  - rule: REG004\n")
	if r := runCLI(t, "", "registers", "--ignore", bad, path); r.code != 2 || !strings.Contains(r.stderr, "reason") {
		t.Errorf("ignore entry without reason: exit %d %s", r.code, r.stderr)
	}
}

func TestRegistersNotCheckedAndMapping(t *testing.T) {
	in := "Asiakirja-ID;Hetu;Rek;Asiakirjatyyppi;Sisäinen\nD1;010181-900C;SOS;11000;x\nD2;010181-900C;POT;19005;y\n"
	path := writeTemp(t, "vendor.csv", in)
	r := runCLI(t, "", "registers", "--deployment-test", path)
	if r.code != 3 || !strings.Contains(r.stderr, "register") || !strings.Contains(r.stderr, `"Rek"`) {
		t.Fatalf("without mapping: exit %d %s", r.code, r.stderr)
	}
	m := writeTemp(t, "map.yaml", `columns:
  "Asiakirja-ID": document_id
  Rek: register
  Sisäinen: ignore
values:
  register: {SOS: social, POT: health}
`)
	r = runCLI(t, "", "registers", "--deployment-test", "--lang", "en", "--format", "json", "--mapping", m, path)
	var res struct {
		NotChecked []struct {
			Rule    string   `json:"rule"`
			Missing []string `json:"missing_columns"`
		} `json:"not_checked"`
		Summary struct {
			ByRule map[string]int `json:"by_rule"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
		t.Fatalf("%v\n%s\n%s", err, r.stdout, r.stderr)
	}
	if res.Summary.ByRule["REG002"] != 1 || res.Summary.ByRule["EXP005"] != 0 {
		t.Errorf("by rule %v: want REG002 1 and no unknown column", res.Summary.ByRule)
	}
	nc := map[string]bool{}
	for _, n := range res.NotChecked {
		nc[n.Rule] = len(n.Missing) > 0
	}
	if !nc["REG010"] || !nc["REG020"] || !nc["REG030"] {
		t.Errorf("not checked = %+v", res.NotChecked)
	}
	r = runCLI(t, "", "registers", "--deployment-test", "--mapping", m, path)
	if !strings.Contains(r.stdout, "EI TARKISTETTU") {
		t.Errorf("table lacks the not-checked section:\n%s", r.stdout)
	}
}

func TestRegistersGenerate(t *testing.T) {
	dir := t.TempDir()
	out, man := filepath.Join(dir, "gen.csv"), filepath.Join(dir, "gen.json")
	r := runCLI(t, "", "registers", "generate", "--rows", "5000", "--clients", "400", "--seed", "7", "--deployment-test", "-o", out, "--manifest", man)
	if r.code != 0 {
		t.Fatalf("generate: exit %d %s", r.code, r.stderr)
	}
	var m exportgen.Manifest
	b, err := os.ReadFile(man)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, "", "registers", "--deployment-test", "--format", "json", out)
	var res struct {
		Summary struct {
			Total int `json:"total"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
		t.Fatal(err)
	}
	if r.code != 1 || res.Summary.Total != len(m.Expected) {
		t.Errorf("exit %d, %d findings, manifest %d", r.code, res.Summary.Total, len(m.Expected))
	}
	// Same seed, same bytes.
	out2 := filepath.Join(dir, "gen2.csv")
	runCLI(t, "", "registers", "generate", "--rows", "5000", "--clients", "400", "--seed", "7", "--deployment-test", "-o", out2)
	b1, _ := os.ReadFile(out)
	b2, _ := os.ReadFile(out2)
	if string(b1) != string(b2) {
		t.Error("generator is not deterministic")
	}
	if r := runCLI(t, "", "registers", "generate", "--rows", "10"); r.code != 2 {
		t.Errorf("generate without -o: exit %d", r.code)
	}
}

func TestRegistersCap(t *testing.T) {
	var b strings.Builder
	b.WriteString(regHeader + "\n")
	for i := 0; i < 30; i++ {
		b.WriteString(strings.Replace(strings.Replace(regClean, "D1;", "M"+string(rune('a'+i%26))+string(rune('a'+i/26))+";", 1), ";social;", ";yhteinen;", 1) + "\n")
	}
	path := writeTemp(t, "many.csv", b.String())
	r := runCLI(t, "", "registers", "--deployment-test", "--lang", "en", "--max-findings", "5", path)
	if r.code != 1 || !strings.Contains(r.stdout, "REG004: 25 more findings counted but not listed") || !strings.Contains(r.stdout, "Total 30 findings") {
		t.Errorf("cap output:\n%s", r.stdout)
	}
	r = runCLI(t, "", "registers", "--deployment-test", "--format", "junit", "--max-findings", "5", path)
	if !strings.Contains(r.stdout, "25 more findings not listed") {
		t.Errorf("junit lacks the omitted case:\n%s", r.stdout)
	}
}

func TestRegistersProgress(t *testing.T) {
	path := writeTemp(t, "sample.csv", regSample)
	r := runCLI(t, "", "registers", "--deployment-test", "--progress", "always", path)
	if !strings.Contains(r.stderr, "registers [") || !strings.Contains(r.stderr, "rows in") {
		t.Errorf("--progress always drew nothing: %q", r.stderr)
	}
	r = runCLI(t, "", "registers", "--deployment-test", path)
	if r.stderr != "" {
		t.Errorf("auto progress wrote to a non-terminal: %q", r.stderr)
	}
	if r := runCLI(t, "", "registers", "--progress", "sometimes", path); r.code != 2 {
		t.Errorf("bad --progress: exit %d", r.code)
	}
	if wantProgress("auto", &strings.Builder{}, 1<<40) {
		t.Error("auto progress on a non-file writer")
	}
}

// Issue 13: tallies count physical lines. An unbalanced quote swallowed
// 40 lines that the tallies counted as one row; a blank line vanished; a
// bad version and a created date in 2999 passed.
func TestRegistersEveryLineCounted(t *testing.T) {
	lines := []string{regHeader, regClean,
		strings.Replace(regClean, "D1;1;", "D7;abc;", 1),
		strings.Replace(regClean, "2024-03-01", "2999-03-01", 1),
		"",
		strings.Replace(regClean, "D1;1;010181-900C", "D8;1;\"010181-900C", 1)}
	for i := 0; i < 39; i++ {
		lines = append(lines, regClean)
	}
	path := writeTemp(t, "export.csv", strings.Join(lines, "\n")+"\n")
	r := runCLI(t, "", "registers", "--deployment-test", "--lang", "en", "--format", "json", path)
	if r.code != 1 {
		t.Fatalf("exit %d; stderr %s", r.code, r.stderr)
	}
	var out struct {
		Inputs   []struct{ Read, Accepted, Rejected, Skipped int } `json:"inputs"`
		Findings []struct {
			Rule    string            `json:"rule"`
			Message map[string]string `json:"message"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	in := out.Inputs[0]
	// 44 data lines: one clean row, a bad version, a date in 2999, a blank
	// line and 40 lines in one unterminated quote.
	if in.Read != 44 || in.Accepted != 1 || in.Rejected != 42 || in.Skipped != 1 {
		t.Errorf("tally %+v, want read 44 accepted 1 rejected 42 skipped 1", in)
	}
	rules := map[string]string{}
	for _, f := range out.Findings {
		rules[f.Rule] = strings.Join(slices.Collect(maps.Values(f.Message)), " | ")
	}
	if !strings.Contains(rules["EXP002"], "Lines 6–45") || rules["EXP008"] == "" || rules["EXP009"] == "" {
		t.Errorf("findings %v", rules)
	}
}
