package strictyaml

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

func TestDecode(t *testing.T) {
	type doc struct {
		Name string `yaml:"name"`
	}
	tests := []struct {
		in, want, err string
	}{
		{"name: x\n", "x", ""},
		{`{"name": "y"}`, "y", ""},
		{"", "", ""},
		{"nmae: x\n", "", "f.yaml: yaml: unmarshal errors"},
		{"name: [\n", "", "f.yaml: yaml:"},
	}
	for _, tt := range tests {
		var d doc
		err := Decode("f.yaml", []byte(tt.in), &d)
		if tt.err == "" && (err != nil || d.Name != tt.want) {
			t.Errorf("%q: %+v, %v", tt.in, d, err)
		}
		if tt.err != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.err)) {
			t.Errorf("%q: err %v, want prefix %q", tt.in, err, tt.err)
		}
	}
}

func TestParse(t *testing.T) {
	doc, err := Parse([]byte("a: 1\nb: [x, y]\n"))
	if err != nil || doc.Kind != DocumentNode || len(doc.Content) != 1 {
		t.Fatalf("Parse: %+v, %v", doc, err)
	}
	m := doc.Content[0]
	if m.Kind != MappingNode || m.Content[3].Kind != SequenceNode || m.Content[3].Line != 2 {
		t.Errorf("mapping: kind %v, b kind %v line %d", m.Kind, m.Content[3].Kind, m.Content[3].Line)
	}
	if _, err := Parse([]byte("a: [\n")); err == nil {
		t.Error("Parse accepted broken YAML")
	}
}

// TestOneYAMLEntryPoint: no package but this one imports a YAML library,
// so the library (and its strictness) is chosen in one place.
func TestOneYAMLEntryPoint(t *testing.T) {
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); path != root && (strings.HasPrefix(n, ".") || n == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || filepath.ToSlash(filepath.Dir(path)) == "../../internal/strictyaml" {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, im := range f.Imports {
			if p := strings.Trim(im.Path.Value, `"`); strings.Contains(p, "yaml") && !strings.HasPrefix(p, "github.com/kartoitus/") {
				t.Errorf("%s imports %s: use internal/strictyaml", path, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
