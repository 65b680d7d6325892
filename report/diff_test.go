package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/finding"
)

func TestCompare(t *testing.T) {
	mk := func(rule finding.Rule, key string, row int) finding.Finding {
		return finding.New(rule, finding.T("m "+key, "m "+key), finding.Location{Row: row}, key)
	}
	old := testResult("assess", finding.FI, finding.Error, nil, []finding.Finding{
		mk(ruleErr, "D-1", 1), mk(ruleErr, "D-2", 2), mk(ruleWarn, "1000", 3), mk(ruleWarn, "1000", 4),
	}, nil)
	// Rows moved (different row numbers), D-1 fixed, one of the duplicate
	// warnings fixed, D-3 new.
	cur := testResult("assess", finding.FI, finding.Error, nil, []finding.Finding{
		mk(ruleErr, "D-2", 20), mk(ruleWarn, "1000", 30), mk(ruleErr, "D-3", 40),
	}, nil)
	d := Compare("old", old, "new", cur)
	if len(d.Fixed) != 2 || len(d.Added) != 1 || d.Unchanged != 2 {
		t.Fatalf("fixed=%d new=%d unchanged=%d, want 2 1 2", len(d.Fixed), len(d.Added), d.Unchanged)
	}
	if d.Added[0].Message.FI != "m D-3" {
		t.Errorf("new finding = %v", d.Added[0].Message)
	}
	if got := d.ByRule["REG001"]; got != [2]int{1, 1} {
		t.Errorf("REG001 by rule = %v", got)
	}
	var b strings.Builder
	if err := WriteDiffTable(&b, d, finding.EN); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "Fixed 2, new 1, unchanged 2") || !strings.Contains(b.String(), "+ error REG001") {
		t.Errorf("table:\n%s", b.String())
	}
}

func TestReadResult(t *testing.T) {
	dir := t.TempDir()
	var buf strings.Builder
	if err := (JSON{}).Write(&buf, sample(finding.Error)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "findings.json"), []byte(buf.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := ReadResult(dir)
	if err != nil || len(r.Findings) != 2 {
		t.Fatalf("ReadResult(dir) = %v, %v", r, err)
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"schema":"other/v9"}`), 0o644)
	if _, err := ReadResult(bad); err == nil || !strings.Contains(err.Error(), "field schema") {
		t.Errorf("wrong schema: %v", err)
	}
	os.WriteFile(bad, []byte(`{`), 0o644)
	if _, err := ReadResult(bad); err == nil || !strings.Contains(err.Error(), "bad.json") {
		t.Errorf("broken JSON: %v", err)
	}
}
