package main

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// The CI conventions of issue 18, each with a test: several outputs from
// one pass, flags after arguments, -q, -v, -o, --fail-on never, one-line
// errors, completion, version, config and ignore discovery.

// inTemp writes files into a fresh folder, makes it the working
// directory and returns its path.
func inTemp(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	t.Setenv("KARTOITUS_CONFIG", "")
	t.Setenv("KARTOITUS_IGNORE", "")
	return dir
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSeveralOutputsOnePass: one run writes every format asked for, each
// the same findings, and the console table to standard output.
func TestSeveralOutputsOnePass(t *testing.T) {
	inTemp(t, map[string]string{"export.csv": regSample})
	r := runCLI(t, "", "registers", "export.csv", "--deployment-test",
		"--format", "junit=out/reg.xml", "--format", "json=out/findings.json", "--format", "sarif=out/kartoitus.sarif",
		"--format", "github=out/annotations.txt", "--format", "markdown=out/summary.md", "--format", "codequality=out/cq.json",
		"--format", "table")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1: %s", r.code, r.stderr)
	}
	// The table is the same as a run with only the table.
	alone := runCLI(t, "", "registers", "--deployment-test", "export.csv")
	if r.stdout != alone.stdout || r.stderr != "" {
		t.Errorf("table differs from a table-only run, or stderr %q", r.stderr)
	}
	var js struct {
		Summary struct {
			Total int `json:"total"`
		} `json:"summary"`
		Findings []struct {
			Fingerprint string `json:"fingerprint"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(readFile(t, "out/findings.json")), &js); err != nil {
		t.Fatal(err)
	}
	var ju struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Suites   []struct {
			Cases []struct {
				File string `xml:"file,attr"`
				Line int    `xml:"line,attr"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal([]byte(readFile(t, "out/reg.xml")), &ju); err != nil {
		t.Fatal(err)
	}
	withFile := 0
	for _, s := range ju.Suites {
		for _, c := range s.Cases {
			if c.File == "export.csv" && c.Line > 1 {
				withFile++
			}
		}
	}
	var sarif struct {
		Runs []struct {
			Results []struct {
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(readFile(t, "out/kartoitus.sarif")), &sarif); err != nil {
		t.Fatal(err)
	}
	var cq []map[string]any
	if err := json.Unmarshal([]byte(readFile(t, "out/cq.json")), &cq); err != nil {
		t.Fatal(err)
	}
	gh := strings.Count(readFile(t, "out/annotations.txt"), "::error file=export.csv,line=")
	n := len(js.Findings)
	if n == 0 || len(sarif.Runs[0].Results) != n || len(cq) != n || withFile != n {
		t.Errorf("findings: json %d, sarif %d, codequality %d, junit cases with file and line %d", n, len(sarif.Runs[0].Results), len(cq), withFile)
	}
	for i, res := range sarif.Runs[0].Results {
		if res.PartialFingerprints["kartoitus/v1"] != js.Findings[i].Fingerprint {
			t.Errorf("result %d: SARIF fingerprint %v, JSON %s", i, res.PartialFingerprints, js.Findings[i].Fingerprint)
		}
	}
	if gh == 0 || !strings.Contains(readFile(t, "out/summary.md"), "### kartoitus registers: EI LÄPÄISE") {
		t.Errorf("annotations (%d errors) or summary missing", gh)
	}
	golden(t, "registers_sarif.sarif", readFile(t, "out/kartoitus.sarif"))
	golden(t, "registers_github.txt", readFile(t, "out/annotations.txt"))
	golden(t, "registers_markdown.md", readFile(t, "out/summary.md"))
	golden(t, "registers_codequality.json", readFile(t, "out/cq.json"))
}

// TestSeveralOutputsEveryCommand: map, retention, inventory read and
// assess take the same --format list.
func TestSeveralOutputsEveryCommand(t *testing.T) {
	samples, _ := filepath.Abs("../../samples")
	td, _ := filepath.Abs("testdata")
	inTemp(t, nil)
	runs := []struct {
		args []string
		code int
		// stdout holds this (the command's own table view).
		stdout string
	}{
		{[]string{"map", "--inventory", filepath.Join(td, "map_inventory.csv"), "--format", "sarif=map.sarif", "--format", "markdown=map.md", "--format", "table", "--lang", "en"}, 1, "RULE"},
		{[]string{"retention", filepath.Join(td, "retention_inventory.csv"), "--tos", filepath.Join(td, "retention_tos.csv"), "--format", "junit=ret.xml", "--format", "github"}, 1, "::"},
		{[]string{"inventory", "read", filepath.Join(samples, "inventory.xlsx"), "--format", "json=inv.json", "--format", "table", "--lang", "en"}, 1, "DOCUMENTS ("},
		{[]string{"assess", "--inventory", filepath.Join(samples, "inventory.xlsx"), "--export", filepath.Join(samples, "register-export.csv"),
			"-o", "report", "--no-graphs", "--format", "sarif=assess.sarif", "--format", "table"}, 1, "Raportti: report/index.html"},
	}
	for _, tt := range runs {
		r := runCLI(t, "", tt.args...)
		if r.code != tt.code || !strings.Contains(r.stdout, tt.stdout) {
			t.Errorf("%s: exit %d (want %d), stdout lacks %q:\n%s\n%s", strings.Join(tt.args[:2], " "), r.code, tt.code, tt.stdout, r.stdout, r.stderr)
		}
	}
	for _, f := range []string{"map.sarif", "map.md", "ret.xml", "inv.json", "assess.sarif", "report/index.html", "report/findings.json"} {
		if st, err := os.Stat(f); err != nil || st.Size() == 0 {
			t.Errorf("%s not written: %v", f, err)
		}
	}
	// The inventory's JSON findings report is the findings schema.
	if !strings.Contains(readFile(t, "inv.json"), `"schema": "kartoitus.findings/v1"`) {
		t.Error("inventory read --format json=FILE is not findings.json")
	}
}

func TestFormatUsageErrors(t *testing.T) {
	inTemp(t, map[string]string{"export.csv": regSample})
	for _, tt := range []struct {
		args []string
		msg  string
	}{
		{[]string{"--format", "json", "--format", "table"}, "--format json and --format table both write to standard output; give one a file: --format table=FILE.txt"},
		{[]string{"--format", "json=a.json", "--format", "sarif=a.json"}, "both write a.json"},
		{[]string{"--format", "json", "-o", "a.json", "--format", "csv", "-o", "a.json"}, "both write a.json"},
		{[]string{"--format", "pdf"}, `unknown format "pdf" (want one of table, json, csv, junit, sarif, github, codequality, markdown, html, xlsx)`},
		{[]string{"--format", "json="}, "give a file after ="},
		{[]string{"--fail-on", "sometimes"}, "want error, warning, info or never"},
	} {
		r := runCLI(t, "", append([]string{"registers", "export.csv"}, tt.args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, tt.msg) || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and one line with %q", tt.args, r.code, r.stderr, tt.msg)
		}
	}
}

// TestFlagsAfterArguments: flags may follow the arguments; after "--"
// everything is an argument.
func TestFlagsAfterArguments(t *testing.T) {
	inTemp(t, map[string]string{"export.csv": regSample, "-dash.csv": regSample})
	before := runCLI(t, "", "registers", "--format", "junit", "--lang", "en", "export.csv")
	after := runCLI(t, "", "registers", "export.csv", "--format", "junit", "--lang", "en")
	mixed := runCLI(t, "", "registers", "--lang", "en", "export.csv", "--format", "junit")
	if before.code != 1 || before.stdout != after.stdout || before.stdout != mixed.stdout || after.stderr != "" {
		t.Errorf("flags after the argument differ: exit %d/%d/%d, stderr %q", before.code, after.code, mixed.code, after.stderr)
	}
	if r := runCLI(t, "", "registers", "--lang", "en", "--", "-dash.csv"); r.code != 1 || !strings.Contains(r.stdout, "-dash.csv") {
		t.Errorf("-- then a file starting with -: exit %d, %s", r.code, r.stderr)
	}
	if r := runCLI(t, "", "registers", "export.csv", "--", "--format"); r.code != 2 || !strings.Contains(r.stderr, "exactly one export file") {
		t.Errorf("after --, --format is an argument: exit %d, %s", r.code, r.stderr)
	}
	// Standard input as "-" is an argument too, flags after it.
	if r := runCLI(t, regSample, "registers", "-", "--format", "json"); r.code != 1 || !strings.Contains(r.stdout, `"source": "stdin"`) {
		t.Errorf("- then flags: exit %d, %s", r.code, r.stderr)
	}
}

func TestQuietVerbose(t *testing.T) {
	inTemp(t, map[string]string{"export.csv": regSample})
	if r := runCLI(t, "", "registers", "-q", "export.csv"); r.code != 1 || r.stdout != "" || r.stderr != "" {
		t.Errorf("-q: exit %d, stdout %q, stderr %q; want exit 1 and silence", r.code, r.stdout, r.stderr)
	}
	if r := runCLI(t, "", "registers", "-q", "export.csv", "--format", "table"); r.code != 1 || !strings.Contains(r.stdout, "SÄÄNTÖ") {
		t.Errorf("-q with an explicit --format table: exit %d, stdout %q", r.code, r.stdout)
	}
	if r := runCLI(t, "", "registers", "-q", "export.csv", "--format", "json=f.json"); r.stdout != "" || readFile(t, "f.json") == "" {
		t.Errorf("-q with a file: stdout %q", r.stdout)
	}
	r := runCLI(t, "", "registers", "-v", "export.csv", "--format", "json=v.json")
	for _, s := range []string{"kartoitus: luettu export.csv: 8 riviä", "kartoitus: kirjoitettiin v.json (json)", "havaintoa (vähintään tasolla virhe: ", "aikaa kului "} {
		if !strings.Contains(r.stderr, s) {
			t.Errorf("-v: stderr lacks %q:\n%s", s, r.stderr)
		}
	}
	r = runCLI(t, "", "registers", "-v", "--lang", "en", "export.csv", "--format", "json=v.json")
	for _, s := range []string{"kartoitus: read export.csv: 8 rows", "kartoitus: wrote v.json (json)", "findings (", "at or above --fail-on error) in "} {
		if !strings.Contains(r.stderr, s) {
			t.Errorf("-v: stderr lacks %q:\n%s", s, r.stderr)
		}
	}
	// Every command has -q, -v, --config and -o (or --out with -o).
	for name, fs := range describeAll() {
		for _, f := range []string{"q", "v", "config", "o"} {
			if fs.Lookup(f) == nil {
				t.Errorf("%s has no %s", name, dashes(f))
			}
		}
	}
}

// TestOutputEverywhere: -o on commands that print, --out and -o alike.
func TestOutputEverywhere(t *testing.T) {
	td, _ := filepath.Abs("testdata")
	inTemp(t, nil)
	if r := runCLI(t, "", "catalog", "tasks", "-o", "tasks.txt"); r.code != 0 || r.stdout != "" || !strings.Contains(readFile(t, "tasks.txt"), "older_people") {
		t.Errorf("catalog tasks -o: exit %d, stdout %q", r.code, r.stdout)
	}
	direct := runCLI(t, "", "catalog", "tasks")
	if readFile(t, "tasks.txt") != direct.stdout {
		t.Error("catalog tasks -o wrote something else than standard output")
	}
	if r := runCLI(t, "", "graph", "--inventory", filepath.Join(td, "graph_inventory.csv"), "--format", "dot", "-o", "g"); r.code != 0 {
		t.Errorf("graph -o: exit %d: %s", r.code, r.stderr)
	}
	if m, _ := filepath.Glob("g/*.dot"); len(m) == 0 {
		t.Error("graph -o wrote no pictures")
	}
	if r := runCLI(t, "", "version", "-o", "v.txt"); r.code != 0 || !strings.HasPrefix(readFile(t, "v.txt"), "kartoitus ") {
		t.Errorf("version -o: %d", r.code)
	}
	// A failed run leaves no file behind.
	if r := runCLI(t, "", "catalog", "show", "99999", "-o", "none.txt"); r.code != 2 {
		t.Errorf("catalog show 99999: exit %d", r.code)
	}
	if _, err := os.Stat("none.txt"); err == nil {
		t.Error("a failed run wrote its -o file")
	}
}

func TestFailOnNever(t *testing.T) {
	inTemp(t, map[string]string{"export.csv": regSample})
	r := runCLI(t, "", "registers", "export.csv", "--fail-on", "never", "--format", "json")
	if r.code != 0 || !strings.Contains(r.stdout, `"fail_on": "never"`) || !strings.Contains(r.stdout, `"failed": false`) {
		t.Errorf("--fail-on never: exit %d\n%s", r.code, r.stderr)
	}
	if e := runCLI(t, "", "registers", "export.csv", "--fail-on", "error"); e.code != 1 {
		t.Errorf("--fail-on error: exit %d", e.code)
	}
	// diff reads back a findings.json whose fail_on is never.
	if err := os.WriteFile("never.json", []byte(r.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	if d := runCLI(t, "", "diff", "never.json", "never.json"); d.code != 0 {
		t.Errorf("diff of fail_on never: exit %d %s", d.code, d.stderr)
	}
}

// TestOneLineErrors: a usage error is one line with a hint, never the
// page of flags.
func TestOneLineErrors(t *testing.T) {
	inTemp(t, map[string]string{"export.csv": regSample})
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"registers", "export.csv", "--formt", "junit"}, "kartoitus: usage: registers: flag provided but not defined: -formt; did you mean --format? (see 'kartoitus registers -h')"},
		{[]string{"registers"}, "kartoitus: usage: registers: give exactly one export file (or - for standard input) (see 'kartoitus registers -h')"},
		{[]string{"registers", "export.csv", "--max-findings", "x"}, `kartoitus: usage: registers: invalid value "x" for flag -max-findings: parse error (see 'kartoitus registers -h')`},
		{[]string{"inventory", "read", "--langg", "en"}, "kartoitus: usage: inventory read: flag provided but not defined: -langg; did you mean --lang? (see 'kartoitus inventory read -h')"},
		{[]string{"map"}, "kartoitus: usage: map: give an inventory with --inventory FILE (see 'kartoitus map -h')"},
		{[]string{"graph", "-o"}, "kartoitus: usage: graph: flag needs an argument: -o (see 'kartoitus graph -h')"},
		{[]string{"regsiters"}, `kartoitus: usage: unknown command "regsiters" (did you mean registers?) (see 'kartoitus help')`},
	} {
		r := runCLI(t, "", tt.args...)
		if r.code != 2 || r.stderr != tt.want+"\n" {
			t.Errorf("%v: exit %d, stderr:\n%s\nwant:\n%s", tt.args, r.code, r.stderr, tt.want)
		}
	}
	// -h still prints the flags.
	if r := runCLI(t, "", "registers", "-h"); r.code != 0 || !strings.Contains(r.stderr, "-fail-on") || !strings.Contains(r.stderr, "never") {
		t.Errorf("registers -h: exit %d\n%s", r.code, r.stderr)
	}
}

func TestCompletion(t *testing.T) {
	for _, sh := range []string{"bash", "zsh", "fish"} {
		r := runCLI(t, "", "completion", sh)
		if r.code != 0 || r.stderr != "" {
			t.Fatalf("completion %s: exit %d %s", sh, r.code, r.stderr)
		}
		golden(t, "completion."+sh, r.stdout)
		// The shells check the syntax; CI installs them (.ci/run).
		path, err := exec.LookPath(sh)
		if err != nil && os.Getenv("CI") != "" {
			t.Errorf("%s is not installed", sh)
		}
		if err == nil {
			script := filepath.Join(t.TempDir(), "c."+sh)
			os.WriteFile(script, []byte(r.stdout), 0o644)
			if out, err := exec.Command(path, "-n", script).CombinedOutput(); err != nil {
				t.Errorf("%s -n: %v\n%s", sh, err, out)
			}
		}
	}
	if r := runCLI(t, "", "completion", "tcsh"); r.code != 2 || !strings.Contains(r.stderr, "want bash, zsh or fish") {
		t.Errorf("completion tcsh: exit %d %s", r.code, r.stderr)
	}
	// Bash completes commands, subcommands, flags and format names.
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	script := filepath.Join(t.TempDir(), "k.bash")
	os.WriteFile(script, []byte(runCLI(t, "", "completion", "bash").stdout), 0o644)
	for _, tt := range []struct {
		words string
		want  []string
	}{
		{"kartoitus reg", []string{"registers"}},
		{"kartoitus inventory r", []string{"read"}},
		{"kartoitus registers export.csv --fo", []string{"--format"}},
		{"kartoitus registers --format s", []string{"sarif"}},
		{"kartoitus inventory read --fail-on n", []string{"never"}},
	} {
		words := strings.Fields(tt.words)
		cmd := exec.Command(bash, "-c", `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _kartoitus; printf '%s\n' "${COMPREPLY[@]}"`, "_", script)
		cmd.Args = append(cmd.Args, words...)
		out, err := cmd.CombinedOutput()
		if err != nil || strings.Join(strings.Fields(string(out)), " ") != strings.Join(tt.want, " ") {
			t.Errorf("complete %q = %q (%v), want %q", tt.words, out, err, tt.want)
		}
	}
}

func TestVersionInfo(t *testing.T) {
	bi := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/kartoitus/kartoitus", Version: "v1.4.0"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123abcd"}, {Key: "vcs.time", Value: "2026-11-30T12:00:00Z"}, {Key: "vcs.modified", Value: "true"}}}
	v := readVersion(bi)
	if v.Version != "v1.4.0" || v.Commit != "0123abcd" || v.Time != "2026-11-30T12:00:00Z" || !v.Modified {
		t.Errorf("readVersion = %+v", v)
	}
	if got := v.text(); !strings.Contains(got, "kartoitus v1.4.0\ncommit:   0123abcd (modified)\nbuilt:    2026-11-30T12:00:00Z\n") {
		t.Errorf("text:\n%s", got)
	}
	if v := readVersion(&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}); v.Version != "dev" || !strings.Contains(v.text(), "commit:   unknown") {
		t.Errorf("devel build: %+v", v)
	}
	// A release build's link-time values win.
	buildVersion, buildCommit, buildDate = "v2.0.0", "feedbeef", "2027-01-01T00:00:00Z"
	defer func() { buildVersion, buildCommit, buildDate = "", "", "" }()
	if v := readVersion(bi); v.Version != "v2.0.0" || v.Commit != "feedbeef" || v.Time != "2027-01-01T00:00:00Z" {
		t.Errorf("ldflags: %+v", v)
	}
	r := runCLI(t, "", "version", "--json")
	var js versionInfo
	if err := json.Unmarshal([]byte(r.stdout), &js); err != nil || js.Version != "v2.0.0" || js.Go == "" {
		t.Errorf("version --json: %v %q", err, r.stdout)
	}
}
