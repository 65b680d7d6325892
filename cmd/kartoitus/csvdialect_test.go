package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAssessCSVDialects: every CSV of the report folder is written for
// Finnish Excel by default (';', a byte-order mark, Finnish headers) and
// for machines with --csv-dialect rfc4180 (',', no mark, English
// headers); the accepted-mappings file of either dialect reads back as
// --accepted without changing a finding.
func TestAssessCSVDialects(t *testing.T) {
	tmp := t.TempDir()
	starts := map[string]map[string]string{
		"excel": {"findings.csv": "\ufeffSääntö;Vakavuus;Havainto;", "tos-draft.csv": "\ufeffPalvelutehtävä;Koodi;",
			"accepted-mappings.csv": "\ufeffAsiakirjan nimi;Palvelutehtävä;Koodi;"},
		"rfc4180": {"findings.csv": "rule,severity,message,", "tos-draft.csv": "Service task,Code,",
			"accepted-mappings.csv": "name,service_task,code,"},
	}
	for _, dialect := range []string{"excel", "rfc4180"} {
		t.Run(dialect, func(t *testing.T) {
			out := filepath.Join(tmp, dialect)
			assessSamplesTo(t, out, "--csv-dialect", dialect)
			for file, prefix := range starts[dialect] {
				b, err := os.ReadFile(filepath.Join(out, file))
				if err != nil {
					t.Fatal(err)
				}
				if !strings.HasPrefix(string(b), prefix) {
					t.Errorf("%s starts %q, want %q", file, string(b[:min(len(b), 40)]), prefix)
				}
			}
			again := filepath.Join(tmp, dialect+"-again")
			cur := assessSamplesTo(t, again, "--csv-dialect", dialect, "--accepted", filepath.Join(out, "accepted-mappings.csv"))
			for _, f := range cur.Findings {
				if f.RuleID == "MAP006" || f.RuleID == "MAP007" {
					t.Errorf("%s: %s", f.RuleID, f.Message.EN)
				}
			}
			if d := diffOf(t, out, again); len(d.Fixed)+len(d.Added) != 0 {
				t.Errorf("the accepted file read back changed findings: fixed %q, new %q", subjects(d.Fixed), subjects(d.Added))
			}
		})
	}
	if r := runCLI(t, "", "registers", "--csv-dialect", "semicolon", "x.csv"); r.code != 2 || !strings.Contains(r.stderr, "--csv-dialect") {
		t.Errorf("bad dialect: exit %d %s", r.code, r.stderr)
	}
}
