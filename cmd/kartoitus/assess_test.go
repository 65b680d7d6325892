package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/report"
)

// expected mirrors samples/expected.json: what the sample organisation is
// built to reveal.
type expected struct {
	Inventory []struct {
		Sheet  string `json:"sheet"`
		Row    int    `json:"row"`
		Name   string `json:"name"`
		Expect string `json:"expect"`
	} `json:"inventory"`
	RegisterExport struct {
		Rows       int `json:"rows"`
		Violations []struct {
			DocumentID string   `json:"document_id"`
			Line       int      `json:"line"`
			Rules      []string `json:"rules"`
		} `json:"violations"`
		Lawful []struct {
			DocumentID string `json:"document_id"`
			Line       int    `json:"line"`
		} `json:"must_not_be_flagged"`
	} `json:"register_export"`
}

// assessSamples runs the README's main job once per test binary.
func assessSamples(t *testing.T, extra ...string) (cliResult, string) {
	t.Helper()
	out := t.TempDir()
	args := append([]string{"assess",
		"--inventory", "../../samples/inventory.xlsx",
		"--export", "../../samples/register-export.csv",
		"--tos", "../../samples/tos.xlsx",
		"--overlay", "../../samples/overlay.yaml",
		"--profile", "../../samples/profile.yaml",
		"--organisation", "Hoivapolku Oy", "--out", out}, extra...)
	return runCLI(t, "", args...), out
}

func TestAssessSamples(t *testing.T) {
	r, out := assessSamples(t)
	// The sample has register errors by design: the gate fails.
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\nstderr:\n%s", r.code, r.stderr)
	}
	for _, f := range []string{"index.html", "report.xlsx", "findings.json", "findings.csv", "tos-draft.csv", "accepted-mappings.csv",
		"graphs/overview.svg", "graphs/child_welfare-comparison.svg", "graphs/older_people-target.svg", "graphs/disability-current.svg"} {
		st, err := os.Stat(filepath.Join(out, f))
		if err != nil || st.Size() == 0 {
			t.Errorf("%s missing or empty: %v", f, err)
		}
	}
	// Every "full size" link of the page opens a picture of the folder.
	page, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	links := regexp.MustCompile(`href="(graphs/[^"]+\.svg)"`).FindAllStringSubmatch(string(page), -1)
	if len(links) < 4 {
		t.Errorf("only %d full-size graph links", len(links))
	}
	for _, m := range links {
		if _, err := os.Stat(filepath.Join(out, m[1])); err != nil {
			t.Errorf("full-size link %s: %v", m[1], err)
		}
	}
	res, err := report.ReadResult(out)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("../../samples/expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var want expected
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	byDoc := map[string]map[string]bool{}
	for _, f := range res.Findings {
		if f.Location.Key == "" {
			continue
		}
		if byDoc[f.Location.Key] == nil {
			byDoc[f.Location.Key] = map[string]bool{}
		}
		byDoc[f.Location.Key][f.RuleID] = true
	}
	for _, v := range want.RegisterExport.Violations {
		for _, rule := range v.Rules {
			if !byDoc[v.DocumentID][rule] {
				t.Errorf("seeded violation %s (line %d): rule %s not reported (got %v)", v.DocumentID, v.Line, rule, keys(byDoc[v.DocumentID]))
			}
		}
	}
	for _, l := range want.RegisterExport.Lawful {
		for rule := range byDoc[l.DocumentID] {
			if strings.HasPrefix(rule, "REG") {
				t.Errorf("lawful row %s (line %d) flagged %s", l.DocumentID, l.Line, rule)
			}
		}
	}
	// Every input row is accounted for.
	for _, in := range res.Inputs {
		if in.Read != in.Accepted+in.Rejected+in.Skipped {
			t.Errorf("input %s does not balance: %+v", in.Source, in)
		}
	}
	// No full henkilötunnus anywhere in the folder.
	checkNoHetu(t, out)
	if !strings.Contains(r.stdout, "index.html") {
		t.Errorf("console summary does not point at the report:\n%s", r.stdout)
	}
}

func TestAssessSamplesEnglish(t *testing.T) {
	r, out := assessSamples(t, "--lang", "en", "--no-graphs", "--fail-on", "info")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	html, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(html), `lang="en"`) {
		t.Error("index.html is not in English with --lang en")
	}
	res, err := report.ReadResult(out)
	if err != nil {
		t.Fatal(err)
	}
	if res.Lang != finding.EN {
		t.Errorf("findings.json lang %q", res.Lang)
	}
}

func TestAssessErrors(t *testing.T) {
	tmp := t.TempDir()
	empty := filepath.Join(tmp, "empty.csv")
	os.WriteFile(empty, []byte("Nimi;Puhelin\nMaija;040\n"), 0o644)
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no inventory", []string{"assess", "--out", tmp}, 2, "--inventory"},
		{"no out", []string{"assess", "--inventory", "../../samples/inventory.xlsx"}, 2, "--out"},
		{"missing file", []string{"assess", "--inventory", filepath.Join(tmp, "nope.xlsx"), "--out", tmp}, 2, "nope.xlsx"},
		{"nothing recognised", []string{"assess", "--inventory", empty, "--out", tmp}, 3, "Nimi"},
		{"bad fail-on", []string{"assess", "--inventory", empty, "--out", tmp, "--fail-on", "fatal"}, 2, "fail-on"},
		{"stray argument", []string{"assess", "x.xlsx"}, 2, "unexpected argument"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, "", tt.args...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d\nstderr: %s", r.code, tt.code, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.msg) {
				t.Errorf("stderr lacks %q: %s", tt.msg, r.stderr)
			}
			if strings.Contains(r.stderr, "goroutine") || strings.Contains(r.stderr, "panic") {
				t.Errorf("stack trace on stderr: %s", r.stderr)
			}
		})
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// hetuShape is any henkilötunnus-shaped string (format only: a leak of a
// mistyped id is still a leak).
var hetuShape = regexp.MustCompile(`\b[0-3]\d[01]\d\d\d[-+A-FU-Y]\d{3}[0-9A-FHJ-NPR-Y]\b`)

// checkNoHetu fails if any file under dir (xlsx members included) holds a
// full henkilötunnus.
func checkNoHetu(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		texts := map[string][]byte{p: b}
		if strings.HasSuffix(p, ".xlsx") {
			zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
			if err != nil {
				return err
			}
			for _, f := range zr.File {
				rc, err := f.Open()
				if err != nil {
					return err
				}
				m, _ := io.ReadAll(rc)
				rc.Close()
				texts[p+"!"+f.Name] = m
			}
		}
		for name, text := range texts {
			if m := hetuShape.Find(text); m != nil {
				t.Errorf("%s holds a full henkilötunnus %q", name, m)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestAssessPseudonymize(t *testing.T) {
	t.Setenv("KARTOITUS_TEST_KEY", "a-shared-secret-of-the-county")
	r, out := assessSamples(t, "--no-graphs", "--pseudonymize", "env:KARTOITUS_TEST_KEY")
	if r.code != 1 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "findings.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "psn:") || strings.Contains(string(b), "-****") {
		t.Errorf("client ids are not pseudonymised in findings.csv")
	}
	checkNoHetu(t, out)
	if r := runCLI(t, "", "assess", "--inventory", "x", "--out", t.TempDir(), "--pseudonymize", "short"); r.code != 2 {
		t.Errorf("a short key: exit %d, want 2", r.code)
	}
}
