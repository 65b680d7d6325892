package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/report"
)

func writeFindings(t *testing.T, dir string, fs ...finding.Finding) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	r := report.NewResult("assess", finding.FI, finding.Error, finding.Run{Findings: fs})
	f, err := os.Create(filepath.Join(dir, "findings.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := (report.JSON{}).Write(f, r); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestDiffCommand(t *testing.T) {
	errRule := finding.Rule{ID: "REG001", Severity: finding.Error}
	warnRule := finding.Rule{ID: "RET005", Severity: finding.Warning}
	tmp := t.TempDir()
	before := writeFindings(t, filepath.Join(tmp, "before"),
		finding.New(errRule, finding.T("a", "a"), finding.Location{}, "D-1"),
		finding.New(warnRule, finding.T("b", "b"), finding.Location{}, "1000"))
	afterFixed := writeFindings(t, filepath.Join(tmp, "fixed"),
		finding.New(warnRule, finding.T("b", "b"), finding.Location{}, "1000"))
	afterWorse := writeFindings(t, filepath.Join(tmp, "worse"),
		finding.New(errRule, finding.T("c", "c"), finding.Location{}, "D-9"))

	tests := []struct {
		name     string
		args     []string
		code     int
		contains string
	}{
		{"fixed only", []string{"diff", "--lang", "en", before, afterFixed}, 0, "Fixed 1, new 0, unchanged 1"},
		{"new error fails", []string{"diff", before, afterWorse}, 1, "Korjattu 2, uusia 1"},
		{"new error below fail-on", []string{"diff", "--fail-on", "error", afterFixed, afterFixed}, 0, "ennallaan 1"},
		{"json", []string{"diff", "--format", "json", before, afterWorse}, 1, `"new_findings"`},
		{"one argument", []string{"diff", before}, 2, ""},
		{"missing folder", []string{"diff", before, filepath.Join(tmp, "nope")}, 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, "", tt.args...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tt.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout, tt.contains) {
				t.Errorf("stdout lacks %q:\n%s", tt.contains, r.stdout)
			}
		})
	}
}
