package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestRetentionDraftReadsBack: the TOS draft CSV, in either dialect and
// language, reads back as a plan (--tos) the same way: every row
// accepted, the same findings.
func TestRetentionDraftReadsBack(t *testing.T) {
	dir := t.TempDir()
	var first string
	for _, tc := range [][]string{{"excel", "fi"}, {"excel", "en"}, {"rfc4180", "fi"}} {
		path := filepath.Join(dir, tc[0]+"-"+tc[1]+".csv")
		if r := runCLI(t, "", "retention", "--inventory", retInv, "--tos", retTOS, "--draft", path, "--csv-dialect", tc[0], "--lang", tc[1], "--fail-on", "never"); r.code != 0 {
			t.Fatalf("%v: exit %d %s", tc, r.code, r.stderr)
		}
		r := runCLI(t, "", "retention", "--inventory", retInv, "--tos", path, "--fail-on", "never", "--format", "json", "-v", "--lang", "en")
		if r.code != 0 || !strings.Contains(r.stdout, `"source": "`+path+`"`) {
			t.Errorf("%v: the draft did not read back as a plan: exit %d\n%s", tc, r.code, r.stderr)
		}
		if !strings.Contains(r.stderr, ": 10 rows (10 accepted, 0 rejected, 0 skipped)") {
			t.Errorf("%v: %s", tc, r.stderr)
		}
		got := rules(t, r.stdout)
		if first == "" {
			first = got
		} else if got != first {
			t.Errorf("%v: findings %s, the Finnish Excel draft gives %s", tc, got, first)
		}
	}
}

// rules lists a findings.json's rule IDs in order.
func rules(t *testing.T, js string) string {
	t.Helper()
	var v struct {
		Findings []struct {
			Rule string `json:"rule"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(js), &v); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range v.Findings {
		out = append(out, f.Rule)
	}
	return strings.Join(out, " ")
}
