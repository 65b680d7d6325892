package main

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/internal/strictyaml"
)

// TestREADMECIExamples runs the kartoitus command lines of the README's
// GitHub Actions and GitLab CI examples, as written, against the sample
// export, and checks the reports the examples then publish.
func TestREADMECIExamples(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	sample, err := os.ReadFile(filepath.Join("..", "..", "samples", "register-export.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, ci := range []string{"github", "gitlab"} {
		t.Run(ci, func(t *testing.T) {
			doc := exampleYAML(t, string(readme), ci)
			root, err := strictyaml.Parse([]byte(doc))
			if err != nil || len(root.Content) == 0 {
				t.Fatalf("the %s example is not YAML: %v", ci, err)
			}
			var lines, published []string
			walkYAML(root.Content[0], "", func(key string, n *strictyaml.Node) {
				v := strings.TrimSpace(n.Value)
				switch {
				case (key == "run" || key == "script") && strings.HasPrefix(v, "kartoitus "):
					lines = append(lines, v)
				case key == "sarif_file" || key == "junit" || key == "codequality":
					published = append(published, v)
				case key == "run" && strings.HasPrefix(v, "cat "):
					published = append(published, strings.Fields(v)[1])
				}
			})
			if len(lines) == 0 || len(published) < 2 {
				t.Fatalf("%s example: commands %q, published reports %q", ci, lines, published)
			}
			inTemp(t, map[string]string{"samples/register-export.csv": string(sample)})
			for _, line := range lines {
				args := strings.Fields(line)[1:]
				r := runCLI(t, "", args...)
				// The sample has seeded violations: the gate fails on them.
				if r.code != 1 {
					t.Errorf("%s: exit %d, want 1 (findings)\n%s", line, r.code, r.stderr)
				}
				if ci == "github" && !strings.Contains(r.stdout, "::error file=samples/register-export.csv,line=") {
					t.Errorf("the job log has no annotations:\n%.400s", r.stdout)
				}
				if ci == "gitlab" && !strings.Contains(r.stdout, "SÄÄNTÖ") {
					t.Errorf("the job log has no table:\n%.400s", r.stdout)
				}
			}
			for _, p := range published {
				b, err := os.ReadFile(p)
				if err != nil || len(b) == 0 {
					t.Errorf("%s: %v", p, err)
					continue
				}
				switch filepath.Ext(p) {
				case ".xml":
					var v struct {
						Failures int `xml:"failures,attr"`
					}
					if err := xml.Unmarshal(b, &v); err != nil || v.Failures == 0 {
						t.Errorf("%s: %v, %d failures", p, err, v.Failures)
					}
				case ".json", ".sarif":
					var v any
					if err := json.Unmarshal(b, &v); err != nil {
						t.Errorf("%s: %v", p, err)
					}
				case ".md":
					if !strings.Contains(string(b), "### kartoitus registers: EI LÄPÄISE") {
						t.Errorf("%s: %.200s", p, b)
					}
				}
			}
		})
	}
}

// exampleYAML is the yaml block after <!-- ci-example:NAME --> in the README.
func exampleYAML(t *testing.T, readme, name string) string {
	t.Helper()
	_, rest, ok := strings.Cut(readme, "<!-- ci-example:"+name+" -->")
	if !ok {
		t.Fatalf("README has no <!-- ci-example:%s --> marker", name)
	}
	_, rest, ok = strings.Cut(rest, "```yaml\n")
	if !ok {
		t.Fatalf("no yaml block after the %s marker", name)
	}
	block, _, ok := strings.Cut(rest, "```")
	if !ok {
		t.Fatalf("the %s yaml block does not end", name)
	}
	return block
}

// walkYAML calls fn for every scalar with the key it is under (a list
// item has its list's key).
func walkYAML(n *strictyaml.Node, key string, fn func(string, *strictyaml.Node)) {
	switch n.Kind {
	case strictyaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			walkYAML(n.Content[i+1], n.Content[i].Value, fn)
		}
	case strictyaml.SequenceNode:
		for _, c := range n.Content {
			walkYAML(c, key, fn)
		}
	case strictyaml.ScalarNode:
		fn(key, n)
	}
}
