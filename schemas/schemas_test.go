// Package schemas holds the JSON Schemas of kartoitus's files (see
// README.md). Its test validates the committed samples and the tool's own
// outputs against them, and shows each schema refusing what the tool's
// strict readers refuse.
package schemas

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	// The pure-Go JSON Schema validator (drafts 4 to 2020-12). Tests only.
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/kartoitus/kartoitus/assess"
	"github.com/kartoitus/kartoitus/export"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/internal/strictyaml"
	"github.com/kartoitus/kartoitus/profile"
	"github.com/kartoitus/kartoitus/report"
	"github.com/kartoitus/kartoitus/sosmeta"
)

const root = ".."

func compile(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(name, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(name)
	if err != nil {
		t.Fatalf("%s does not compile: %v", name, err)
	}
	return s
}

// instance reads JSON, or YAML turned into the JSON it stands for.
func instance(t *testing.T, name string, b []byte) any {
	t.Helper()
	if strings.HasSuffix(name, ".json") {
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return v
	}
	doc, err := strictyaml.Parse(b)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var v any
	if len(doc.Content) > 0 {
		v = yamlValue(doc.Content[0])
	}
	js, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(js))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// yamlValue is a YAML node as the JSON value it decodes to: numbers and
// booleans by their tags, dates as strings (as the readers take them).
func yamlValue(n *strictyaml.Node) any {
	switch n.Kind {
	case strictyaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = yamlValue(n.Content[i+1])
		}
		return m
	case strictyaml.SequenceNode:
		out := []any{}
		for _, c := range n.Content {
			out = append(out, yamlValue(c))
		}
		return out
	case strictyaml.AliasNode:
		return yamlValue(n.Alias)
	}
	switch n.ShortTag() {
	case "!!int", "!!float":
		return json.Number(n.Value)
	case "!!bool":
		return n.Value == "true"
	case "!!null":
		return nil
	}
	return n.Value
}

