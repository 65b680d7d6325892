package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kartoitus/kartoitus/finding"
)

var update = flag.Bool("update", false, "rewrite golden files")

var (
	ruleErr  = finding.Rule{ID: "REG001", Severity: finding.Error, Title: finding.T("Terveystietoa sosiaalihuollon rekisterissä", "Health data in the social-welfare register"), Basis: "703/2023 § 18"}
	ruleWarn = finding.Rule{ID: "RET005", Severity: finding.Warning, Title: finding.T("Säilytysaika lakia lyhyempi", "Retention shorter than the law"), Basis: "703/2023 liite"}
	ruleInfo = finding.Rule{ID: "MAP002", Severity: finding.Info, Title: finding.T("Ehdotus", "Suggestion"), Inferred: true}
)

func sample(failOn finding.Severity) *Result {
	fs := []finding.Finding{
		finding.New(ruleWarn, finding.T("Säilytysaika 5 v, laki 10 v", "Retention 5 y, law 10 y"), finding.Location{File: "inv.xlsx", Sheet: "Iäkkäät", Row: 7, Column: "H"}, "1000"),
		finding.New(ruleErr, finding.T("Asiakirja D-1 on potilasasiakirja", "Document D-1 is a patient record"), finding.Location{File: "export.csv", Row: 12, Key: "D-1"}, "D-1"),
	}
	r := testResult("registers", finding.FI, failOn,
		[]finding.Tally{{Source: "export.csv", Read: 20, Accepted: 19, Rejected: 1}}, fs, []finding.Rule{ruleWarn, ruleErr, ruleInfo, ruleErr})
	r.Generated = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	r.Version = "test"
	r.Paths = []string{"data/export.csv", "data/inv.xlsx"}
	return r
}

func TestNewResult(t *testing.T) {
	r := sample(finding.Error)
	if r.Summary.Total != 2 || r.Summary.Error != 1 || r.Summary.Warning != 1 || !r.Summary.Failed {
		t.Errorf("summary %+v", r.Summary)
	}
	if r.Findings[0].RuleID != "REG001" {
		t.Errorf("errors should sort first, got %s", r.Findings[0].RuleID)
	}
	if len(r.Rules) != 3 {
		t.Errorf("rules not deduplicated: %d", len(r.Rules))
	}
	if sample(finding.Error).Summary.Failed != true {
		t.Error("error finding should fail at --fail-on error")
	}
	clean := testResult("x", finding.FI, finding.Error, nil, []finding.Finding{finding.New(ruleWarn, finding.T("", ""), finding.Location{})}, nil)
	if clean.Summary.Failed {
		t.Error("a warning must not fail at --fail-on error")
	}
}

func TestReporters(t *testing.T) {
	for _, name := range []string{"table", "json", "csv", "junit", "sarif", "github", "codequality", "markdown"} {
		for _, lang := range []finding.Lang{finding.FI, finding.EN} {
			t.Run(name+"_"+string(lang), func(t *testing.T) {
				rep, err := ByName(name)
				if err != nil {
					t.Fatal(err)
				}
				r := sample(finding.Warning)
				r.Lang = lang
				var buf bytes.Buffer
				if err := rep.Write(&buf, r); err != nil {
					t.Fatal(err)
				}
				checkGolden(t, name+"_"+string(lang)+"."+ext(name), buf.Bytes())
				switch name {
				case "json":
					var back Result
					if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
						t.Fatalf("JSON does not parse back: %v", err)
					}
					if back.Schema != SchemaVersion || back.Summary.Total != 2 || back.Findings[0].Severity != finding.Error {
						t.Errorf("JSON round trip lost data: %+v", back.Summary)
					}
				case "junit":
					var s junitSuites
					if err := xml.Unmarshal(buf.Bytes(), &s); err != nil {
						t.Fatalf("JUnit XML does not parse: %v", err)
					}
					// fail-on warning: both findings fail; MAP002 has a clean case.
					if s.Failures != 2 || s.Tests != 3 {
						t.Errorf("junit tests=%d failures=%d, want 3 and 2", s.Tests, s.Failures)
					}
				}
			})
		}
	}
	if _, err := ByName("pdf"); err == nil {
		t.Error("unknown format accepted")
	}
}

func ext(name string) string {
	f, err := LookupFormat(name, FindingsFormats)
	if err != nil {
		return name
	}
	return strings.TrimPrefix(f.Ext, ".")
}

var generatedRe = regexp.MustCompile(`"generated": "[^"]*"`)

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	got = generatedRe.ReplaceAll(got, []byte(`"generated": "<time>"`))
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden (go test -update if intended)\n--- got ---\n%s\n--- want ---\n%s", name, got, want)
	}
}

// TestJSONAsEncoder: JSON writes the findings one at a time, byte for
// byte what one json.Encoder with a two-space indent writes.
func TestJSONAsEncoder(t *testing.T) {
	for _, r := range []*Result{fixtureAssessment(finding.FI).Result, bigAssessment(300).Result,
		testResult("x", finding.EN, finding.Error, nil, nil, nil)} {
		var got, want bytes.Buffer
		if err := (JSON{}).Write(&got, r); err != nil {
			t.Fatal(err)
		}
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%d findings: JSON differs from json.Encoder's\n%s", len(r.Findings), got.String()[:min(got.Len(), 2000)])
		}
	}
}
