package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	// The pure-Go JSON Schema validator (drafts 4 to 2020-12): the SARIF
	// schema is draft 4. Tests only.
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/kartoitus/kartoitus/finding"
)

// sarifSchema compiles the official SARIF 2.1.0 schema, committed in
// testdata (source: testdata/SOURCES.md), with format assertions on.
func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("sarif-schema-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSARIFValidates: the SARIF of the sample and of the fixture
// assessment (locationless findings, omitted counts, rules not checked,
// file names with spaces and ä) is valid against the official schema,
// and every result points at its rule and carries its fingerprint.
func TestSARIFValidates(t *testing.T) {
	schema := compileSARIFSchema(t)
	fx := fixtureAssessment(finding.EN).Result
	fx.Paths = []string{"samples/inventory.xlsx", "aineisto/rekisteri ote ä.csv"}
	fx.Findings = append(fx.Findings, finding.New(fxRuleHealth, finding.T("x", "x"),
		finding.Location{File: "rekisteri ote ä.csv", Row: 3, Key: "D-3"}, "D-3"))
	for name, r := range map[string]*Result{"sample": sample(finding.Warning), "fixture": fx} {
		var buf bytes.Buffer
		if err := (SARIF{}).Write(&buf, r); err != nil {
			t.Fatal(err)
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(inst); err != nil {
			t.Errorf("%s: SARIF does not validate: %v", name, err)
		}
		var log sarifLog
		if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
			t.Fatal(err)
		}
		run := log.Runs[0]
		if len(run.Results) != len(r.Findings) {
			t.Errorf("%s: %d results for %d findings", name, len(run.Results), len(r.Findings))
		}
		for i, res := range run.Results {
			if ru := run.Tool.Driver.Rules[res.RuleIndex]; ru.ID != res.RuleID || ru.Help.Text == "" {
				t.Errorf("%s: result %d (%s) points at rule %s, help %q", name, i, res.RuleID, ru.ID, ru.Help.Text)
			}
			if res.PartialFingerprints[sarifFingerprint] != r.Findings[i].Fingerprint {
				t.Errorf("%s: result %d fingerprint %v", name, i, res.PartialFingerprints)
			}
		}
		if name == "fixture" {
			if len(run.Invocations[0].Notifications) != 1 {
				t.Errorf("not-checked rule not notified: %+v", run.Invocations)
			}
			last := run.Results[len(run.Results)-1]
			if loc := last.Locations[0].PhysicalLocation; loc.ArtifactLocation.URI != "aineisto/rekisteri%20ote%20%C3%A4.csv" || loc.Region.StartLine != 3 {
				t.Errorf("location %+v %+v", loc.ArtifactLocation, loc.Region)
			}
		}
	}
	// A log that breaks the schema is caught, so the check can fail.
	bad, _ := jsonschema.UnmarshalJSON(strings.NewReader(`{"version":"2.1.0","runs":[{"tool":{"driver":{}},"results":[{"level":"fatal","message":{"text":"x"}}]}]}`))
	if schema.Validate(bad) == nil {
		t.Error("an invalid SARIF log validated")
	}
}

func TestGitHubAnnotations(t *testing.T) {
	r := sample(finding.Error)
	r.Lang = finding.EN
	r.Findings[0].Message = finding.T("", "100% wrong,\nsecond line: here")
	r.Paths = []string{"in dir/export,1.csv", "data/inv.xlsx"}
	r.Findings[0].Location.File = "export,1.csv"
	var buf bytes.Buffer
	if err := (GitHub{}).Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	want := []string{
		"::error file=in dir/export%2C1.csv,line=12,title=REG001 Health data in the social-welfare register::100%25 wrong, second line: here (D-1) [703/2023 § 18]",
		"::warning file=data/inv.xlsx,title=RET005 Retention shorter than the law::Retention 5 y, law 10 y (sheet Iäkkäät, row 7, column H) [703/2023 liite]",
		"::error title=kartoitus registers%3A fails::2 findings: 1 error, 1 warning, 0 info (--fail-on error)",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("annotations:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	r.FailOn = finding.Never
	r.Summary = Summarise(r.Findings, finding.Never)
	buf.Reset()
	(GitHub{}).Write(&buf, r)
	if !strings.Contains(buf.String(), "::notice title=kartoitus registers%3A passes::") {
		t.Errorf("--fail-on never verdict: %s", buf.String())
	}
}

func TestMarkdownEscapes(t *testing.T) {
	r := sample(finding.Error)
	r.Findings[0].Message = finding.T("a | b <script>x</script>\nc", "")
	var buf bytes.Buffer
	if err := (Markdown{MaxRows: 1}).Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, s := range []string{`a \| b &lt;script&gt;x&lt;/script&gt; c`, "1 havainto lisää", "Havainnot (1/2)", "EI LÄPÄISE"} {
		if !strings.Contains(out, s) {
			t.Errorf("markdown lacks %q:\n%s", s, out)
		}
	}
	if strings.Contains(out, "<script>") {
		t.Error("markup passed into the summary")
	}
}

func TestCodeQuality(t *testing.T) {
	var buf bytes.Buffer
	if err := (CodeQuality{}).Write(&buf, sample(finding.Error)); err != nil {
		t.Fatal(err)
	}
	var issues []cqIssue
	if err := json.Unmarshal(buf.Bytes(), &issues); err != nil {
		t.Fatal(err)
	}
	if len(issues) != 2 || issues[0].Location.Path != "data/export.csv" || issues[0].Location.Lines.Begin != 12 ||
		issues[0].Severity != "critical" || issues[1].Location.Lines.Begin != 1 || issues[1].Fingerprint == "" {
		t.Errorf("issues %+v", issues)
	}
}
