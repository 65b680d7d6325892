package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestRetentionAndAssessSameTOSFindings: the plan is read once, by the one
// pipeline, whichever command asks. Before it was, assess merged plans by
// hand and kept only TOS001 of a file that gives TOS001, TOS003, TOS004 and
// TOS005 to `retention` (issue 12).
func TestRetentionAndAssessSameTOSFindings(t *testing.T) {
	const plan = "testdata/parity_tos.csv" // an unknown code, an unknown medium, an unused column, a row without a document
	r := runCLI(t, "", "retention", "--format", "json", "--lang", "en", "--inventory", retInv, "--tos", plan)
	if r.code != 1 {
		t.Fatalf("retention exit %d\n%s", r.code, r.stderr)
	}
	fromRetention := tosFindings(t, []byte(r.stdout))

	out := filepath.Join(t.TempDir(), "out")
	a := runCLI(t, "", "assess", "--lang", "en", "--inventory", retInv, "--tos", plan, "-o", out)
	if a.code != 1 {
		t.Fatalf("assess exit %d\n%s", a.code, a.stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "findings.json"))
	if err != nil {
		t.Fatal(err)
	}
	fromAssess := tosFindings(t, b)

	for _, id := range []string{"TOS001", "TOS003", "TOS004", "TOS005"} {
		if !slices.ContainsFunc(fromRetention, func(s string) bool { return strings.HasPrefix(s, id+" ") }) {
			t.Errorf("retention lacks %s: %v", id, fromRetention)
		}
	}
	if !slices.Equal(fromRetention, fromAssess) {
		t.Errorf("TOS findings differ\nretention: %v\nassess:    %v", fromRetention, fromAssess)
	}
}

// tosFindings lists the TOS findings of a findings.json as "rule row column fingerprint message".
func tosFindings(t *testing.T, b []byte) []string {
	t.Helper()
	var doc struct {
		Findings []struct {
			Rule     string            `json:"rule"`
			Message  map[string]string `json:"message"`
			Location struct {
				Row    int    `json:"row"`
				Column string `json:"column"`
			} `json:"location"`
			Fingerprint string `json:"fingerprint"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range doc.Findings {
		if strings.HasPrefix(f.Rule, "TOS") {
			got = append(got, strings.Join([]string{f.Rule, itoa(f.Location.Row), f.Location.Column, f.Fingerprint, f.Message["en"]}, " "))
		}
	}
	slices.Sort(got)
	return got
}