func validate(t *testing.T, s *jsonschema.Schema, name string, b []byte) error {
	t.Helper()
	return s.Validate(instance(t, name, b))
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSamplesValidate: the committed files of each kind validate, and the
// tool's strict reader accepts them too.
func TestSamplesValidate(t *testing.T) {
	files := []struct {
		schema string
		paths  []string
		parse  func(path string, b []byte) error
	}{
		{"overlay.schema.json", []string{"samples/overlay.yaml", "sosmeta/testdata/overlay/local.yaml", "sosmeta/testdata/overlay/local.json", "cmd/kartoitus/testdata/retention_overlay.yaml"},
			func(p string, b []byte) error { _, err := assess.LoadCatalogue("", filepath.Join(root, p)); return err }},
		{"ignore.schema.json", []string{"samples/kartoitusignore.yaml"}, func(p string, b []byte) error { _, err := finding.ParseIgnore(p, b); return err }},
		{"export-mapping.schema.json", []string{"samples/export-mapping.yaml"}, func(p string, b []byte) error { _, err := export.ParseMapping(p, b); return err }},
		{"config.schema.json", []string{"samples/kartoitus.yaml"}, nil},
		{"profile.schema.json", []string{"samples/profile.yaml"}, func(p string, b []byte) error { _, err := profile.Parse(p, b); return err }},
	}
	for _, f := range files {
		s := compile(t, f.schema)
		for _, p := range f.paths {
			b := read(t, filepath.Join(root, p))
			if err := validate(t, s, p, b); err != nil {
				t.Errorf("%s against %s: %v", p, f.schema, err)
			}
			if f.parse != nil {
				if err := f.parse(p, b); err != nil {
					t.Errorf("%s: the reader refuses it: %v", p, err)
				}
			}
		}
	}
	// The rules' own overlay and ignore samples (the files their tests
	// run) validate too.
	overlay, ignore := compile(t, "overlay.schema.json"), compile(t, "ignore.schema.json")
	n := 0
	for _, r := range assess.Rules() {
		for _, smp := range append(append([]finding.Sample(nil), r.Samples.Good...), r.Samples.Bad...) {
			if smp.Overlay != "" {
				n++
				if err := validate(t, overlay, r.ID+".yaml", []byte(smp.Overlay)); err != nil {
					t.Errorf("%s sample %q overlay: %v", r.ID, smp.Note, err)
				}
			}
			if smp.Ignore != "" {
				n++
				if err := validate(t, ignore, r.ID+".yaml", []byte(smp.Ignore)); err != nil {
					t.Errorf("%s sample %q ignore file: %v", r.ID, smp.Note, err)
				}
			}
		}
	}
	if n < 5 {
		t.Errorf("only %d rule samples carry an overlay or ignore file", n)
	}
}

// TestOutputsValidate: findings.json as the tool writes it — from a run
// of the whole sample assessment (every stage's rules), and the golden
// files of the reporters and the CLI — validates.
func TestOutputsValidate(t *testing.T) {
	s := compile(t, "findings.schema.json")
	ctx := context.Background()
	cat, err := assess.LoadCatalogue("", filepath.Join(root, "samples/overlay.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, failOn := range []finding.Severity{finding.Error, finding.Never} {
		res, err := assess.Run(ctx, assess.Config{Catalogue: cat, FailOn: failOn,
			Inventories: []string{filepath.Join(root, "samples/inventory.xlsx")}, TOS: []string{filepath.Join(root, "samples/tos.xlsx")},
			Export: filepath.Join(root, "samples/register-export.csv"), Ignore: filepath.Join(root, "samples/kartoitusignore.yaml"),
			Profile: filepath.Join(root, "samples/profile.yaml"), MaxPerRule: 2}, assess.All)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := (report.JSON{}).Write(&buf, res.Report("assess", finding.EN)); err != nil {
			t.Fatal(err)
		}
		if err := validate(t, s, "findings.json", buf.Bytes()); err != nil {
			t.Errorf("the sample assessment's findings.json (--fail-on %s): %v", failOn, err)
		}
		if failOn == finding.Error && (res.Run.Suppressed == 0 || len(res.Run.Omitted) == 0 || len(res.Run.Findings) < 20) {
			t.Errorf("the run does not exercise the schema: %d findings, %d suppressed, omitted %v", len(res.Run.Findings), res.Run.Suppressed, res.Run.Omitted)
		}
	}
	for _, p := range []string{"report/testdata/json_en.json", "report/testdata/json_fi.json",
		"cmd/kartoitus/testdata/golden/registers_json_en.json", "cmd/kartoitus/testdata/golden/map_findings_en.json"} {
		b := bytes.ReplaceAll(read(t, filepath.Join(root, p)), []byte(`"generated": "<time>"`), []byte(`"generated": "2026-01-01T00:00:00Z"`))
		b = bytes.ReplaceAll(b, []byte(`"generated": "…"`), []byte(`"generated": "2026-01-01T00:00:00Z"`))
		if err := validate(t, s, p, b); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
}

// TestSchemasRefuse: each schema refuses what the strict readers refuse,
// so a file that validates is not merely well-formed.
func TestSchemasRefuse(t *testing.T) {
	for _, tt := range []struct {
		schema, doc string
	}{
		{"ignore.schema.json", "ignore:\n  - rule: REG003\n"},                                       // no reason
		{"ignore.schema.json", "ignore:\n  - rule: REG003\n    reason: x\n    until: 2027-01-01\n"}, // unknown key
		{"ignore.schema.json", "ignore:\n  - rule: REG003\n    reason: x\n    expires: 31.1.2027\n"},
		{"export-mapping.schema.json", "colums:\n  A: document_id\n"},
		{"export-mapping.schema.json", "columns:\n  A: [document_id]\n"},
		{"overlay.schema.json", "archival:\n  - basis: x\n"}, // no id
		{"overlay.schema.json", "retention:\n  - id: X\n    start: whenever\n"},
		{"overlay.schema.json", "synonym:\n  A: \"1000\"\n"},
		{"config.schema.json", "registres:\n  lang: en\n"},
		{"config.schema.json", "registers:\n  mappng: m.yaml\n"},
		{"config.schema.json", "registers:\n  reveal-ids: true\n"},
		{"config.schema.json", "registers:\n  max-findings: lots\n"},
		{"config.schema.json", "inventory:\n  read:\n    json: yes please\n"},
		{"findings.schema.json", `{"schema":"kartoitus.findings/v2"}`},
	} {
		name := "doc.yaml"
		if strings.HasPrefix(tt.doc, "{") {
			name = "doc.json"
		}
		if err := validate(t, compile(t, tt.schema), name, []byte(tt.doc)); err == nil {
			t.Errorf("%s accepted %q", tt.schema, tt.doc)
		}
	}
	// And the readers refuse the same ignore, mapping and overlay files.
	if _, err := finding.ParseIgnore("i.yaml", []byte("ignore:\n  - rule: REG003\n    reason: x\n    until: 2027-01-01\n")); err == nil {
		t.Error("ParseIgnore accepted an unknown key")
	}
	if _, err := export.ParseMapping("m.yaml", []byte("colums:\n  A: document_id\n")); err == nil {
		t.Error("ParseMapping accepted an unknown key")
	}
	if _, err := sosmeta.ParseOverlay("o.yaml", []byte("synonym:\n  A: \"1000\"\n")); err == nil {
		t.Error("ParseOverlay accepted an unknown key")
	}
}
