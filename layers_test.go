package kartoitus_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

const module = "github.com/kartoitus/kartoitus"

// layers is the one-way flow of the code: inputs → models → analyses →
// findings → reports → the pipeline → commands. A package may import only
// packages of a lower layer, or one it names in allowed (an analysis that
// declares another analysis as its dependency, go/analysis style). A new
// package must be placed here.
var layers = [][]string{
	{"", "internal/strictyaml", "internal/textio", "internal/textnorm", "internal/hugepage", "internal/fi", "ident", "calendar"},
	{"internal/xlsxguard", "internal/xlsxprint", "internal/pgtest"},
	{"finding", "output"},
	{"sosmeta", "registers"},
	{"inventory", "export", "export/pgsource", "export/parquetsrc", "tos", "exportgen"},
	{"analyzer", "profile"},
	{"analyzer/mapping", "analyzer/coverage", "analyzer/invregister", "analyzer/retention", "separation", "stategraph"},
	{"report", "deploytest", "onboarding"},
	{"assess"},
	{"cmd/kartoitus", "samples/gen"},
}

// allowed are the declared same-layer dependencies.
var allowed = map[string][]string{
	"analyzer/coverage":    {"analyzer/mapping"},
	"analyzer/invregister": {"analyzer/mapping"},
	"analyzer/retention":   {"analyzer/mapping"},
	"stategraph":           {"analyzer/coverage", "analyzer/mapping"},
}

func TestLayers(t *testing.T) {
	level := map[string]int{}
	for i, l := range layers {
		for _, p := range l {
			level[p] = i
		}
	}
	imports := map[string]map[string]bool{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			// third_party holds other modules (a patched go-graphviz).
			if n := d.Name(); path != "." && (strings.HasPrefix(n, ".") || n == "testdata" || path == "third_party") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		pkg := filepath.ToSlash(filepath.Dir(path))
		if pkg == "." {
			pkg = ""
		}
		if imports[pkg] == nil {
			imports[pkg] = map[string]bool{}
		}
		for _, im := range f.Imports {
			p := strings.Trim(im.Path.Value, `"`)
			if p == module {
				imports[pkg][""] = true
			} else if strings.HasPrefix(p, module+"/") {
				imports[pkg][strings.TrimPrefix(p, module+"/")] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var pkgs []string
	for p := range imports {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	for _, p := range pkgs {
		lp, ok := level[p]
		if !ok {
			t.Errorf("package %q is not placed in a layer (layers_test.go)", p)
			continue
		}
		for dep := range imports[p] {
			ld, ok := level[dep]
			switch {
			case !ok:
				t.Errorf("%s imports %s, which is not placed in a layer", p, dep)
			case ld < lp:
			case contains(allowed[p], dep):
			default:
				t.Errorf("%s (layer %d) imports %s (layer %d): only lower layers or declared analysis dependencies", p, lp, dep, ld)
			}
		}
	}
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
